import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { ChatAssistant } from '../src/conversation/engine.ts';
import { detectIntent } from '../src/conversation/intent.ts';
import { dbConversationStore } from '../src/storage/repositories/conversations.ts';
import { EVAL, hasEvalSets, memoryApp } from './helpers.ts';

let app: App;
beforeAll(async () => {
  app = await memoryApp();
});
afterAll(async () => {
  await app?.close();
});

describe('chat intent', () => {
  it('tells case descriptions, questions, deadlines and commands apart', () => {
    expect(detectIntent('这件事该走什么途径：公司拖欠工资', false).kind).toBe('classify');
    expect(detectIntent('村民反映隔壁养殖场污水直排进水渠，庄稼没法浇，要求处理', false).kind).toBe(
      'classify',
    );
    expect(detectIntent('复查期限是多少？', false).kind).toBe('ask');
    expect(detectIntent('2026年3月5日受理的，什么时候到期？', false)).toMatchObject({
      kind: 'deadline',
      event: 'accepted',
      date: '2026-03-05',
    });
    expect(detectIntent('/search 第十九条', false)).toEqual({ kind: 'search', text: '第十九条' });
    expect(detectIntent('已经判决生效了', true).kind).toBe('followup');
    expect(detectIntent('已经判决生效了', false).kind).toBe('ask');
  });
});

describe('chat conversation', () => {
  it('classifies a case, then refines it with the answer to a follow-up question, without re-asking', async () => {
    const id = 'test:refine';
    const first = await app.chat.handle(
      id,
      '我借给同村李某8万元，有借条，到期后他一直不还，这件事该走什么途径',
    );
    expect(first.kind).toBe('classify');
    expect(first.classification?.subchannel).toBe('civil_litigation');
    const second = await app.chat.handle(id, '已经起诉了，法院判决生效了，他还是不给钱');
    expect(second.kind).toBe('followup');
    expect(second.classification?.subchannel).toBe('enforcement');
    expect(second.text).toContain('结论调整');
    expect(second.text).not.toContain('是否有借条');
  });

  it('keeps the conversation in the database across a restart of the service', async () => {
    const id = 'test:restart';
    await app.chat.handle(id, '公司拖欠我三个月工资不发，该找谁');
    const restarted = new ChatAssistant({
      ask: app.answerer,
      searcher: app.searcher,
      classify: async (t) => ({ ...app.classifier.classify(t), engine: 'offline' as const }),
      deadlines: app.deadlines,
      checker: app.checker,
      drafter: app.drafter,
      catalog: app.catalog,
      store: dbConversationStore(app.db),
    });
    const r = await restarted.handle(id, '我想请劳动监察查处这家公司');
    expect(r.kind).toBe('followup');
    expect(r.text).toContain('根据补充的事实');
  });

  it('answers deadlines, questions with citations, help and reset', async () => {
    const d = await app.chat.handle('test:d', '2026年8月2日受理的，什么时候到期？');
    expect(d.text).toContain('2026年10月8日');
    const a = await app.chat.handle('test:a', '多人走访代表最多几人？');
    expect(a.citations).toContainEqual({ law: '信访工作条例', article: 20 });
    expect((await app.chat.handle('test:a', '/help')).text).toContain('/reset');
    await app.chat.handle('test:reset', '公司拖欠我三个月工资不发，该找谁');
    await app.chat.handle('test:reset', '/reset');
    expect(await dbConversationStore(app.db).get('test:reset')).toBeNull();
  });

  it('gives a clear message for bad input instead of failing', async () => {
    const r = await app.chat.handle('test:bad', '/classify');
    expect(r.kind).toBe('error');
    expect(r.text).toContain('为空');
  });
});

describe('chat: letters', () => {
  it.skipIf(!hasEvalSets())('checks a pasted letter', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const letter = readFileSync(path.join(EVAL, 'letters-dev/L08-pii-body.txt'), 'utf8');
    const r = await app.chat.handle('test:check', letter.trim());
    expect(r.kind).toBe('check');
    expect(r.findings?.map((f) => f.code)).toContain('WRONG_REMEDY_BODY');
    expect(r.text).toContain('建议');
  });

  it('asks for the missing fields of a draft, keeps partial answers, then drafts', async () => {
    const id = 'test:draft';
    const start = await app.chat.handle(id, '帮我起草一份处理意见书');
    expect(start.kind).toBe('draft');
    expect(start.text).toContain('办理机关');
    const partial = await app.chat.handle(
      id,
      '办理机关：某县水利局\n上一级机关：某县人民政府\n文号：县水信意〔2026〕3号\n信访人：李某某',
    );
    expect(partial.text).not.toContain('· 办理机关');
    expect(partial.text).toContain('收到日期');
    const done = await app.chat.handle(
      id,
      [
        '收到日期：2026年6月1日',
        '受理日期：2026-06-03',
        '出具日期：2026-07-10',
        '信访请求：要求将自来水管网延伸到本组',
        '信访人陈述：本组一直使用自建水井，用水不便',
        '查明事实：本局于2026年6月15日实地查看并调阅农村供水工程实施方案，查明该组距主管网4.2公里，已列入2027年度储备项目',
        '结论：解释说明',
        '处理理由：该工程尚未列入年度计划，暂无实施依据',
        '依据：《信访工作条例》第三十二条',
      ].join('\n'),
    );
    expect(done.kind).toBe('draft');
    expect(done.letter?.text).toContain('向某县人民政府请求复查');
    expect(done.findings?.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('chat: case timeline', () => {
  it('reads the case dates an officer writes and shows each step with its status', async () => {
    const r = await app.chat.handle(
      'test:timeline',
      '时限图：2026年3月2日收到，2026年3月5日受理，2026年5月20日出具处理意见',
    );
    expect(r.kind).toBe('deadline');
    expect(r.text).toContain('期限至2026年5月6日');
    expect(r.text).toContain('超过期限');
  });
});
