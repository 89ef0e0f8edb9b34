/**
 * The storage contract, run against both implementations: embedded PGlite (storage.test.ts) and a real
 * PostgreSQL with pgvector (storage.int.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/storage/db.ts';
import { listMigrations, migrate } from '../src/storage/migrate.ts';
import {
  chunkHashes,
  getMeta,
  nearestChunks,
  setMeta,
  upsertChunks,
} from '../src/storage/repositories/chunks.ts';
import { findLaw, officialArticle, replaceLaw } from '../src/storage/repositories/laws.ts';

const law = (version: string, hash: string) => ({
  name: '测试法',
  version,
  title: '测试法',
  status: 'current' as const,
  source_file: 'x.md',
  source_hash: hash,
  article_count: 1,
});
const article = (version: string, body: string) => ({
  law: '测试法',
  version,
  article: 1,
  sub: 0,
  label: '第一条',
  chapter: null,
  section: null,
  paragraphs: [{ text: body, items: [] }],
  body,
});
const chunk = (id: string, embedding: number[]) => ({
  id,
  law: '测试法',
  article: Number(id.split('#')[1]),
  sub: 0,
  label: '第一条',
  path: '测试法 > 第一条',
  body: 'x',
  source: 'builtin' as const,
  terms: 'w:测试',
  content_hash: `h-${id}`,
  embedder: 'test-3',
  embedding,
});

export function storageSuite(name: string, open: () => Promise<Db>) {
  describe(`storage: ${name}`, () => {
    it('applies migrations once; running them again changes nothing', async () => {
      const db = await open();
      try {
        await migrate(db);
        expect(await migrate(db)).toEqual([]);
        const rows = await db.query<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY version',
        );
        expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
      } finally {
        await db.close();
      }
    });

    it('replaces an older version of a law in one transaction, and rolls back on failure', async () => {
      const db = await open();
      try {
        await migrate(db);
        await db.query('DELETE FROM laws WHERE name = $1', ['测试法']);
        await replaceLaw(db, law('2010', 'a'), [article('2010', '旧文本')]);
        await replaceLaw(db, law('2020', 'b'), [article('2020', '新文本')]);
        expect((await findLaw(db, '测试法')).map((l) => l.version)).toEqual(['2020']);
        expect((await officialArticle(db, '测试法', 1))?.body).toBe('新文本');
        // A failing replacement (duplicate article) must leave the stored version intact.
        await expect(
          replaceLaw(db, law('2030', 'c'), [article('2030', '坏'), article('2030', '坏')]),
        ).rejects.toThrow();
        expect((await findLaw(db, '测试法')).map((l) => l.version)).toEqual(['2020']);
        expect((await officialArticle(db, '测试法', 1))?.body).toBe('新文本');
      } finally {
        await db.close();
      }
    });

    it('stores vectors in pgvector and returns nearest neighbours by cosine distance', async () => {
      const db = await open();
      try {
        await migrate(db);
        await db.query("DELETE FROM chunks WHERE law = '测试法'");
        await upsertChunks(
          db,
          [chunk('测试法#1', [1, 0, 0]), chunk('测试法#2', [0, 1, 0]), chunk('测试法#3', [0.9, 0.1, 0])],
          [],
        );
        const near = await nearestChunks(db, 'test-3', [1, 0, 0], 2);
        expect(near.map((r) => r.id)).toEqual(['测试法#1', '测试法#3']);
        expect(near[0]?.distance).toBeCloseTo(0, 5);
        await upsertChunks(db, [], ['测试法#2']);
        expect([...(await chunkHashes(db)).keys()].filter((k) => k.startsWith('测试法'))).toHaveLength(2);
        await setMeta(db, 'k', 'v1');
        await setMeta(db, 'k', 'v2');
        expect(await getMeta(db, 'k')).toBe('v2');
      } finally {
        await db.query("DELETE FROM chunks WHERE law = '测试法'").catch(() => undefined);
        await db.close();
      }
    });
  });
}
