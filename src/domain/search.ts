/** Search and ask contracts (CLI --jsonl): inputs and outputs, shared by every adapter and the eval runner. */
import { z } from 'zod';
import { ArticleRef, LawName } from './law.ts';

export const MAX_QUERY_CHARS = 2000;

export const SearchLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  query: z.string(),
});
export const AskLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string(),
});

const SearchHit = z.object({
  law: LawName,
  article: z.number().int().positive(),
  score: z.number(),
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const AskAnswer = z.object({
  answer: z.string(),
  citations: z.array(ArticleRef),
  engine: z.enum(['model', 'offline']),
  unverifiedCitations: z.array(ArticleRef),
});
export type AskAnswer = z.infer<typeof AskAnswer>;
