/**
 * The fields of an article's index terms, stored together in one `terms` string per chunk so that start-up never
 * re-segments the corpus: the body (law, label, title, key points, official text) unprefixed, then the heading
 * (title and keywords) prefixed `h:`, then the words of each everyday question prefixed `q:` and closed by `q|`.
 */
import { headText, indexText, type LibraryArticle } from './library.ts';
import type { Tokenizer } from './tokenize.ts';

const HEAD = 'h:';
const QUESTION = 'q:';
const QUESTION_END = 'q|';

/** Part of every chunk's content hash: a change of the stored layout re-tokenizes every chunk once. */
const FIELDS_VERSION = 'fields-v4';

export interface ArticleFields {
  body: string[];
  head: string[];
  /** One term list per question. */
  questions: string[][];
}

/** The stored index terms of an article: all fields in one string. */
export function encodeTerms(tokenizer: Tokenizer, a: LibraryArticle): string {
  const out = tokenizer.terms(indexText(a));
  const head = headText(a);
  if (head) for (const t of tokenizer.terms(head)) out.push(HEAD + t);
  for (const q of a.questions) {
    // Words and bigrams: a colloquial question often splits differently from the way jieba cut the query.
    for (const t of tokenizer.terms(q)) out.push(`${QUESTION}${t}`);
    out.push(QUESTION_END);
  }
  return out.join(' ');
}

/**
 * The text embedded for an article's vector: the body text and the everyday questions, so that a colloquial query
 * has a near neighbour in the way people ask (doc2query for the vector side too).
 */
export function embeddingText(a: LibraryArticle): string {
  return [indexText(a), ...a.questions].join('\n');
}

/** The text whose change must re-tokenize a chunk (beyond its body): heading and questions. */
export function fieldsText(a: LibraryArticle): string {
  return [FIELDS_VERSION, headText(a), ...a.questions].join('\n');
}

export function decodeTerms(stored: string): ArticleFields {
  const fields: ArticleFields = { body: [], head: [], questions: [] };
  let question: string[] = [];
  for (const t of stored.split(' ')) {
    if (t === '') continue;
    if (t === QUESTION_END) {
      fields.questions.push(question);
      question = [];
    } else if (t.startsWith(QUESTION)) question.push(t.slice(QUESTION.length));
    else if (t.startsWith(HEAD)) fields.head.push(t.slice(HEAD.length));
    else fields.body.push(t);
  }
  if (question.length > 0) fields.questions.push(question);
  return fields;
}
