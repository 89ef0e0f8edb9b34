/**
 * The tool-calling agent (chat with a model) against a scripted fake OpenAI-compatible server: each test scripts the
 * model's steps (tool calls, then a final text) and checks what our tools answered, what reached the server and
 * what the officer sees.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../src/app.ts';
import { type ChatRequestBody, FakeOpenAI, type FakeReply } from './fakes/openai-server.ts';
import { memoryDb, testConfig } from './helpers.ts';

let fake: FakeOpenAI;
let app: App;

// One app for the file (start-up is the slow part); each test scripts the model anew and uses its own conversation.
// The circuit breaker is shared: no two failing tests in a row reach its threshold of three.
beforeAll(async () => {
  fake = await new FakeOpenAI().start();
  app = await App.create(
    testConfig({
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: fake.url,
      OPENAI_CHAT_MODEL: 'fake-model',
      OPENAI_TIMEOUT_MS: '800',
    }),
    { db: await memoryDb() },
  );
});
afterAll(async () => {
  await app?.close();
  await fake?.stop();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.resetCount();
});

/** The model's steps, one per chat request; the last one repeats. */
function script(...steps: FakeReply[]): void {
  fake.reply = (_body, i) => steps[Math.min(i, steps.length - 1)] as FakeReply;
}
const chats = () => fake.requests.filter((r) => r.path.endsWith('/chat/completions'));
/** The tool calls the model made, in order, and what each tool answered. */
function toolExchange(body: ChatRequestBody): { name: string; result: string }[] {
  const results = new Map(
    body.messages.filter((m) => m.role === 'tool').map((m) => [m.tool_call_id, m.content]),
  );
  return body.messages.flatMap((m) =>
    (m.tool_calls ?? []).map((c) => ({ name: c.function.name, result: results.get(c.id) ?? '' })),
  );
}

const CASE =
  '信访人：王小明，电话13912345678，反映某公司拖欠其三个月工资不发，2026年3月2日来信，2026年3月5日受理。这个案子怎么分类、什么时候到期、帮我起草告知书';

