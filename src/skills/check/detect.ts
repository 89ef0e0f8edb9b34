/**
 * Letter type from content (letters.md §1): the title when there is one, else the salutation, the request, the
 * conclusion and the remedy sentence. Texts that are not formal petition letters — mailbox and online replies,
 * court and reconsideration documents, replies to proposals, notices between agencies, a petitioner's own letter —
 * are `other`. Every result carries the reason, in Chinese, for the officer.
 */
import type { LetterType } from '../../domain/letters.ts';

export interface Detected {
  type: LetterType;
  reason: string;
}

/** Titles of formal petition letters, most specific first. */
const FORMAL_TITLES: [RegExp, LetterType][] = [
  [/复核意见书|复核意见$/, 'recheck_opinion'],
  [/复查意见书|复查意见$/, 'review_opinion'],
  [/(投诉|举报|控告).{0,6}(处理|办理|查处).{0,4}(情况|结果)?.{0,2}告知(书|单)/, 'complaint_result_notice'],
  [/不予受理.{0,4}告知(书|单)|不再受理.{0,4}告知(书|单)/, 'non_acceptance_notice'],
  [/受理.{0,2}告知(书|单)/, 'acceptance_notice'],
  [/处理意见书|答复意见书|处理决定书|信访事项.{0,6}(处理|答复)意见$/, 'handling_opinion'],
  [/告知书/, 'redirect_notice'],
];

/** Titles of documents that are not petition letters. */
const OTHER_TITLES: [RegExp, string][] = [
  [/(判决书|裁定书|调解书|决定书|复议.{0,6}决定|仲裁裁决书)$/, '法院、复议机关或仲裁机构的法律文书'],
  [
    /(建议|提案|议案).{0,30}(答复|回复|办理)|(答复|回复)(单|函)?$|12345|热线|工单/,
    '对建议、提案、热线工单或信箱留言的答复',
  ],
  [/(通知|通知单|函|通报|总结|报告|讲义|纪要|方案|办法|意见)(（[^）]*）)?$/, '机关之间的公文或内部材料'],
  [/政府信息公开.{0,8}答复/, '政府信息公开申请答复'],
];

const OTHER_SIGNS: [RegExp, string][] = [
  [/^(网友|市民|尊敬的|亲爱的|您好|你好)|[^\n]{0,12}您好[！!，,：:]/, '使用“您好”等信箱、留言板答复的称呼'],
  [/^(申请人|被申请人|原告|被告|上诉人|被上诉人|第三人)[：:（(]/m, '列明当事人的法院或复议机关文书'],
  [/审判长|书记员|本判决为终审判决|合议庭/, '法院文书'],
  [/此致\s*\n?\s*敬礼|^来信人[：:]/m, '信访人本人的来信'],
  [/^[^\n：:]{0,30}(代表|委员)[：:]/m, '对人大代表建议或政协委员提案的答复'],
  [/感谢(您|你)(对|的)/, '感谢对方关注或监督的简短答复'],
];

const COMPLAINT_REQUEST =
  /(举报|投诉|反映|检举)[^。]{0,80}(违法|违规|违章|违建|搭建|排污|偷排|噪声|噪音|油烟|扰民|无证|过期|污染|占用|占道|施工)[^。]{0,60}(要求|请求|希望)[^。]{0,16}(查处|处理|处罚|拆除|取缔|制止|整治)|要求[^。]{0,12}依法查处/;
const ENFORCEMENT =
  /(执法|现场检查|现场核查|现场勘查|检查时|突击检查|立案|责令|行政处罚|罚款|限期拆除|停止|查获|查处)/;

function titleLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/^#+\s*/, '')
        .replace(/[\s\u3000]+/g, (w) => (/^[\u3000 ]+$/.test(w) ? '' : w)),
    )
    .filter((l) => l !== '')
    .slice(0, 4)
    .filter((l) => l.length <= 40 && !/[：:。]/.test(l.slice(0, -1)));
}

const NAMES: Record<LetterType, string> = {
  handling_opinion: '信访事项处理意见书',
  review_opinion: '复查意见书',
  recheck_opinion: '复核意见书',
  acceptance_notice: '受理告知书',
  redirect_notice: '告知书',
  non_acceptance_notice: '不予受理告知书',
  complaint_result_notice: '投诉（举报）处理情况告知书',
  other: '非正式信访文书',
};

/** Bodies outside the petition system whose notices share petition titles (仲裁委 不予受理通知书, a court). */
const NON_PETITION_ISSUER = /(仲裁委员会|人民法院|人民检察院|公安局|派出所|复议机构|行政复议)/;

