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
