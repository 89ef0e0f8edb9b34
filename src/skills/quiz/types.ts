/** Quiz contract: question types and the JSON of `quiz --json`. */
import { z } from 'zod';
import { ArticleRef } from '../../domain/law.ts';

export const QuestionType = z.enum(['single', 'multiple', 'true_false', 'fill', 'scenario']);
export type QuestionType = z.infer<typeof QuestionType>;

export const Question = z.object({
  id: z.string(),
  type: QuestionType,
  stem: z.string().min(4),
  /** Options keyed A, B, C…; for fill-in questions, an empty list. */
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  /** Option keys (single/multiple/true_false/scenario) or the expected text (fill). */
  answer: z.array(z.string()).min(1),
  explanation: z.string(),
  basis: z.array(ArticleRef).min(1),
  difficulty: z.number().int().min(1).max(3),
  chapter: z.number().int().nullable(),
});
export type Question = z.infer<typeof Question>;
