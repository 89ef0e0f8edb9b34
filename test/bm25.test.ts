import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../src/retrieval/bm25.ts';

describe('BM25', () => {
  const idx = new Bm25Index();
  idx.add('a', ['信访', '复查', '期限']);
  idx.add('b', ['信访', '复核']);
  idx.add('c', ['信访', '走访', '代表', '代表']);

  it('weighs rare terms above common ones (real IDF)', () => {
    expect(idx.idf('复查')).toBeGreaterThan(idx.idf('信访'));
    expect(idx.idf('不存在')).toBe(0);
  });

  it('ranks the document with the rare query term first', () => {
    expect(
      idx.search([
        { term: '信访', weight: 1 },
        { term: '复核', weight: 1 },
      ])[0]?.id,
    ).toBe('b');
  });

  it('honours query term weights and term frequency', () => {
    const r = idx.search([
      { term: '代表', weight: 1 },
      { term: '复查', weight: 0.1 },
    ]);
    expect(r.map((h) => h.id)).toEqual(['c', 'a']);
  });
});
