/** Quiz contract: question types, kinds and concepts, and the JSON of `quiz --json`. */
import { z } from 'zod';
import { ArticleRef } from '../../domain/law.ts';

const QuestionType = z.enum(['single', 'multiple', 'true_false', 'fill', 'scenario']);

/**
 * What a question trains. Recall kinds ask what the text says (`numbering`: which article or item carries a
 * content; `period`: a statutory period or count); application kinds make the officer decide as at the counter.
 */
export const QuestionKind = z.enum([
  'numbering',
  'period',
  'classification',
  'admissibility',
  'separation',
  'letter_defect',
  'remedy',
  'deadline_date',
]);
export type QuestionKind = z.infer<typeof QuestionKind>;

export const APPLICATION_KINDS: readonly QuestionKind[] = [
  'classification',
  'admissibility',
  'separation',
  'letter_defect',
  'remedy',
  'deadline_date',
];

export function isApplication(q: { kind: QuestionKind }): boolean {
  return APPLICATION_KINDS.includes(q.kind);
}

/** How the answer was proved: against the basis article's words, or by running one of our services. */
const Proof = z.object({
  by: z.enum(['article', 'classifier', 'checker', 'deadlines']),
  /** What was run or compared, and what it returned (for a trainer to audit). */
  detail: z.string().min(1),
});

export const Question = z.object({
  id: z.string(),
  type: QuestionType,
  kind: QuestionKind,
  /** The concept trained (依法分类处理, 诉访分离, 救济告知…): the unit of weak-point tracking. */
  concept: z.string().min(2),
  stem: z.string().min(4),
  /** Options keyed A, B, C…; for fill-in questions, an empty list. */
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  /** Option keys (single/multiple/true_false/scenario) or the expected text (fill). */
  answer: z.array(z.string()).min(1),
  explanation: z.string(),
  basis: z.array(ArticleRef).min(1),
  difficulty: z.number().int().min(1).max(3),
  chapter: z.number().int().nullable(),
  proof: Proof,
});
export type Question = z.infer<typeof Question>;
