/** Required elements (letters.md §2): petitioner, request, investigated facts, a clear conclusion, issuer and date. */
import { basisOf, finding, isOpinion, type Rule } from '../context.ts';

const INVESTIGATED =
  /(经调查|经核实|经查|经复查|经复核|查明|调取|调阅|核查|现场查看|实地|询问|走访|会同|测压|检测|核对|调查核实|认定的事实|复查认定|复核查明|查阅|比对|勘验|核实|鉴定|入户)/;
const EVIDENCE =
  /(档案|台账|记录|名册|笔录|证明|材料|文件|合同|判决书|检测|测压|照片|发票|凭证|协议|账|鉴定|监控|报告|批复|方案|登记表|审批表|清单|图纸|现场|清册|明细|单据|病历|流水)/;
const QUANTITY = /\d+(\.\d+)?\s*(多)?\s*(元|万元|米|公里|户|人|平方米|亩|台|次|天|日|年|个月|%|盏|个|名)/;

const SUPPORT = /(予以支持|给予支持|依法支持|请求.{0,8}支持(?!.{0,2}不))/g;
const NOT_SUPPORTED = /不予支持/g;
const EXPLAINED = /(解释说明|作出解释|予以解释)/;
/** 复查、复核 conclusions on the opinion under review (维持、撤销、变更、责令重新办理). */
const REVIEW_RESULT = /(维持|撤销|变更|责令[^。]{0,16}重新(办理|作出|处理|答复))/;
const PARTIAL = /(部分|其余|其他请求|另一项|另项|分别)/;

export type Decision = 'supported' | 'explained' | 'not_supported';

/** The conclusions a letter states in its own words (more than one may be stated, e.g. partial support). */
export function statedDecisions(own: string): Set<Decision> {
  const out = new Set<Decision>();
  if (new RegExp(SUPPORT.source).test(own.replace(/不予支持/g, ''))) out.add('supported');
  if (new RegExp(NOT_SUPPORTED.source).test(own)) out.add('not_supported');
  if (EXPLAINED.test(own)) out.add('explained');
  return out;
}

/** What a conclusion is about: “对修复路灯的请求予以支持” → 修复路灯; a bare “你的请求” → null. */
function objectOf(own: string, at: number): string | null {
  const start =
    Math.max(own.lastIndexOf('。', at - 1), own.lastIndexOf('；', at - 1), own.lastIndexOf('\n', at - 1)) + 1;
  const clause = own.slice(start, at);
  const m =
    /对(?:你们|你|信访人|其)?(?:的)?(?:要求|请求|提出的)?([^，。；]{1,30}?)(的)?(请求|诉求|要求|问题)[^。；]{0,40}$/.exec(
      clause,
    );
  const obj = (m?.[1] ?? '').replace(/^(你|你们|信访人|其)(的)?/, '').trim();
  return obj === '' ? null : obj;
}

function contradictory(own: string): boolean {
  const objects = (text: string, re: RegExp) =>
    [...text.matchAll(re)].map((m) => objectOf(own, (m.index ?? 0) + m[0].length));
  const yes = objects(own.replace(/不予支持/g, '〇〇〇〇'), SUPPORT);
  const no = objects(own, NOT_SUPPORTED);
  if (yes.length === 0 || no.length === 0) return false;
  // Different requests answered differently is partial support, not a contradiction.
  return yes.some((a) => no.some((b) => a === null || b === null || a === b));
}

const petitioner: Rule = (ctx) =>
  ctx.letter.petitioner || ctx.letter.letterType === 'other'
    ? []
    : [
        finding(
          'MISSING_PETITIONER',
          '未写明信访人姓名（名称）。',
          null,
          basisOf(ctx, 'MISSING_PETITIONER'),
          '在正文前写明信访人姓名（名称），如“张某某：”。',
        ),
      ];

const issuerAndDate: Rule = (ctx) => {
  const { letter } = ctx;
  if (letter.impossibleDate)
    return [
      finding(
        'MISSING_ISSUER_OR_DATE',
        `成文日期“${letter.impossibleDate.raw}”不存在。`,
        letter.impossibleDate.span,
        [],
        '核对并改正成文日期。',
      ),
    ];
  // Of a text that is not a formal petition letter, only a complete official document (a title such as
  // “关于……的回复/函/答复” and an addressee) is expected to carry an issuer and a date; a pasted reply or a
  // citizen's own letter is not.
  if (letter.letterType === 'other' && !isCompleteOfficialText(letter.text)) return [];
  // An informal text (留言板、信箱) may name its issuer and date in labelled fields instead of a signature block.
  const issuer =
    letter.issuer ??
    (letter.letterType === 'other'
      ? /(回复单位|答复单位|办理单位|承办单位|回复部门)[】：:\s]+\S+/.exec(letter.text)
      : null);
  const dated =
    letter.issueDate ??
    (letter.letterType === 'other'
      ? /(回复时间|答复时间|办理时间|回复日期|办结时间)[】：:\s]+\d{4}/.exec(letter.text)
      : null);
  if (issuer && dated) return [];
  const missing = [issuer ? null : '落款机关名称', dated ? null : '成文日期'].filter(Boolean).join('和');
  return [
    finding(
      'MISSING_ISSUER_OR_DATE',
      `文书缺少${missing}。`,
      null,
      [],
      '在文末写明出具机关全称和成文日期（如“2026年4月20日”），并加盖印章。',
    ),
  ];
};

