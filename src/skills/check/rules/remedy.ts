/** Remedy guidance (letters.md §3): the most error-prone paragraph of a petition letter. */
import { parseChineseNumber } from '../../../knowledge/numerals.ts';
import { judgeSuperior, suggestSuperior } from '../../letters/organs.ts';
import { basisOf, type CheckContext, finding, type Rule } from '../context.ts';

const COURT = /(行政复议|行政诉讼|向.{0,10}人民法院|提起诉讼|起诉)/;
const PERIOD = /([\d]+|[一二三四五六七八九十]+)\s*(个工作日|日|天|个月)/;
const BODY = /向(.{2,30}?)(?:再次|重新)?(?:请求|申请|提出)(?:复查|复核)/;

function correctSentence(ctx: CheckContext): string | undefined {
  const { letter, remedies } = ctx;
  const superior = letter.issuer ? suggestSuperior(letter.issuer) : null;
  return remedies.sentence(letter.letterType, superior) ?? undefined;
}

const remedy: Rule = (ctx) => {
  const { letter } = ctx;
  const type = letter.letterType;
  const sentences = letter.remedySentences;
  const out = [];
  const suggestion = correctSentence(ctx);

  const table = ctx.remedies.get(type);
  const channelBasis = [
    ...(table?.basis ?? []),
    ...basisOf(ctx, 'WRONG_REMEDY_CHANNEL').filter(
      (b) => b.law !== ctx.regulation.law && b.law !== '信访工作条例',
    ),
  ];
  if ((type === 'handling_opinion' || type === 'review_opinion') && table?.next && table.days) {
    const next = table.next;
    const basis = table.basis;
    const any = sentences.find((s) => /(复查|复核)/.test(s.text) || COURT.test(s.text));
    if (!any) {
      out.push(finding('MISSING_REMEDY', `未告知信访人请求${next}的救济途径。`, null, basis, suggestion));
      return out;
    }
    const court = sentences.find((s) => COURT.test(s.text));
    if (court) {
      out.push(
        finding(
          'WRONG_REMEDY_CHANNEL',
          `告知对信访${type === 'handling_opinion' ? '处理' : '复查'}意见申请行政复议或提起诉讼；信访意见不属于行政复议、行政诉讼的受理范围，救济途径是请求${next}。`,
          court.span,
          channelBasis,
          suggestion,
        ),
      );
    }
    const main = sentences.find((s) => s.text.includes(next)) ?? court ?? any;
    if (
      type === 'handling_opinion' &&
      !sentences.some((s) => s.text.includes('复查')) &&
      sentences.some((s) => s.text.includes('复核'))
    ) {
      out.push(
        finding('WRONG_REMEDY_CHANNEL', '处理意见书告知“复核”，跳过了复查。', main.span, basis, suggestion),
      );
    }
    if (
      type === 'review_opinion' &&
      /(请求|申请|提出)(再次)?复查/.test(sentences.map((s) => s.text).join(''))
    ) {
      out.push(
        finding(
          'WRONG_REMEDY_CHANNEL',
          '复查意见书又告知“复查”；不服复查意见的，应向上一级机关请求复核。',
          main.span,
          basis,
          suggestion,
        ),
      );
    }
    const period = PERIOD.exec(main.text);
    const days = period ? parseChineseNumber(period[1] ?? '') : null;
    const unitOk = period && (period[2] === '日' || period[2] === '天');
    if (!period || days !== table.days || !unitOk) {
      out.push(
        finding(
          'WRONG_REMEDY_DEADLINE',
          period
            ? `救济期限写成“${period[0]}”，应为自收到本意见书之日起${table.days}日内。`
            : `未写明救济期限；应为自收到本意见书之日起${table.days}日内。`,
          period
            ? [main.span[0] + (period.index ?? 0), main.span[0] + (period.index ?? 0) + period[0].length]
            : main.span,
          basis,
          suggestion,
        ),
      );
    }
    const bodyMatch = BODY.exec(main.text);
    if (bodyMatch && letter.issuer) {
      const named = (bodyMatch[1] ?? '').replace(/^(本意见书之日起|收到之日起)?\d*日内[，,]?/, '').trim();
      // The issuer named without its city prefix (某县人民政府 for 某市某县人民政府) is still the issuer.
      // “向某区人民政府或者某市民政局请求复查”: each body offered is judged on its own.
      const issuer = letter.issuer;
      const verdicts = named
        .split(/或者|或是|或|、/)
        .map((b) => b.trim())
        .filter((b) => b !== '')
        .map((b) => (issuer.endsWith(b) ? 'self' : judgeSuperior(issuer, b)));
      const verdict = verdicts.includes('self')
        ? 'self'
        : verdicts.includes('not_superior')
          ? 'not_superior'
          : 'ok';
      if (verdict === 'self' || verdict === 'not_superior') {
        const start = main.span[0] + (bodyMatch.index ?? 0) + 1;
        out.push(
          finding(
            'WRONG_REMEDY_BODY',
            verdict === 'self'
              ? `告知向“${named}”（本机关）请求${next}；${next}应向${type === 'handling_opinion' ? '原办理机关' : '复查机关'}的上一级机关提出。`
              : `“${named}”不是${letter.issuer}的上一级机关。`,
            [start, start + named.length],
            basis,
            suggestion,
          ),
        );
      }
    }
    return out;
  }

  if (type === 'recheck_opinion') {
    const wrong = sentences.find((s) =>
      /(请求|申请|提出)(复查|复核)|行政复议|行政诉讼|提起诉讼|起诉/.test(s.text),
    );
    if (wrong) {
      out.push(
        finding(
          'WRONG_REMEDY_CHANNEL',
          '复核意见书不得再告知复查、复核、行政复议或行政诉讼；复核意见是信访程序的终结意见。',
          wrong.span,
          channelBasis,
          suggestion,
        ),
      );
    }
    if (!/不再受理/.test(letter.text)) {
      out.push(
        finding(
          'MISSING_FINALITY_NOTICE',
          '复核意见书未告知“仍以同一事实和理由提出投诉请求的，不再受理”。',
          null,
          basisOf(ctx, 'MISSING_FINALITY_NOTICE'),
          suggestion,
        ),
      );
    }
    return out;
  }

  if (type === 'complaint_result_notice') {
    const wrong = sentences.find((s) => /(复查|复核)/.test(s.text));
    if (wrong) {
      out.push(
        finding(
          'WRONG_REMEDY_CHANNEL',
          '对申请查处违法行为事项的答复，救济途径是行政复议（认为本机关未履行保护职责的，应当先申请行政复议）或行政诉讼，不是信访复查、复核。',
          wrong.span,
          table?.basis ?? basisOf(ctx, 'WRONG_REMEDY_CHANNEL'),
          suggestion,
        ),
      );
    }
  }
  return out;
};

export const remedyRules: Rule[] = [remedy];
