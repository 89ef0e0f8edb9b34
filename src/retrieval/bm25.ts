/**
 * Okapi BM25 over pre-tokenized documents, kept in memory (the corpus is a few thousand articles).
 * Real IDF per term — what Postgres ts_rank lacks — and per-term query weights for thesaurus expansion.
 */
export interface Bm25Options {
  k1: number;
  b: number;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export class Bm25Index {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[] = [];
  private totalLength = 0;
  readonly ids: string[] = [];
  /** Document numbers of each id (the question field holds several documents per article). */
  private readonly docsById = new Map<string, number[]>();

  constructor(private readonly options: Bm25Options = { k1: 1.2, b: 0.75 }) {}

  add(id: string, terms: string[]): void {
    const doc = this.ids.length;
    this.ids.push(id);
    this.docsById.set(id, [...(this.docsById.get(id) ?? []), doc]);
    this.lengths.push(terms.length);
    this.totalLength += terms.length;
    for (const t of terms) {
      let posting = this.postings.get(t);
      if (!posting) {
        posting = new Map();
        this.postings.set(t, posting);
      }
      posting.set(doc, (posting.get(doc) ?? 0) + 1);
    }
  }

  get size(): number {
    return this.ids.length;
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Whether any document of `id` contains the term. */
  contains(id: string, term: string): boolean {
    const posting = this.postings.get(term);
    return posting !== undefined && (this.docsById.get(id) ?? []).some((d) => posting.has(d));
  }

  /** Scores of every document that contains at least one query term, best first. */
  search(query: WeightedTerm[], limit = 50): { id: string; score: number }[] {
    const { k1, b } = this.options;
    const avg = this.size === 0 ? 1 : this.totalLength / this.size;
    const scores = new Map<number, number>();
    for (const { term, weight } of query) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term) * weight;
      for (const [doc, tf] of posting) {
        const len = this.lengths[doc] ?? 0;
        const s = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / avg));
        scores.set(doc, (scores.get(doc) ?? 0) + s);
      }
    }
    return [...scores.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, limit)
      .map(([doc, score]) => ({ id: this.ids[doc] as string, score }));
  }
}
