/**
 * LawLibrary: every article the assistant may cite, as one record that joins our key points (knowledge/) with the
 * official wording when it has been ingested. The single place that answers "does this article exist, and what
 * does it say" — retrieval, citation checks and answers all ask it.
 */
import type { Knowledge } from '../knowledge/load.ts';
import { toChineseNumber } from '../knowledge/numerals.ts';
import type { KnowledgeArticle } from '../knowledge/schema.ts';
import type { Queryable } from '../storage/db.ts';
import { type OfficialArticleRow, officialArticles } from '../storage/repositories/laws.ts';

export interface LibraryArticle {
  id: string;
  law: string;
  article: number;
  sub: number;
  label: string;
  path: string;
  title: string | null;
  points: string[];
  items: Record<string, string>;
  keywords: string[];
  /** Everyday questions people ask about the article (knowledge/questions), indexed as a field of their own. */
  questions: string[];
  /** Ids of the articles that state the consequence of breaching this one (knowledge/questions `liability`). */
  liability: string[];
  official: OfficialArticleRow | null;
}

function articleId(law: string, article: number, sub = 0): string {
  return sub === 0 ? `${law}#${article}` : `${law}#${article}-${sub}`;
}

function articleLabel(article: number, sub = 0): string {
  return `第${toChineseNumber(article)}条${sub > 0 ? `之${toChineseNumber(sub)}` : ''}`;
}

export class LawLibrary {
  private readonly byId = new Map<string, LibraryArticle>();
  private readonly totals = new Map<string, number>();

  private constructor(articles: LibraryArticle[], totals: Map<string, number>) {
    for (const a of articles) this.byId.set(a.id, a);
    this.totals = totals;
  }

  static async load(db: Queryable, knowledge: Knowledge): Promise<LawLibrary> {
    return LawLibrary.build(knowledge, await officialArticles(db, { currentOnly: true }));
  }

  static build(knowledge: Knowledge, official: OfficialArticleRow[]): LawLibrary {
    const map = new Map<string, LibraryArticle>();
    for (const law of knowledge.laws) {
      const chapters = new Map((law.chapters ?? []).map((c) => [c.no, c.title]));
      for (const k of law.articles) {
        const label = articleLabel(k.article);
        const chapter = k.chapter
          ? `第${toChineseNumber(k.chapter)}章 ${chapters.get(k.chapter) ?? ''}`.trim()
          : null;
        const q = knowledge.questions.get(law.law)?.get(k.article);
        const links = {
          questions: q?.questions ?? [],
          liability: (q?.liability ?? []).map((n) => articleId(law.law, n)),
        };
        map.set(articleId(law.law, k.article), fromKnowledge(law.law, k, label, chapter, links));
      }
    }
    for (const o of official) {
      const id = articleId(o.law, o.article, o.sub);
      const path = [o.law, o.chapter, o.section, o.label].filter(Boolean).join(' > ');
      const known = map.get(id);
      if (known) map.set(id, { ...known, official: o, path });
      else
        map.set(id, {
          id,
          law: o.law,
          article: o.article,
          sub: o.sub,
          label: o.label,
          path,
          title: null,
          points: [],
          items: {},
          keywords: [],
          questions: [],
          liability: [],
          official: o,
        });
    }
    const totals = new Map(knowledge.laws.map((l) => [l.law, l.articleCount]));
    const officialMax = new Map<string, number>();
    for (const o of official) officialMax.set(o.law, Math.max(officialMax.get(o.law) ?? 0, o.article));
    for (const [law, n] of officialMax) totals.set(law, n);
    return new LawLibrary([...map.values()], totals);
  }

  /**
   * Whether an article number exists in the law: the official text's count when ingested, else the count our
   * knowledge records. Null when the law is unknown (a local regulation we cannot verify).
   */
  articleExists(law: string, article: number): boolean | null {
    const total = this.totals.get(law);
    if (total === undefined) return null;
    return article >= 1 && article <= total;
  }

  totalArticles(law: string): number | undefined {
    return this.totals.get(law);
  }

  get(law: string, article: number, sub = 0): LibraryArticle | undefined {
    return this.byId.get(articleId(law, article, sub));
  }

  byKey(id: string): LibraryArticle | undefined {
    return this.byId.get(id);
  }

  has(law: string, article: number): boolean {
    return this.byId.has(articleId(law, article));
  }

  all(): LibraryArticle[] {
    return [...this.byId.values()];
  }

  /** Number of articles of a law (official text if ingested, else our knowledge); 0 when unknown. */
  articleCount(law: string): number {
    return this.totals.get(law) ?? 0;
  }
}

function fromKnowledge(
  law: string,
  k: KnowledgeArticle,
  label: string,
  chapter: string | null,
  links: { questions: string[]; liability: string[] },
): LibraryArticle {
  return {
    id: articleId(law, k.article),
    law,
    article: k.article,
    sub: 0,
    label,
    path: [law, chapter, label].filter(Boolean).join(' > '),
    title: k.title,
    points: k.points,
    items: k.items ?? {},
    keywords: k.keywords,
    ...links,
    official: null,
  };
}

/** Text shown to officers: official wording when ingested, else our key points. */
export function displayText(a: LibraryArticle): string {
  if (a.official) return a.official.body;
  return a.points.join('');
}

/** Text of the heading field: the article's title and keywords (built-in articles only). */
export function headText(a: LibraryArticle): string {
  return a.title ? `${a.title} ${a.keywords.join(' ')}` : '';
}

/** Text indexed for retrieval: title and keywords weighted by repetition, key points, items, official text. */
export function indexText(a: LibraryArticle): string {
  const head = [a.title ?? '', a.keywords.join(' ')].join(' ');
  return [
    a.law,
    a.label,
    head,
    head,
    a.points.join(' '),
    Object.values(a.items).join(' '),
    a.official?.body ?? '',
  ].join('\n');
}