export function detectLetterType(text: string, own: string): Detected {
  const titles = titleLines(text);
  const header = titles[0] ?? '';
  if (NON_PETITION_ISSUER.test(header) && !/信访/.test(text.slice(0, 200)))
    return {
      type: 'other',
      reason: `出具机关“${header}”不是按信访程序出具文书的机关，这是其本身程序中的文书，不是正式信访文书；只做引文、个人信息和日期检查。`,
    };
  for (const line of titles) {
    for (const [re, type] of FORMAL_TITLES)
      if (re.test(line)) {
        if (type === 'handling_opinion' && isComplaint(own))
          return { type, reason: `标题为“${line}”（正文是对举报违法行为并要求查处的答复，另见检查结果）。` };
        return { type, reason: `标题为“${line}”，按${NAMES[type]}检查。` };
      }
    // “关于你反映……问题的答复” that reports what was done about a reported violation is a complaint reply.
    if (/^关于.{0,40}(反映|举报|投诉).{0,30}的(答复|回复)$/.test(line) && isComplaint(own))
      return {
        type: 'complaint_result_notice',
        reason: `标题“${line}”，正文答复的是举报他人违法行为并要求查处的事项（条例第三十一条第（五）项），按投诉（举报）处理情况告知书检查。`,
      };
    for (const [re, what] of OTHER_TITLES)
      if (re.test(line))
        return {
          type: 'other',
          reason: `标题“${line}”表明这是${what}，不是正式信访文书；只做引文、个人信息和日期检查。`,
        };
  }
  const head = text.slice(0, 300);
  for (const [re, what] of OTHER_SIGNS)
    if (re.test(head) || (re.source.includes('感谢') && re.test(text)))
      return {
        type: 'other',
        reason: `没有正式标题，且${what}，不是正式信访文书；只做引文、个人信息和日期检查。`,
      };
  if (
    /^[^\n：:]{2,30}(人民政府|局|委员会|委|办公室|街道办事处|公司|中心)[：:]/m.test(head) &&
    !/你于|你们于/.test(head)
  )
    return {
      type: 'other',
      reason: '没有正式标题，且主送对象是机关、单位，是机关之间的公文；只做引文、个人信息和日期检查。',
    };
  if (isComplaint(own) && !/复查意见|复核意见/.test(own))
    return {
      type: 'complaint_result_notice',
      reason:
        '没有标题；正文答复的是举报他人违法行为并要求查处的事项（条例第三十一条第（五）项），按投诉（举报）处理情况告知书检查。',
    };
  if (/复核请求|请求复核/.test(own) && /复核意见/.test(own) && !/向.{0,20}请求复核/.test(own))
    return { type: 'recheck_opinion', reason: '没有标题；正文写明收到复核请求并作出复核意见。' };
  if (/复查请求|请求复查/.test(own) && /复查意见/.test(own) && !/向.{0,20}请求复查/.test(own))
    return { type: 'review_opinion', reason: '没有标题；正文写明收到复查请求并作出复查意见。' };
  if (/不予受理|不再受理/.test(own) && !/处理意见/.test(own))
    return { type: 'non_acceptance_notice', reason: '没有标题；正文告知不予受理或不再受理。' };
  const formal = [
    /(如|若)[^。]{0,20}不服[^。]{0,40}(复查|复核)/.test(own),
    /(信访请求|投诉请求|处理意见)\s*[：:】\n]/.test(own),
    /(予以支持|不予支持|解释说明)/.test(own),
    /受理/.test(own),
  ].filter(Boolean).length;
  if (formal >= 2)
    return {
      type: 'handling_opinion',
      reason: '没有标题；正文有信访请求、处理结论或复查告知，按信访事项处理意见书检查。',
    };
  return {
    type: 'other',
    reason:
      '没有标题，也没有信访请求、处理结论和复查（复核）告知，不是正式信访文书；只做引文、个人信息和日期检查。',
  };
}

/** A report of someone else's violation, without an explicit “要求查处” (通过12345反映……违法搭建的问题). */
const REPORTED_VIOLATION =
  /(举报|投诉|反映)[^。]{0,80}(违法|违规|违章|违建|搭建|未经|未取得|无证|偷排|超标|过期|假冒|占道)/;
/** What an agency did about the reported party (the result a complaint reply reports). */
const ENFORCEMENT_RESULT =
  /(现场核查|现场检查|立案调查|立案|责令|行政处罚决定|作出.{0,10}处罚|没收|罚款\d|查扣|取缔)/;

function isComplaint(own: string): boolean {
  const m = COMPLAINT_REQUEST.exec(own);
  if (m !== null && ENFORCEMENT.test(own.slice(m.index + m[0].length))) return true;
  const r = REPORTED_VIOLATION.exec(own);
  return r !== null && ENFORCEMENT_RESULT.test(own.slice(r.index + r[0].length));
}
