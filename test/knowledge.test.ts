/**
 * Built-in knowledge against the official texts (XINFANG_CORPUS_DIR, by default ../shared/corpus): every article we describe exists there, and
 * every quantity we state (days, months, years, persons) appears in that article.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStatute } from '../src/ingest/parse.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { normalizeNumerals } from '../src/knowledge/numerals.ts';
import { CORPUS, corpusFiles, hasCorpus } from './helpers.ts';

const corpus = hasCorpus();

const knowledge = loadKnowledge();
const official = new Map(
  (corpus ? corpusFiles() : []).map((f) => {
    const p = parseStatute(readFileSync(f, 'utf8'), path.basename(f));
    return [p.law, p] as const;
  }),
);

/** Quantities with a unit: 60日, 5个工作日, 1年, 6个月, 5人, 24时. References (第N条/款/项) are not quantities. */
function quantities(text: string): string[] {
  const t = normalizeNumerals(text);
  return [...t.matchAll(/(?<!第)(\d+)(个工作日|个月|工作日|日|天|年|月|人|时)/g)].map(
    (m) => `${m[1]}${m[2]}`,
  );
}

describe('built-in knowledge', () => {
  it('validates and covers all 50 articles of 信访工作条例 with chapters', () => {
    const reg = knowledge.laws.find((l) => l.law === '信访工作条例');
    expect(reg).toBeDefined();
    expect(reg?.articles.map((a) => a.article)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(reg?.articles.every((a) => a.chapter !== undefined)).toBe(true);
    expect(reg?.chapters).toHaveLength(6);
  });

  it.skipIf(!corpus)('chapters match the official chapter of each article', () => {
    const off = official.get('信访工作条例');
    const reg = knowledge.laws.find((l) => l.law === '信访工作条例');
    for (const a of reg?.articles ?? []) {
      const o = off?.articles.find((x) => x.article === a.article);
      const title = reg?.chapters?.find((c) => c.no === a.chapter)?.title ?? '';
      expect(o?.chapter, `第${a.article}条`).toContain(title);
    }
  });

  for (const law of knowledge.laws) {
    it.skipIf(!corpus)(
      `${law.law}: every article exists in the official text and every stated quantity appears in it`,
      () => {
        const off = official.get(law.law);
        expect(off, `${law.law} missing from ${CORPUS}`).toBeDefined();
        for (const a of law.articles) {
          const o = off?.articles.find((x) => x.article === a.article && x.sub === 0);
          expect(o, `${law.law}第${a.article}条 does not exist`).toBeDefined();
          const officialQuantities = new Set(quantities(o?.body ?? ''));
          const ours = [...a.points, ...Object.values(a.items ?? {})].flatMap(quantities);
          for (const q of ours)
            expect(officialQuantities, `${law.law}第${a.article}条 states ${q}`).toContain(q);
          for (const item of Object.keys(a.items ?? {})) {
            const count = o?.paragraphs.flatMap((p) => p.items).length ?? 0;
            expect(Number(item), `${law.law}第${a.article}条 item ${item}`).toBeLessThanOrEqual(count);
          }
        }
      },
    );
  }

  it.skipIf(!corpus)('the cross-check can fail: a wrong quantity is detected', () => {
    const o = official.get('信访工作条例')?.articles.find((x) => x.article === 35);
    const officialQuantities = new Set(quantities(o?.body ?? ''));
    expect(officialQuantities.has('30日')).toBe(true);
    expect(officialQuantities.has('15日')).toBe(false);
  });

  it.skipIf(!corpus)(
    'every article our knowledge cites in its points exists (第N条 references within the same law)',
    () => {
      for (const law of knowledge.laws) {
        const numbers = new Set(law.articles.map((a) => a.article));
        const off = official.get(law.law);
        for (const a of law.articles) {
          for (const m of normalizeNumerals(a.points.join('')).matchAll(/本?(?:条例|法)?第(\d+)条/g)) {
            const n = Number(m[1]);
            expect(
              numbers.has(n) || off?.articles.some((x) => x.article === n),
              `${law.law}第${a.article}条 cites 第${n}条`,
            ).toBe(true);
          }
        }
      }
    },
  );

  it('thesaurus and registry load, and the superseded regulation is marked', () => {
    expect(knowledge.thesaurus.entries.length).toBeGreaterThan(20);
    const old = knowledge.registry.laws.find((l) => l.law === '信访条例');
    expect(old?.status).toBe('superseded');
    expect(old?.supersededBy).toBe('信访工作条例');
  });
});

describe('article counts', () => {
  it.skipIf(!corpus)('match the official texts (民法典: the corpus holds only its general part)', () => {
    for (const law of knowledge.laws) {
      const off = official.get(law.law);
      if (law.law === '民法典') expect(law.articleCount).toBeGreaterThan(off?.articles.length ?? 0);
      else expect(law.articleCount, law.law).toBe(off?.articles.length);
    }
  });
});
