/** Rebuilding the search index reports progress from the start (segmentation), not only while embedding. */
import { describe, expect, it } from 'vitest';
import { App } from '../src/app.ts';
import { memoryDb, testConfig } from './helpers.ts';

describe('index rebuild progress', () => {
  it.each(['none', 'local'])(
    'covers segmentation and embedding (embedder %s), ending at its total',
    async (kind) => {
      const calls: [number, number][] = [];
      const app = await App.create(testConfig({ XINFANG_EMBEDDER: kind }), {
        db: await memoryDb(),
        onEmbedProgress: (d, t) => calls.push([d, t]),
      });
      try {
        const articles = app.library.all().length;
        const total = kind === 'none' ? articles : 2 * articles;
        expect(calls[0]).toEqual([Math.min(50, articles), total]);
        expect(calls.at(-1)).toEqual([total, total]);
        expect(calls.every(([d], i) => i === 0 || d > (calls[i - 1]?.[0] ?? 0))).toBe(true);
      } finally {
        await app.close();
      }
    },
  );
});
