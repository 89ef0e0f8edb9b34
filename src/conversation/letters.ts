/**
 * Drafting from the case in focus: which letter the matter calls for (letters.md §1, by route and admissibility),
 * and the fields the conversation has already established.
 */
import type { Classification } from '../domain/classification.ts';
import type { DraftType } from '../domain/letters.ts';
import { CHANNEL_NAME, SUBCHANNEL_NAME } from '../skills/classify/format.ts';
import type { CaseFocus } from './case.ts';
import type { DraftData } from './draft-dialog.ts';

export const LETTER_NAME: Record<DraftType, string> = {
  handling_opinion: '信访事项处理意见书',
  review_opinion: '信访事项复查意见书',
  recheck_opinion: '信访事项复核意见书',
  acceptance_notice: '受理告知书',
  redirect_notice: '告知书（导入法定途径）',
  non_acceptance_notice: '不予受理告知书',
  complaint_result_notice: '投诉（举报）处理情况告知书',
};

/** The letter a classified matter calls for, with the reason in an officer's words. */
export function letterFor(c: Classification): { type: DraftType; why: string } {
  const stage = c.facts?.find((f) => f.name === 'stage')?.value;
  if (c.admissibility === 'no_longer_accepted' || c.admissibility === 'duplicate_escalation')
    return {
      type: 'non_acceptance_notice',
      why: '本事项依法不再受理，应书面告知不予受理及其理由',
    };
  if (c.category === 'accusation')
    return {
      type: 'acceptance_notice',
      why: '检举控告类事项按管理权限转纪检监察机关或有权处理的机关办理（条例第三十条），只告知接收和转送情况，不出具处理意见书，也不得写入检举人身份和检举内容细节',
    };
  if (c.category === 'suggestion')
    return {
      type: 'acceptance_notice',
      why: '建议意见类事项由有权机关研究论证后回复（条例第二十九条），不出具处理意见书',
    };
  if (c.channel === 'duty_performance')
    return {
      type: 'complaint_result_notice',
      why: '条例第三十一条第（五）项事项应依法履行职责或者答复，以投诉（举报）处理情况告知书反馈查处结果，救济途径是行政复议、行政诉讼，不是复查、复核',
    };
  if (c.admissibility === 'redirect' || c.admissibility === 'judicial_concluded' || c.article31Item !== 6)
    return {
      type: 'redirect_notice',
      why: `本事项应通过${routeName(c)}解决（条例第三十一条第（${c.article31Item ?? 1}）项），应告知信访人向有权机关依法定程序提出，不出具处理意见书`,
    };
  if (stage === 'review_done')
    return { type: 'recheck_opinion', why: '信访人不服复查意见请求复核，出具复核意见书（条例第三十六条）' };
  if (stage === 'opinion_issued')
    return { type: 'review_opinion', why: '信访人不服处理意见请求复查，出具复查意见书（条例第三十五条）' };
  return {
    type: 'handling_opinion',
    why: '第三十一条第（六）项事项，调查核实后出具处理意见书（条例第三十二条）',
  };
}

export function routeName(c: Classification): string {
  return c.subchannel
    ? (SUBCHANNEL_NAME[c.subchannel] ?? c.subchannel)
    : (CHANNEL_NAME[c.channel] ?? c.channel);
}

/** The petitioner's request as the case text states it. */
function requestOf(text: string): string | null {
  const first =
    text.split(/[。\n]/).find((s) => /(要求|请求|希望|想让|想要|诉求)/.test(s)) ?? text.split(/[。\n]/)[0];
  if (!first) return null;
  const s = first
    .replace(/^(收到一封信|收到来信|有群众来信|群众来信|来信|另外一件)[，,：:]?/, '')
    .replace(/[？?].*$/, '')
    .trim();
  return s.length >= 4 ? s.slice(0, 200) : null;
}

/** Fills what the conversation established; never overwrites what the officer typed. */
export function prefill(
  draft: DraftData,
  focus: CaseFocus | undefined,
  agency: string | undefined,
): string[] {
  const filled: string[] = [];
  const set = (key: string, value: unknown, label: string) => {
    if (draft[key] !== undefined || value === undefined || value === null || value === '') return;
    draft[key] = value;
    filled.push(label);
  };
  set('handlingBody', agency ?? focus?.parties.agency, '办理机关');
  if (!focus) return filled;
  const c = focus.classification;
  if (focus.parties.petitioner) set('petitioner', { name: focus.parties.petitioner }, '信访人姓名');
  set('receivedDate', focus.dates.received, '收到日期');
  set('acceptedDate', focus.dates.accepted, '受理日期');
  set('request', requestOf(focus.text), '信访请求');
  const type = draft.letterType;
  if (type === 'redirect_notice' && c.article31Item !== null && c.article31Item <= 5) {
    const limit = c.timeLimits.find((t) => /知道/.test(t.from)) ?? c.timeLimits[0];
    set(
      'redirect',
      {
        body: c.handlingBody,
        procedure: routeName(c),
        ...(limit ? { timeLimit: `${limit.what}为${limit.limit}，自${limit.from}起算` } : {}),
        article31Item: c.article31Item,
      },
      '法定途径',
    );
    set(
      'decisionReason',
      `你反映的事项属于应当通过${routeName(c)}解决的事项，依照《信访工作条例》第三十一条第（${c.article31Item}）项的规定，应向${c.handlingBody}依法提出`,
      '处理理由',
    );
  }
  if (type === 'redirect_notice' || type === 'non_acceptance_notice') {
    const basis = c.legalBasis.filter((b) => !(b.law === '信访工作条例' && b.article === 31));
    if (basis.length > 0) set('legalBasis', basis, '法律法规依据');
  }
  if (type === 'non_acceptance_notice') set('decisionReason', c.explanation.split('。')[0], '处理理由');
  return filled;
}
