/**
 * What we put into Slack and get back: button values and modal private metadata, each with a zod schema, so a
 * malformed or foreign payload becomes a clear `input_invalid` error instead of an unchecked cast.
 */
import { z } from 'zod';
import { AppError } from '../../errors.ts';

/** Where a modal's result goes: the conversation it was opened from. */
export const ModalOrigin = z.object({
  channel: z.string().min(1),
  threadTs: z.string().nullable(),
  team: z.string().nullable(),
});
export type ModalOrigin = z.infer<typeof ModalOrigin>;

/** A quiz button: session, question and (for choice buttons) the option. */
export const QuizRef = z.object({ s: z.string().min(1), q: z.string().min(1), a: z.string().optional() });
export type QuizRef = z.infer<typeof QuizRef>;

/** The 👎 comment modal: the answer and the user who rated it. */
export const FeedbackOrigin = z.object({ answerId: z.string().min(1), user: z.string().min(1) });
export type FeedbackOrigin = z.infer<typeof FeedbackOrigin>;

/** A feedback button value: `up:<answer id>` or `down:<answer id>`. */
export const FeedbackValue = z
  .string()
  .regex(/^(up|down):.+$/)
  .transform((v) => ({ up: v.startsWith('up:'), answerId: v.slice(v.indexOf(':') + 1) }));

export const QuizCount = z.coerce.number().int().min(1).max(20).catch(5);

export function parsePayload<T>(schema: z.ZodType<T>, raw: unknown, what: string, json = true): T {
  let value: unknown = raw;
  if (json) {
    try {
      value = JSON.parse(typeof raw === 'string' ? raw : '');
    } catch {
      value = undefined;
    }
  }
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('input_invalid', `${what}的数据无效，请重新操作。`);
  return r.data;
}
