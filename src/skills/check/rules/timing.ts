/** Time limits (第34—36条): the letter's issue date against the statutory period from acceptance or request. */
import type { FoundDate } from '../../deadlines/dates.ts';
import { formatChineseDate } from '../../deadlines/dates.ts';
import { basisOf, type CheckContext, finding, type Rule } from '../context.ts';

const EXTENSION_APPROVED =
  /(延长|延期).{0,30}(批准|同意)|(经|报)[^。]{0,20}(负责人|领导|局长|主任|主要负责同志)[^。]{0,16}(批准|同意)[^。]{0,20}(延长|延期)/;
const EXTENSION_NOTIFIED = /(告知|通知|函告).{0,20}(延期|延长)|延期理由|延长办理期限.{0,20}告知/;

/** The date that a keyword right after it gives a meaning to (…于2026年3月5日受理). */
function dateBefore(ctx: CheckContext, keyword: RegExp, window = 14): FoundDate | null {
  const { letter } = ctx;
  for (const d of letter.dates) {
    if (letter.issueDate && d.span[0] === letter.issueDate.span[0]) continue;
    const after = letter.text.slice(d.span[1], d.span[1] + window);
    if (keyword.test(after)) return d;
  }
  return null;
}

/** A date written after a label (受理日期：2026年1月5日). */
function dateAfterLabel(ctx: CheckContext, label: RegExp): FoundDate | null {
  const { letter } = ctx;
  return (
    letter.dates.find((d) => label.test(letter.text.slice(Math.max(0, d.span[0] - 10), d.span[0]))) ?? null
  );
}

const timing: Rule = (ctx) => {
  const { letter, deadlines } = ctx;
  const issued = letter.issueDate?.date;
  if (!issued) return [];
  const type = letter.letterType;
  if (type === 'handling_opinion') {
    const accepted =
      dateBefore(ctx, /^[^。，,；]{0,8}受理/) ?? dateAfterLabel(ctx, /受理(日期|时间)[：:]\s*$/);
    if (!accepted) return [];
    const base = deadlines.compute('handle', accepted.date).items[0];
    if (!base || issued <= base.due) return [];
    const approved = EXTENSION_APPROVED.test(letter.text);
    const notified = EXTENSION_NOTIFIED.test(letter.text);
    const daysMatch = /延长.{0,6}?(\d+)\s*日/.exec(letter.text);
    const extDays = daysMatch ? Number(daysMatch[1]) : 30;
    const out = [];
    const extended = deadlines.compute('handle_extended', accepted.date, Math.min(30, Math.max(1, extDays)))
      .items[0];
    if (!approved || !extended || issued > extended.due) {
      out.push(
        finding(
          'OVERDUE',
          approved && extended
            ? `自${formatChineseDate(accepted.date)}受理，延长后应于${formatChineseDate(extended.due)}前办结，出具日期${formatChineseDate(issued)}已超期。`
            : `自${formatChineseDate(accepted.date)}受理，应于${formatChineseDate(base.due)}前办结（60日），出具日期${formatChineseDate(issued)}已超期，且未记载经批准延期。`,
          letter.issueDate?.span ?? null,
          basisOf(ctx, 'OVERDUE').filter((b) => b.article === 34),
          '按时限办结；确需延长的，应在期限内经本机关负责人批准（不超过30日）并告知信访人延期理由，并在文书中记载。',
        ),
      );
    }
    if (!approved || !notified || extDays > 30) {
      out.push(
        finding(
          'EXTENSION_UNNOTIFIED',
          extDays > 30
            ? `记载延长${extDays}日，超过30日的上限。`
            : '超过60日办结，但文书未记载经负责人批准延期并告知信访人延期理由。',
          null,
          basisOf(ctx, 'EXTENSION_UNNOTIFIED'),
          '写明“经本机关负责人批准，办理期限延长××日，已于××年××月××日告知你延期理由”。',
        ),
      );
    }
    return out;
  }
  if (type === 'review_opinion' || type === 'recheck_opinion') {
    const word = type === 'review_opinion' ? '复查' : '复核';
    const received =
      dateBefore(ctx, new RegExp(`^[^。；]{0,6}收到.{0,4}(${word})?(请求|申请)`)) ??
      dateBefore(ctx, new RegExp(`^[^。；]{0,16}(请求|申请)${word}`), 24) ??
      dateBefore(
        ctx,
        new RegExp(`^[^。；]{0,16}(提出|提交|递交)(了)?${word}(请求|申请)[^。；]{0,10}(当日|同日|当天)收到`),
        40,
      );
    // “……提出复核请求，本机关于2025年8月4日收到。”: the request named just before the date received.
    const receivedAfter =
      received ??
      letter.dates.find(
        (d) =>
          /^[^。；]{0,4}收到/.test(letter.text.slice(d.span[1], d.span[1] + 8)) &&
          new RegExp(`${word}(请求|申请)`).test(letter.text.slice(Math.max(0, d.span[0] - 30), d.span[0])),
      ) ??
      null;
    if (!receivedAfter) return [];
    if (type === 'recheck_opinion' && /听证/.test(letter.text)) return []; // hearing time is not counted (第36条第2款)
    const item = deadlines.compute(
      type === 'review_opinion' ? 'review_reply' : 'recheck_reply',
      receivedAfter.date,
    ).items[0];
    if (!item || issued <= item.due) return [];
    return [
      finding(
        'OVERDUE',
        `自${formatChineseDate(receivedAfter.date)}收到${word}请求，应于${formatChineseDate(item.due)}前提出${word}意见，出具日期${formatChineseDate(issued)}已超期。`,
        letter.issueDate?.span ?? null,
        basisOf(ctx, 'OVERDUE').filter((b) => b.article === (type === 'review_opinion' ? 35 : 36)),
        `自收到${word}请求之日起30日内提出${word}意见。`,
      ),
    ];
  }
  return [];
};

export const timingRules: Rule[] = [timing];
