/** Law references as used in every contract: short law name (no 《》, no 中华人民共和国) and an Arabic article number. */
import { z } from 'zod';

export const LawName = z.string().min(2).max(60);

export const ArticleRef = z.object({
  law: LawName,
  article: z.number().int().positive(),
});
export type ArticleRef = z.infer<typeof ArticleRef>;
