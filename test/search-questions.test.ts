import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { KNOWLEDGE_DIR, loadKnowledge } from '../src/knowledge/load.ts';
import { ArticleQuestions } from '../src/knowledge/schema.ts';
import { decodeTerms, encodeTerms } from '../src/retrieval/fields.ts';
import type { LibraryArticle } from '../src/retrieval/library.ts';
import { loadChunks } from '../src/storage/repositories/chunks.ts';
import { memoryApp } from './helpers.ts';

describe('everyday questions (knowledge/questions)', () => {
  const knowledge = loadKnowledge();

  it('cover every article of the regulation in many voices (at least 24 questions each)', () => {
    const reg = knowledge.questions.get('信访工作条例');
    expect(reg?.size).toBe(50);
    for (const a of reg?.values() ?? []) expect(a.questions.length).toBeGreaterThanOrEqual(24);
  });

  it('rejects an article with fewer than 8 or more than 40 questions', () => {
    const entry = (n: number) => ({
      article: 1,
      questions: Array.from({ length: n }, (_, i) => `第${i}个问题怎么办`),
    });
    expect(ArticleQuestions.safeParse(entry(8)).success).toBe(true);
    expect(ArticleQuestions.safeParse(entry(40)).success).toBe(true);
    expect(ArticleQuestions.safeParse(entry(7)).success).toBe(false);
    expect(ArticleQuestions.safeParse(entry(41)).success).toBe(false);
  });

  it('cover the other-law articles that routes and time limits cite', () => {
    const cited = new Set([
      ...knowledge.routes.flatMap((r) => r.basis.map((b) => `${b.law}#${b.article}`)),
      ...knowledge.deadlines.limits.map((l) => `${l.basis.law}#${l.basis.article}`),
    ]);
    const missing = [...cited].filter((key) => {
      const [law = '', article = ''] = key.split('#');
      const described = knowledge.laws
        .find((l) => l.law === law)
        ?.articles.some((a) => a.article === +article);
      return described === true && !knowledge.questions.get(law)?.has(+article);
    });
    // An article added to knowledge/articles after this check fails it until its questions are written.
    expect(missing).toEqual([]);
  });

  describe('validation', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-knowledge-'));
      cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const eight = Array.from({ length: 8 }, (_, i) => `第${i + 1}个问题是什么`);

    it('rejects questions for an article the knowledge does not describe', () => {
      writeFileSync(
        path.join(dir, 'questions', '信访工作条例.json'),
        JSON.stringify({ law: '信访工作条例', articles: [{ article: 51, questions: eight }] }),
      );
      expect(() => loadKnowledge(dir)).toThrow(/第51条/);
    });

    it('rejects fewer than eight questions', () => {
      writeFileSync(
        path.join(dir, 'questions', '信访工作条例.json'),
        JSON.stringify({ law: '信访工作条例', articles: [{ article: 28, questions: eight.slice(0, 3) }] }),
      );
      expect(() => loadKnowledge(dir)).toThrow(/信访工作条例\.json/);
    });

    it('rejects an unknown law', () => {
      writeFileSync(
        path.join(dir, 'questions', '信访工作条例.json'),
        JSON.stringify({ law: '不存在的法', articles: [{ article: 1, questions: eight }] }),
      );
      expect(() => loadKnowledge(dir)).toThrow(/不存在的法/);
    });
  });
});

describe('the question field in retrieval', () => {
  let app: App;
  beforeAll(async () => {
    app = await memoryApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a new segmentation re-tokenizes the stored terms once and keeps every vector', async () => {
    const { syncChunks } = await import('../src/retrieval/index-sync.ts');
    const { Tokenizer } = await import('../src/retrieval/tokenize.ts');
    const { getMeta } = await import('../src/storage/repositories/chunks.ts');
    const vectors = async () =>
      Number(
        (await app.db.query<{ n: string }>('SELECT count(*) AS n FROM chunks WHERE embedding IS NOT NULL'))[0]
          ?.n,
      );
    const before = await vectors();
    expect(before).toBeGreaterThan(500);
    // A dictionary without the legal words: 信访事项 is no longer one word, so the stored terms must change.
    const plain = new Tokenizer([]);
    const report = await syncChunks(app.db, app.library, plain, app.embedder);
    expect(report).toMatchObject({ added: 0, removed: 0, embedded: 0 });
    expect(await getMeta(app.db, 'segmentation')).toBe(plain.signature);
    expect(await vectors()).toBe(before);
    const terms = (await loadChunks(app.db)).find((c) => c.id === '信访工作条例#28')?.terms ?? '';
    expect(terms).toBe(encodeTerms(plain, app.library.get('信访工作条例', 28) as LibraryArticle));
    // Back to the app's own segmentation for the other tests.
    await syncChunks(app.db, app.library, app.tokenizer, app.embedder);
    expect(await getMeta(app.db, 'segmentation')).toBe(app.tokenizer.signature);
  });

  it('is stored with the chunk, so start-up does not segment the questions again', async () => {
    const chunk = (await loadChunks(app.db)).find((c) => c.id === '信访工作条例#28');
    const fields = decodeTerms(chunk?.terms ?? '');
    expect(fields.questions.length).toBe(app.library.get('信访工作条例', 28)?.questions.length);
    expect(fields.head).toContain('w:回避');
    expect(fields.body.some((t) => t.startsWith('q:') || t.startsWith('h:'))).toBe(false);
  });
});

describe('concepts and time limits', () => {
  let app: App;
  beforeAll(async () => {
    app = await memoryApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  const top3 = async (q: string) =>
    (await app.searcher.search(q, { limit: 3 })).hits.map((h) => `${h.law}#${h.article}`);

  it('a concept entry expands to its concept first', () => {
    const entry = app.knowledge.thesaurus.entries.find((e) => e.concept === '回避');
    expect(entry?.expand[0]).toBe('回避');
    expect(entry?.terms).toContain('自己人办自己的事');
  });

  it('finds 回避 from a family tie and 督办 from an opinion left unexecuted', async () => {
    expect(await top3('负责调查的科长和信访人是连襟，这样办合适吗')).toContain('信访工作条例#28');
    expect(await top3('处理意见出来两个月了，办理单位置之不理')).toContain('信访工作条例#40');
  });

  it('leads the time limit for forwarding a letter with 第22条 (15日), not the 60 days of 第34条', async () => {
    const r = await app.searcher.search('信访局收到一封来信，多少天内要转出去');
    expect([r.hits[0]?.law, r.hits[0]?.article]).toEqual(['信访工作条例', 22]);
    const answer = await app.ask.ask('信访局收到一封来信，多少天内要转出去');
    expect(answer.citations[0]).toEqual({ law: '信访工作条例', article: 22 });
  });

  it('still answers the handling time limit with 第34条', async () => {
    expect((await app.searcher.search('信访事项办理期限一般是多少天')).hits[0]?.article).toBe(34);
  });

  it('brings the liability article next to a duty when the question asks what follows a breach', async () => {
    const hits = await top3('举报信被转到了被举报的村干部手里，这样做合法吗');
    expect(hits[0]).toBe('信访工作条例#30');
    expect(hits).toContain('信访工作条例#46');
  });
});
