import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { memoryApp } from './helpers.ts';

let app: App;
beforeAll(async () => {
  app = await memoryApp();
});
afterAll(async () => {
  await app?.close();
});

const top = async (q: string) => (await app.searcher.search(q)).hits[0];

describe('search on the built-in knowledge', () => {
  it.each([
    ['第三十一条', 31],
    ['第31条', 31],
    ['条例31条', 31],
    ['三十一条第六项', 31],
    ['第十九条', 19],
  ])('looks up %s directly', async (q, article) => {
    const hit = await top(q);
    expect(hit?.law).toBe('信访工作条例');
    expect(hit?.article).toBe(article);
    expect(hit?.via).toContain('reference');
  });

  it('looks up an article of another law by name', async () => {
    const hit = await top('《行政复议法》第二十条');
    expect([hit?.law, hit?.article]).toEqual(['行政复议法', 20]);
  });

  it('shows the requested item as the snippet', async () => {
    const hit = await top('三十一条第六项');
    expect(hit?.snippet).toContain('信访处理意见书');
  });

  it('tells the officer when an article does not exist', async () => {
    const r = await app.searcher.search('条例第五十六条');
    expect(r.notices.join('')).toContain('共50条');
    expect(r.hits.find((h) => h.article === 56)).toBeUndefined();
  });

  it('never presents the superseded 2005 regulation as current law', async () => {
    const r = await app.searcher.search('《信访条例》第十四条');
    expect(r.notices.join('')).toContain('已被《信访工作条例》取代');
    expect(r.hits.every((h) => h.law !== '信访条例')).toBe(true);
  });

  it('finds articles from colloquial wording through the thesaurus', async () => {
    expect((await top('上访的人太多，一群人一起来，最多能派几个代表'))?.article).toBe(20);
    expect((await top('工人被拖欠工资去劳动仲裁，时效多久'))?.law).toBe('劳动争议调解仲裁法');
  });

  it('rejects empty and oversized queries with a clear message', async () => {
    await expect(app.searcher.search('  ')).rejects.toMatchObject({ code: 'input_invalid' });
    await expect(app.searcher.search('信'.repeat(2001))).rejects.toMatchObject({
      code: 'input_invalid',
      userMessage: expect.stringContaining('过长'),
    });
  });

  it('uses pgvector for neighbours when an embedder is configured', async () => {
    const r = await app.searcher.search('信访人对复查意见不满意还能找谁');
    expect(r.hits.some((h) => h.via.includes('vector'))).toBe(true);
  });
});

describe('ask (offline)', () => {
  it('answers with citations that exist in the library', async () => {
    const r = await app.ask.ask('信访事项的办理期限是多少天，能不能延期');
    expect(r.engine).toBe('offline');
    expect(r.citations[0]).toEqual({ law: '信访工作条例', article: 34 });
    expect(r.answer).toContain('60日');
    for (const c of r.citations) expect(app.library.has(c.law, c.article)).toBe(true);
    expect(r.unverifiedCitations).toEqual([]);
  });

  it('says so when nothing relevant is found instead of citing at random', async () => {
    const r = await app.ask.ask('xyzzy qwerty');
    expect(r.citations).toEqual([]);
    expect(r.answer).toContain('未在现有法规知识中找到');
  });
});
