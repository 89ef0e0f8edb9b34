/** Deadline contract (../shared/domain/deadlines.md): limit codes, events and the computed item JSON. */
import { z } from 'zod';
import { ArticleRef } from './law.ts';

export const DeadlineCode = z.enum([
  'register_transfer',
  'notify_direct',
  'notify_transferred',
  'object_transfer',
  'handle',
  'handle_extended',
  'review_request',
  'review_reply',
  'recheck_request',
  'recheck_reply',
  'labor_arbitration',
  'land_contract_arbitration',
  'reconsideration',
  'reconsideration_decision',
  'admin_suit',
  'admin_suit_after_reconsideration',
  'supervision_review',
  'labor_arbitration_award',
  'disclosure_reply',
  'state_comp_decision',
  'state_comp_admin_suit',
  'state_comp_criminal_reconsideration',
  'state_comp_committee',
  'state_comp_limitation',
  'agreement_performance_suit',
  'penalty_hearing_request',
  'labour_award_suit',
]);
export type DeadlineCode = z.infer<typeof DeadlineCode>;

export const DeadlineEvent = z.enum([
  'received',
  'transfer_received',
  'accepted',
  'reply_received',
  'review_request_received',
  'review_reply_received',
  'recheck_request_received',
]);
export type DeadlineEvent = z.infer<typeof DeadlineEvent>;

export const DeadlineItem = z.object({
  code: DeadlineCode,
  what: z.string(),
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  basis: ArticleRef,
  rule: z.string(),
});
export type DeadlineItem = z.infer<typeof DeadlineItem>;

export const DeadlineResult = z.object({ items: z.array(DeadlineItem), warnings: z.array(z.string()) });
export type DeadlineResult = z.infer<typeof DeadlineResult>;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');

/**
 * An official year arrangement (放假安排) supplied by an agency for a year the calendar package lacks:
 * {"year":2027,"holidays":{"2027-10-01":"国庆节"},"workdays":{"2027-10-09":"国庆节调休"}}.
 */
export const HolidayArrangement = z
  .object({
    year: z.number().int().min(2000).max(2100),
    holidays: z.record(IsoDay, z.string().min(1)),
    workdays: z.record(IsoDay, z.string().min(1)).default({}),
  })
  .superRefine((a, ctx) => {
    for (const d of [...Object.keys(a.holidays), ...Object.keys(a.workdays)]) {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      const t = new Date(Date.UTC(y, m - 1, day));
      if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== day)
        ctx.addIssue({ code: 'custom', message: `日期 ${d} 不存在` });
      else if (y !== a.year) ctx.addIssue({ code: 'custom', message: `日期 ${d} 不属于 ${a.year} 年` });
    }
  });
export type HolidayArrangement = z.infer<typeof HolidayArrangement>;
export const HolidayArrangementFile = z.union([HolidayArrangement, z.array(HolidayArrangement).min(1)]);
