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

/** The documents holding a term, in the order they were added, with the term's frequency in each. */
interface Posting {
  docs: number[];
  tfs: number[];
}

export class Bm25Index {
  private readonly postings = new Map<string, Posting>();
  private readonly lengths: number[] = [];
  private totalLength = 0;
  readonly ids: string[] = [];
  /** Document numbers of each id (the question field holds several documents per article). */
  private readonly docsById = new Map<string, number[]>();

  constructor(private readonly options: Bm25Options = { k1: 1.2, b: 0.75 }) {}

  add(id: string, terms: string[]): void {
    const doc = this.ids.length;
    this.ids.push(id);
    const docs = this.docsById.get(id);
    if (docs) docs.push(doc);
    else this.docsById.set(id, [doc]);
    this.lengths.push(terms.length);
    this.totalLength += terms.length;
    // Term frequencies of this document first, so each posting grows once per document (start-up builds every
    // index from the stored terms; arrays instead of a map per term keep that cheap).
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const posting = this.postings.get(t);
      if (posting) {
        posting.docs.push(doc);
        posting.tfs.push(n);
      } else this.postings.set(t, { docs: [doc], tfs: [n] });
    }
  }

  get size(): number {
    return this.ids.length;
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Whether any document of `id` contains the term. */
  contains(id: string, term: string): boolean {
    const posting = this.postings.get(term);
    return posting !== undefined && (this.docsById.get(id) ?? []).some((d) => hasDoc(posting.docs, d));
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
      for (let i = 0; i < posting.docs.length; i++) {
        const doc = posting.docs[i] as number;
        const tf = posting.tfs[i] as number;
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

/** Binary search in a posting's documents, which are added in increasing order. */
function hasDoc(docs: number[], doc: number): boolean {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = docs[mid] as number;
    if (d === doc) return true;
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