const request: Rule = (ctx) => {
  const { letter } = ctx;
  if (!isOpinion(letter.letterType)) return [];
  // The request must be stated, not merely referred to (“对你的请求予以支持” states nothing).
  const stated =
    /(信访请求|投诉请求|复查请求|复核请求|请求事项|诉求|你的请求|信访人的请求)\s*[：:为是\n】]/.test(
      letter.body,
    ) ||
    /(你|你们|信访人|来信人|来访人|(复查|复核)(请求|申请)人)[^。，的]{0,4}(要求|请求|希望|提出|举报)/.test(
      letter.body,
    ) ||
    /(反映|来信|来访)[^。]{0,60}(要求|请求)/.test(letter.body);
  if (stated) return [];
  return [
    finding(
      'MISSING_REQUEST',
      '未载明信访人的投诉请求。',
      null,
      basisOf(ctx, 'MISSING_REQUEST'),
      '增加“信访请求”部分，写明信访人具体要求解决什么问题。',
    ),
  ];
};

const facts: Rule = (ctx) => {
  const { letter } = ctx;
  if (!isOpinion(letter.letterType)) return [];
  const investigated = letter.sentences.filter(
    (s) => s.span[0] >= letter.bodyStart && INVESTIGATED.test(letter.own.slice(s.span[0], s.span[1])),
  );
  if (investigated.length === 0) {
    return [
      finding(
        'MISSING_FACTS',
        '只有信访人陈述或表态，没有本机关调查核实查明的事实。',
        null,
        basisOf(ctx, 'MISSING_FACTS'),
        '增加“经调查核实查明”的事实：何时、向谁、调取或核查了什么材料，查明了什么。',
      ),
    ];
  }
  const specific = investigated.some(
    (s) =>
      /\d{4}年|\d{4}-\d{2}|[〇零一二三四五六七八九]{4}年/.test(s.text) ||
      EVIDENCE.test(s.text) ||
      QUANTITY.test(s.text),
  );
  if (specific) return [];
  const first = investigated[0];
  return [
    finding(
      'FACTS_UNSUPPORTED',
      '有“经查”等字样，但查明的事实空泛：没有时间、对象或证据来源。',
      first ? first.span : null,
      basisOf(ctx, 'FACTS_UNSUPPORTED'),
      '写明调查核实的时间、对象和证据来源，如“经于2026年5月20日调取某档案、询问某某，查明……”。',
    ),
  ];
};

const conclusion: Rule = (ctx) => {
  const { letter } = ctx;
  if (!isOpinion(letter.letterType)) return [];
  const own = letter.own.slice(letter.bodyStart);
  const decisions = statedDecisions(own);
  const reviewed = letter.letterType !== 'handling_opinion' && REVIEW_RESULT.test(own);
  if (decisions.size === 0 && !reviewed) {
    return [
      finding(
        'UNCLEAR_CONCLUSION',
        letter.letterType === 'handling_opinion'
          ? '处理意见没有明确为“予以支持”“解释说明”或“不予支持”之一。'
          : '没有明确对原意见的审查结论（维持、撤销、变更或责令重新办理）及对请求的处理意见。',
        null,
        basisOf(ctx, 'UNCLEAR_CONCLUSION'),
        '依照《信访工作条例》第三十二条第一款明确写出结论，如“对你的请求不予支持”。',
      ),
    ];
  }
  if (
    decisions.has('supported') &&
    decisions.has('not_supported') &&
    !PARTIAL.test(own) &&
    contradictory(own)
  ) {
    return [
      finding(
        'UNCLEAR_CONCLUSION',
        '结论前后矛盾：对同一请求既写“予以支持”又写“不予支持”。',
        null,
        basisOf(ctx, 'UNCLEAR_CONCLUSION'),
        '对每一项请求只作一种结论；部分支持的，分项写明。',
      ),
    ];
  }
  // A review that upholds (维持) an original opinion refusing the request, and then supports that request.
  const whole = letter.text.slice(letter.bodyStart);
  if (
    reviewed &&
    /(予以|依法)?维持(原|该|县|区|市|镇|乡|街道)?[^。；]{0,20}(处理意见|复查意见|意见)?|予以维持/.test(own) &&
    !/(撤销|变更|部分维持|维持[^。]{0,10}第[一二三四五六七八九十]+项)/.test(own) &&
    decisions.has('supported') &&
    !decisions.has('not_supported') &&
    !/(部分(支持|维持)|其余(请求|诉求)|其他请求|另一项|另项)/.test(own) &&
    /原(处理|复查)?意见[^。]{0,80}不予支持/.test(whole)
  ) {
    return [
      finding(
        'UNCLEAR_CONCLUSION',
        '结论前后矛盾：维持了不予支持该请求的原意见，又对同一请求“予以支持”。',
        null,
        basisOf(ctx, 'UNCLEAR_CONCLUSION'),
        '维持原意见的，不再支持原意见未支持的请求；支持该请求的，应撤销或变更原意见。',
      ),
    ];
  }
  return [];
};

export const elementRules: Rule[] = [petitioner, request, facts, conclusion, issuerAndDate];

/** A titled official document with an addressee (“关于……的回复”, “……的函”), as opposed to a snippet. */
function isCompleteOfficialText(text: string): boolean {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 4);
  const titled = lines.some((l) => /^关于.{2,60}的(回复|答复|复函|函|通知|报告|意见)$|(复函|的函)$/.test(l));
  const addressed = lines.some(
    (l) => /^[^：:，。]{1,30}[：:]$/.test(l) || /^[^：:，。]{1,30}[：:]\S/.test(l),
  );
  return titled && addressed;
}