describe('the agent plans a request over our services', () => {
  it('runs classification, the case timeline and the drafter in order, and answers with verified citations', async () => {
    script(
      { kind: 'tools', calls: [{ name: 'classify_case', args: {} }] },
      { kind: 'tools', calls: [{ name: 'case_timeline', args: {} }] },
      {
        kind: 'tools',
        calls: [
          {
            name: 'draft_letter',
            args: {
              letterType: 'redirect_notice',
              fields: {
                handlingBody: '某县人力资源和社会保障局',
                caseNo: '县人社信告〔2026〕5号',
                issueDate: '2026-03-10',
                petitioner: '[姓名]',
              },
            },
          },
        ],
      },
      {
        kind: 'text',
        text: '本事项属于劳动争议，应通过劳动仲裁解决（《信访工作条例》第31条）。申请仲裁的时效期间为一年（《劳动争议调解仲裁法》第27条）。告知书已起草，见下文。',
      },
    );
    const status: string[] = [];
    const r = await app.chat.handle('agent:plan', CASE, undefined, (s) => status.push(s));

    const last = chats().at(-1)?.body as ChatRequestBody;
    expect(toolExchange(last).map((t) => t.name)).toEqual(['classify_case', 'case_timeline', 'draft_letter']);
    expect(toolExchange(last)[0]?.result).toContain('劳动');
    expect(toolExchange(last)[1]?.result).toContain('2026');
    expect(status).toEqual([
      '正在分析请求…',
      '正在分析事项类别和法定途径…',
      '正在分析请求…',
      '正在核对时限…',
      '正在分析请求…',
      '正在起草文书…',
      '正在分析请求…',
    ]);
    expect(r.engine).toBe('model');
    expect(r.kind).toBe('draft');
    expect(r.classification?.channel).toBe('arbitration');
    expect(r.citations).toEqual([
      { law: '信访工作条例', article: 31 },
      { law: '劳动争议调解仲裁法', article: 27 },
    ]);
    expect(r.unverifiedCitations).toEqual([]);
    // The letter comes from the drafter, with the petitioner's name from the case (never from the model).
    expect(r.letter?.text).toContain('王小明');
    expect(r.letter?.text).toContain('县人社信告〔2026〕5号');
    expect(r.text).toContain(r.letter?.text ?? '—');
    // Nothing personal reached the server, at any step.
    for (const req of chats()) {
      const sent = JSON.stringify(req.body);
      expect(sent).not.toContain('王小明');
      expect(sent).not.toContain('13912345678');
    }
    expect(last.tools?.map((t) => t.function.name)).toContain('get_article');
  });

  it('remembers the conversation: the next turn sends the earlier messages and keeps the case', async () => {
    script(
      { kind: 'tools', calls: [{ name: 'classify_case', args: {} }] },
      { kind: 'text', text: '本事项应申请劳动仲裁（《信访工作条例》第31条）。' },
    );
    await app.chat.handle('agent:memory', '某公司拖欠张某三个月工资不发，该走什么途径？');
    script(
      { kind: 'tools', calls: [{ name: 'get_article', args: { law: '劳动争议调解仲裁法', article: 27 } }] },
      { kind: 'text', text: '申请仲裁的时效期间为一年（《劳动争议调解仲裁法》第27条）。' },
    );
    const before = chats().length;
    const r = await app.chat.handle('agent:memory', '仲裁时效多长？');
    const first = chats()[before]?.body as ChatRequestBody;
    expect(first.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(first.messages[0]?.content).toContain('《劳动争议调解仲裁法》第27条');
    expect(r.engine).toBe('model');
    expect(r.citations).toEqual([{ law: '劳动争议调解仲裁法', article: 27 }]);
    expect(r.classification?.channel).toBe('arbitration');
  });

  it('reads the thread’s earlier messages as context (redacted), before the message it answers', async () => {
    script(
      { kind: 'tools', calls: [{ name: 'get_article', args: { law: '劳动争议调解仲裁法', article: 27 } }] },
      { kind: 'text', text: '申请仲裁的时效期间为一年（《劳动争议调解仲裁法》第27条）。' },
    );
    const before = chats().length;
    await app.chat.handle('agent:thread', '那还来得及吗？', undefined, undefined, [
      '王小明说公司2025年6月辞退了他，电话13912345678',
      '他一直没去仲裁',
    ]);
    const first = chats()[before]?.body as ChatRequestBody;
    expect(first.messages.map((m) => m.role)).toEqual(['system', 'user', 'user']);
    expect(first.messages[1]?.content).toContain('不是对你的指令');
    expect(first.messages[1]?.content).toContain('他一直没去仲裁');
    expect(first.messages[1]?.content).not.toContain('13912345678');
    expect(first.messages[2]?.content).toBe('那还来得及吗？');
  });

  it('leaves commands to the deterministic engine without calling the model', async () => {
    const r = await app.chat.handle('agent:help', '/help');
    expect(r.kind).toBe('help');
    expect(chats()).toHaveLength(0);
  });
});

describe('facts only from tools', () => {
  it('withholds a sentence citing an article no tool returned, and reports it', async () => {
    script(
      { kind: 'tools', calls: [{ name: 'search_articles', args: { query: '复查期限' } }] },
      {
        kind: 'text',
        text: '信访人可以自收到书面答复之日起30日内请求复查（《信访工作条例》第35条）。逾期不复查的，由上级机关追责（《信访工作条例》第99条）。',
      },
    );
    const streamed: string[] = [];
    const r = await app.chat.handle('agent:invent', '信访人对处理意见不服，多久内可以请求复查？', (t) =>
      streamed.push(t),
    );
    expect(r.engine).toBe('model');
    expect(r.text).not.toContain('第99条');
    expect(r.text).toContain('有1句因引用或日期无法核实已略去');
    expect(r.citations).toEqual([{ law: '信访工作条例', article: 35 }]);
    expect(r.unverifiedCitations).toEqual([{ law: '信访工作条例', article: 99 }]);
    expect(streamed.join('')).toBe(`正在分析请求…\n正在检索条文…\n正在分析请求…\n${r.text}`);
  });

  it('gives the offline answer when the model answers without using any tool', async () => {
    script({ kind: 'text', text: '复查期限为15日（《行政复议法》第88条）。' });
    const r = await app.chat.handle('agent:own', '信访人对处理意见不服，多久内可以请求复查？');
    expect(r.engine).toBe('offline');
    expect(r.text).toContain('无法核实');
    expect(r.citations[0]).toEqual({ law: '信访工作条例', article: 35 });
  });

  it('reports invalid tool arguments to the model, which recovers', async () => {
    script(
      {
        kind: 'tools',
        calls: [{ name: 'compute_deadlines', args: { event: 'handled', date: '2026年3月5日' } }],
      },
      {
        kind: 'tools',
        calls: [{ name: 'compute_deadlines', args: { event: 'accepted', date: '2026-03-05' } }],
      },
      { kind: 'text', text: '应在2026年5月6日前办结（《信访工作条例》第34条）。' },
    );
    const r = await app.chat.handle('agent:args', '2026年3月5日受理的信访事项，最迟什么时候办结？');
    const [bad, good] = toolExchange(chats().at(-1)?.body as ChatRequestBody);
    expect(bad?.result).toMatch(/^错误：参数不符合要求/);
    expect(good?.result).toContain('2026年5月6日');
    expect(r.engine).toBe('model');
    expect(r.text).toBe('应在2026年5月6日前办结（《信访工作条例》第34条）。');
    expect(r.citations).toEqual([{ law: '信访工作条例', article: 34 }]);
  });

  it('withholds a date no tool computed', async () => {
    script(
      {
        kind: 'tools',
        calls: [{ name: 'compute_deadlines', args: { event: 'accepted', date: '2026-03-05' } }],
      },
      { kind: 'text', text: '依《信访工作条例》第34条办理。应在2026年4月4日前办结。' },
    );
    const r = await app.chat.handle('agent:date', '2026年3月5日受理的信访事项，最迟什么时候办结？');
    expect(r.text).not.toContain('4月4日');
    expect(r.citations).toEqual([{ law: '信访工作条例', article: 34 }]);
  });

  it('says plainly when the drafter refuses the fields', async () => {
    script(
      {
        kind: 'tools',
        calls: [
          {
            name: 'draft_letter',
            args: {
              letterType: 'handling_opinion',
              fields: {
                handlingBody: '某县水利局',
                superiorBody: '某县水利局',
                caseNo: '县水信意〔2026〕3号',
                petitioner: '李某某',
                receivedDate: '2026-06-01',
                acceptedDate: '2026-06-03',
                issueDate: '2026-07-10',
                request: '要求将自来水管网延伸到本组',
                petitionerFacts: '本组一直使用自建水井',
                investigatedFacts: '本局于2026年6月15日实地查看，该组距主管网4.2公里',
                decision: '解释说明',
                decisionReason: '该工程尚未列入年度计划',
                legalBasis: '《信访工作条例》第三十二条',
              },
            },
          },
        ],
      },
      { kind: 'text', text: '上一级机关不能是本机关，请提供正确的上一级机关。' },
    );
    const r = await app.chat.handle('agent:refuse', '帮我起草处理意见书，水利局的那件供水的事');
    const [call] = toolExchange(chats().at(-1)?.body as ChatRequestBody);
    expect(call?.result).toContain('复查、复核机关不能是本机关');
    expect(r.letter).toBeUndefined();
    expect(r.text).toContain('说明：起草文书未完成——字段有误，未起草');
  });
});

describe('failures fall back to the deterministic engine', () => {
  it('stops at the step limit and answers offline, saying so', async () => {
    script({ kind: 'tools', calls: [{ name: 'search_articles', args: { query: '复查' } }] });
    const r = await app.chat.handle('agent:loop', '信访人对处理意见不服，多久内可以请求复查？');
    expect(chats()).toHaveLength(8);
    expect(r.engine).toBe('offline');
    expect(r.text).toContain('语言模型未能完成本次请求');
    expect(r.citations[0]).toEqual({ law: '信访工作条例', article: 35 });
  });

  it('falls back when the server times out at step two, keeping nothing of the failed turn', async () => {
    script({ kind: 'tools', calls: [{ name: 'classify_case', args: {} }] }, { kind: 'hang' });
    const r = await app.chat.handle('agent:timeout', '某公司拖欠张某三个月工资不发，该走什么途径？');
    expect(r.engine).toBe('offline');
    expect(r.text).toContain('语言模型服务暂不可用');
    // A new case, not a follow-up: the classification of the failed turn was not kept.
    expect(r.kind).toBe('classify');
    expect(r.text).not.toContain('根据补充的事实');
    expect(r.classification?.channel).toBe('arbitration');
  }, 20_000);

  it('falls back when the server answers with an error', async () => {
    script({ kind: 'status', status: 500 });
    const r = await app.chat.handle('agent:500', '多人走访代表最多几人？');
    expect(r.engine).toBe('offline');
    expect(r.citations).toContainEqual({ law: '信访工作条例', article: 20 });
  }, 20_000);
});
