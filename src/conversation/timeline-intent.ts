/**
 * Case dates written the way officers write them (“收到2026年3月2日，受理3月5日……”) read into a timeline input:
 * each date belongs to the keyword right before it.
 */
import { findDates } from '../skills/deadlines/dates.ts';
import type { CaseDates } from '../skills/deadlines/timeline.ts';

type DateField = Exclude<keyof CaseDates, 'extensionDays'>;

const KEYWORDS: [RegExp, DateField][] = [
  [/收到复核请求|复核请求/, 'recheckRequestReceived'],
  [/复查意见(出具|作出)|复查答复/, 'reviewReplyIssued'],
  [/收到复查意见/, 'reviewReplyReceived'],
  [/收到复查请求|复查请求/, 'reviewRequestReceived'],
  [/收到(处理)?意见书|收到答复|送达/, 'replyReceived'],
  [/(处理意见|意见书)?(出具|答复|办结)/, 'replyIssued'],
  [/受理/, 'accepted'],
  [/收到|来信|来访|登记/, 'received'],
];

/** Each date takes the keyword in its own clause: after it (“3月5日受理”) or, failing that, before it (“受理3月5日”). */
export function readCaseDates(text: string): Partial<CaseDates> {
  const out: Partial<Record<DateField, string>> = {};
  const dates = findDates(text);
  dates.forEach((d, i) => {
    const nextStart = dates[i + 1]?.span[0] ?? text.length;
    const after = text.slice(d.span[1], nextStart).split(/[，,。；;、\n]/)[0] ?? '';
    const prevEnd = dates[i - 1]?.span[1] ?? 0;
    const beforeParts = text.slice(prevEnd, d.span[0]).split(/[，,。；;、\n]/);
    const before = beforeParts[beforeParts.length - 1] ?? '';
    for (const clause of [after, before]) {
      const hit = KEYWORDS.find(([re, field]) => re.test(clause) && out[field] === undefined);
      if (hit) {
        out[hit[1]] = d.date;
        return;
      }
    }
  });
  return out;
}
