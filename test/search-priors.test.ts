/**
 * The law model (which law a question's words speak of), the article model, duty + liability pairs, and the words shown
 * with a hit.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSearch } from '../src/adapters/cli/format.ts';
import type { App } from '../src/app.ts';
import { NaiveBayes } from '../src/retrieval/naive-bayes.ts';
import { DEFAULT_TUNING } from '../src/retrieval/search.ts';
import { CORPUS, hasCorpus, memoryApp } from './helpers.ts';

describe('NaiveBayes (law model)', () => {
  const prior = new NaiveBayes([
    { label: 'A', words: ['信访', '转送', '交办'] },
    { label: 'A', words: ['信访', '督办'] },
    { label: 'A', words: ['信访', '受理'] },
    { label: 'B', words: ['复议', '期限'] },
  ]);

  it('gives the law whose questions use the words most of the probability', () => {
    const p = prior.posterior(['复议', '期限']);
    expect(p.get('B') ?? 0).toBeGreaterThan(0.5);
    expect(prior.posterior(['转送', '督办']).get('A') ?? 0).toBeGreaterThan(0.8);
  });

  it('keeps the share of each law as the prior when the words say nothing', () => {
    expect(prior.posterior(['天气']).size).toBe(0);
    const p = prior.posterior(['期限', '信访']);
    expect((p.get('A') ?? 0) + (p.get('B') ?? 0)).toBeCloseTo(1, 6);
  });

  it('scores only the candidates asked about, the best of them at 1', () => {
    const r = prior.relative(['复议', '期限'], ['A', 'B', 'C']);
    expect(r.get('B')).toBe(1);
    expect(r.get('A') ?? 1).toBeLessThan(0.5);
    expect(r.has('C')).toBe(false);
    expect(prior.relative(['复议'], ['A']).get('A')).toBe(1);
    expect(prior.relative(['天气'], ['A', 'B']).size).toBe(0);
  });
});

describe('search priors and display', () => {
  let app: App;
  beforeAll(async () => {
    app = await memoryApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  const keys = async (q: string, limit = 3) =>
    (await app.searcher.search(q, { limit })).hits.map((h) => `${h.law}#${h.article}`);

  it('keeps the regulation on top for petition work even when another law is mentioned', async () => {
    expect((await keys('信访部门收到反映劳动仲裁问题的来信，应当多少天内转送'))[0]).toBe('信访工作条例#22');
  });

  it('favours the law whose concepts the question uses', async () => {
    expect((await keys('用人单位一直不签书面劳动合同，员工能主张二倍工资吗'))[0]).toBe('劳动合同法#82');
    expect((await keys('调解委员会调成的协议想让法院确认效力，要多少天内申请'))[0]).toBe('人民调解法#33');
    expect((await keys('公务员对降职处理不服，多少日内申请复核'))[0]).toBe('公务员法#95');
  });

  it('finds an article whose questions share the words only together (the article model)', async () => {
    const q = '在手机上网上反映问题算不算数';
    expect((await keys(q))[0]).toBe('信访工作条例#17');
    app.searcher.tuning.articleModel = 0;
    try {
      expect((await keys(q))[0]).not.toBe('信访工作条例#17');
    } finally {
      app.searcher.tuning.articleModel = DEFAULT_TUNING.articleModel;
    }
  });

  it('does not read how a question is put as evidence of its law (framing words)', async () => {
    const plain = await keys('工伤认定由哪个部门负责');
    expect((await keys('各位老师请教下，工伤认定由哪个部门负责'))[0]).toBe(plain[0]);
    expect((await keys('领导您好，工伤认定由哪个部门负责'))[0]).toBe(plain[0]);
    expect(plain[0]?.startsWith('信访工作条例')).toBe(false);
  });

  it('brings the duty next to a liability article that leads', async () => {
    let hits = await keys('信访部门该转送的信件没转送，要承担什么责任');
    expect(hits[0]).toBe('信访工作条例#43');
    expect(hits).toContain('信访工作条例#22');
    hits = await keys('逼迁的人要负什么责任');
    expect(hits[0]).toBe('国有土地上房屋征收与补偿条例#31');
    expect(hits).toContain('国有土地上房屋征收与补偿条例#27');
  });

  it('brings the liability next to a duty that leads', async () => {
    const hits = await keys('用人单位违法解除劳动合同，要承担什么后果');
    expect(hits[0]).toBe('劳动合同法#48');
    expect(hits).toContain('劳动合同法#87');
  });

  it('lists the words of the question that the article matched, longest form only', async () => {
    const r = await app.searcher.search('不服信访处理意见，多少天内可以请求复查');
    expect(r.hits[0]?.article).toBe(35);
    expect(r.hits[0]?.matched).toContain('复查');
    expect(r.hits[0]?.matched).not.toContain('处理');
    const ref = await app.searcher.search('第三十五条');
    expect(ref.hits[0]?.matched).toEqual([]);
  });

  it('prints for people the rank, the title and the words that matched, never the fused score', async () => {
    const text = formatSearch(await app.searcher.search('不服处理意见多久内能申请复查', { limit: 3 }));
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      '1. 《信访工作条例》第三十五条 复查  〔信访工作条例 > 第四章 信访事项的办理 > 第三十五条〕',
    );
    expect(lines[1]).toMatch(/^ {3}命中：.*复查/);
    expect(text).not.toMatch(/相关度|\d\.\d{4}/);
    expect(formatSearch(await app.searcher.search('第三十五条'))).toContain('命中：按条文编号查到');
  });
});

describe('the superseded 2005 regulation asked for by name', () => {
  it.skipIf(!hasCorpus())(
    'is shown for comparison, labelled superseded, and never among the hits',
    async () => {
      const app = await memoryApp();
      try {
        await app.ingest([path.join(CORPUS, '信访条例(2005).md')]);
        const r = await app.searcher.search('《信访条例》第十条');
        expect(r.notices.join('')).toContain('已被《信访工作条例》取代');
        expect(r.superseded.map((o) => [o.law, o.version, o.article])).toEqual([['信访条例', '2005', 10]]);
        expect(r.hits.every((h) => h.law !== '信访条例')).toBe(true);
        const text = formatSearch(r);
        expect(text).toContain('〔已废止，仅供对照〕《信访条例》（2005）第十条：');
        expect(text).toContain('现行依据请查《信访工作条例》');
        expect(text).not.toContain('没有找到相关条文');
      } finally {
        await app.close();
      }
    },
  );

  it('without its text, only the notice is given', async () => {
    const app = await memoryApp();
    try {
      const r = await app.searcher.search('《信访条例》第十条');
      expect(r.superseded).toEqual([]);
      expect(r.notices.join('')).toContain('不是现行依据');
    } finally {
      await app.close();
    }
  });
});

describe('question intents (retrieval/intent.ts)', () => {
  it('reads a time limit, a handling body and a remedy from everyday wording', async () => {
    const { queryIntents, asksConsequence } = await import('../src/retrieval/intent.ts');
    expect(queryIntents('罚了我两万，现在都过去三个多月了，还能申请复议吗').map((i) => i.name)).toContain(
      'duration',
    );
    expect(queryIntents('工伤认定结论不服，行政复议应当向哪个机关提出').map((i) => i.name)).toContain('body');
    expect(queryIntents('工伤认定结论不服，行政复议怎么写').map((i) => i.name)).toEqual([]);
    const body = (q: string) => queryIntents(q).some((i) => i.name === 'body');
    expect(body('县市场监管局罚款不服，向谁申请复议？')).toBe(true);
    expect(body('区市场监管局罚的款，复议找市局还是区政府？')).toBe(true);
    // Who must pay, a search for evidence, or a choice of route is not a question of the handling body.
    expect(body('工伤赔偿向谁要')).toBe(false);
    expect(body('我是该寻找证据还是交给公安局')).toBe(false);
    expect(body('找律师还是直接去法院')).toBe(false);
    expect(asksConsequence('老板一直不跟我签合同，我能要点啥')).toBe(true);
    expect(asksConsequence('老板一直不跟我签合同，合同怎么签')).toBe(false);
  });
});
