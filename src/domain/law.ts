/** Law references as used in every contract: short law name (no 《》, no 中华人民共和国) and an Arabic article number. */
import { z } from 'zod';

export const LawName = z.string().min(2).max(60);

export const ArticleRef = z.object({
  law: LawName,
  article: z.number().int().positive(),
});
export type ArticleRef = z.infer<typeof ArticleRef>;

/** A finer reference used when a paragraph (款) or item (项) matters, e.g. 条例第36条第3款. */
export const ArticlePointer = ArticleRef.extend({
  paragraph: z.number().int().positive().optional(),
  item: z.number().int().positive().optional(),
});
export type ArticlePointer = z.infer<typeof ArticlePointer>;

export function refKey(ref: { law: string; article: number }): string {
  return `${ref.law}#${ref.article}`;
}
