/** Retrieval scoring: Recall@1/3/5 and MRR of a search function over a {"id","query","gold"} set. */
import type { SearchResult } from '../src/retrieval/search.ts';

export interface SearchCase {
  id: string;
  query: string;
  gold: { law: string; article: number }[];
}

export interface SearchScores {
  n: number;
  recall1: number;
  recall3: number;
  recall5: number;
  mrr: number;
  misses: { id: string; query: string; gold: string; got: string }[];
}

export async function scoreSearch(
  cases: SearchCase[],
  search: (q: string) => Promise<SearchResult>,
  /** The law a gold label names, by our catalogue (民法典总则编 → 民法典); unknown names stay as written. */
  lawOf: (name: string) => string = (name) => name,
): Promise<SearchScores> {
  let r1 = 0;
  let r3 = 0;
  let r5 = 0;
  let rr = 0;
  const misses: SearchScores['misses'] = [];
  for (const c of cases) {
    const res = await search(c.query);
    const keys = res.hits.map((h) => `${h.law}#${h.article}`);
    const gold = new Set(c.gold.map((g) => `${lawOf(g.law)}#${g.article}`));
    const rank = keys.findIndex((k) => gold.has(k));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 3) r3++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank !== 0)
      misses.push({ id: c.id, query: c.query, gold: [...gold].join(','), got: keys.slice(0, 3).join(',') });
  }
  const n = cases.length;
  return { n, recall1: r1 / n, recall3: r3 / n, recall5: r5 / n, mrr: rr / n, misses };
}
