/**
 * Ask: a free question answered from the law with exact citations. Offline, the answer is composed from the
 * retrieved articles — our key points, or the official wording once ingested — and every citation is an article
 * the library holds.
 */
import type { ArticleRef } from '../../domain/law.ts';
import type { AskAnswer } from '../../domain/search.ts';
import { displayText, type LibraryArticle } from '../../retrieval/library.ts';
import type { Searcher, SearchHit } from '../../retrieval/search.ts';

export interface AskResult extends AskAnswer {
  /** Articles used, for adapters that render a citations section. */
  articles: LibraryArticle[];
}

// An article joins the answer when its fused score is close to the best one.
const RELATIVE_CUTOFF = 0.8;
const LEXICAL_CUTOFF = 0.7;
const MAX_ARTICLES = 3;

/** Anything that answers a question with citations; `onText` receives released text as it streams. */
export interface Answerer {
  ask(question: unknown, onText?: (text: string) => void): Promise<AskResult>;
}

export class AskService implements Answerer {
  constructor(private readonly searcher: Searcher) {}

  async ask(question: unknown): Promise<AskResult> {
    const result = await this.searcher.search(question, { limit: 8 });
    const chosen = pickArticles(result.hits)
      .map((h) => this.searcher.library.get(h.law, h.article, h.sub))
      .filter((a): a is LibraryArticle => a !== undefined);
    const lines: string[] = [...result.notices];
    if (chosen.length === 0) {
      lines.push(
        '未在现有法规知识中找到与该问题直接相关的条文。请换一种说法，或写明条文号（如“条例第三十一条”）。',
      );
      return {
        answer: lines.join('\n'),
        citations: [],
        engine: 'offline',
        unverifiedCitations: [],
        articles: [],
      };
    }
    for (const a of chosen)
      lines.push(
        describe(a, result.references.find((r) => r.law === a.law && r.article === a.article)?.item ?? null),
      );
    const official = chosen.some((a) => a.official);
    lines.push(
      official
        ? '（以上引用条文原文；要点为本系统归纳，具体适用请以正式文本为准。）'
        : '（以上为条文要点归纳，非条文原文；可用 xinfang ingest 载入正式文本后引用原文。）',
    );
    const citations: ArticleRef[] = chosen.map((a) => ({ law: a.law, article: a.article }));
    return {
      answer: lines.join('\n'),
      citations,
      engine: 'offline',
      unverifiedCitations: [],
      articles: chosen,
    };
  }
}

function pickArticles(hits: SearchHit[]): SearchHit[] {
  const refs = hits.filter((h) => h.via.includes('reference'));
  if (refs.length > 0) return refs.slice(0, MAX_ARTICLES);
  // Vector neighbours alone are no evidence: an answer needs the words of the question in the article. Rank
  // fusion compresses differences, so the cut is made on the articles' own word-match (BM25) strength.
  const supported = hits.filter((h) => h.via.includes('lexical'));
  const top = supported[0];
  if (!top) return [];
  const strongest = Math.max(...supported.map((h) => h.lexicalScore));
  return supported
    .filter(
      (h) =>
        h === top || (h.score >= top.score * RELATIVE_CUTOFF && h.lexicalScore >= strongest * LEXICAL_CUTOFF),
    )
    .slice(0, MAX_ARTICLES);
}

function describe(a: LibraryArticle, item: number | null): string {
  const head = `《${a.law}》${a.label}${a.title ? `（${a.title}）` : ''}`;
  if (item) {
    const officialItem = a.official?.paragraphs.flatMap((p) => p.items)[item - 1];
    const text = officialItem ?? a.items[String(item)];
    if (text) return `${head}第${item}项：${text}`;
  }
  if (a.official) {
    const summary = a.points.length > 0 ? `\n要点：${a.points.join('')}` : '';
    return `${head}规定：“${displayText(a).replace(/\n/g, '')}”${summary}`;
  }
  return `${head}要点：${a.points.join('')}`;
}
