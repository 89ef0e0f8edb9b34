import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../src/adapters/slack/blocks/reply.ts';
import { splitText, toMrkdwn } from '../src/adapters/slack/blocks/text.ts';
import type { SlackDeps } from '../src/adapters/slack/context.ts';
import { onCommand } from '../src/adapters/slack/handlers/command.ts';
import { draftErrors, postDraft, readDraftState } from '../src/adapters/slack/handlers/draft-modal.ts';
import { onAppMention, onMessage } from '../src/adapters/slack/handlers/events.ts';
import { onFeedback, onFeedbackComment } from '../src/adapters/slack/handlers/feedback.ts';
import { answerQuiz, parseAnswerValue } from '../src/adapters/slack/handlers/quiz.ts';
import type { App } from '../src/app.ts';
import { firstDelivery, negativeFeedback } from '../src/storage/repositories/surfaces.ts';
import { fakeClient } from './fakes/slack-client.ts';
import { memoryApp } from './helpers.ts';

let core: App;
const logs: string[] = [];
const log = pino(
  { level: 'info' },
  new Writable({
    write: (c, _e, cb) => {
      logs.push(String(c));
      cb();
    },
  }),
);
const deps = (over: Partial<SlackDeps['slack']> = {}): SlackDeps => ({
  core,
  log,
  botToken: 'xoxb-test',
  slack: {
    botToken: 'xoxb-test',
    signingSecret: 's',
    appToken: undefined,
    apiUrl: undefined,
    port: 3000,
    allowedTeams: [],
    allowedChannels: [],
    allowedUsers: [],
    rateLimit: 20,
    ...over,
  },
});
const mention = (text: string, ts: string, user = 'U1') => ({
  type: 'app_mention',
  channel: 'C1',
  user,
  text: `<@UBOT> ${text}`,
  ts,
  team: 'T1',
});

beforeAll(async () => {
  core = await memoryApp();
});
afterAll(async () => {
  await core?.close();
});

describe('mentions and threads', () => {
  it('answers a mention in its thread: status placeholder, then answer with citations and feedback buttons', async () => {
    const { client, calls } = fakeClient();
    await onAppMention(deps(), client, mention('信访人对处理意见不服，多久内可以请求复查？', '100.1'));
    expect(calls[0]).toMatchObject({
      method: 'chat.postMessage',
      args: { channel: 'C1', thread_ts: '100.1', text: expect.stringContaining('正在查询') },
    });
    const update = calls.find((c) => c.method === 'chat.update');
    const blocks = JSON.stringify(update?.args.blocks);
    expect(blocks).toContain('引用条文');
    expect(blocks).toContain('《信访工作条例》第35条');
    expect(blocks).toContain('feedback_down');
  });

  it('follows up in an engaged thread without a new mention, and ignores other threads and bots', async () => {
    const { client, calls } = fakeClient();
    await onMessage(
      deps(),
      client,
      { type: 'message', channel: 'C1', user: 'U1', text: '那复核呢？', ts: '100.5', thread_ts: '100.1' },
      'UBOT',
    );
    expect(calls.length).toBeGreaterThan(0);
    const quiet = fakeClient();
    await onMessage(
      deps(),
      quiet.client,
      { type: 'message', channel: 'C1', user: 'U1', text: '闲聊', ts: '200.2', thread_ts: '200.1' },
      'UBOT',
    );
    await onMessage(
      deps(),
      quiet.client,
      { type: 'message', channel: 'C1', bot_id: 'B1', text: '机器人', ts: '100.6', thread_ts: '100.1' },
      'UBOT',
    );
    expect(quiet.calls).toEqual([]);
  });

  it('answers DMs', async () => {
    const { client, calls } = fakeClient();
    await onMessage(
      deps(),
      client,
      { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: '第十九条', ts: '300.1' },
      'UBOT',
    );
    expect(JSON.stringify(calls)).toContain('第十九条');
  });

  it('respects allowlists and the per-user rate limit', async () => {
    const a = fakeClient();
    await onAppMention(deps({ allowedUsers: ['U9'] }), a.client, mention('复查期限', '400.1'));
    expect(a.calls).toEqual([]);
    const b = fakeClient();
    await onAppMention(deps({ rateLimit: 1 }), b.client, mention('复查期限', '500.1', 'U5'));
    await onAppMention(deps({ rateLimit: 1 }), b.client, mention('复查期限', '500.2', 'U5'));
    expect(JSON.stringify(b.calls)).toContain('请求过于频繁');
  });

  it('a failure gives a friendly Chinese message with an error id, and the petitioner’s words stay out of the logs', async () => {
    const broken = {
      ...core,
      chat: {
        handle: async () => {
          throw new Error('boom');
        },
      },
    } as unknown as App;
    const { client, calls } = fakeClient();
    const secret = '张某某身份证320681198507121234反映拖欠工资';
    await onAppMention({ ...deps(), core: broken }, client, mention(secret, '600.1', 'U6'));
    expect(JSON.stringify(calls)).toMatch(/错误编号 [0-9A-F]{6}/);
    expect(logs.join('')).not.toContain('320681198507121234');
    expect(logs.join('')).not.toContain('张某某');
  });

  it('claims each event id once', async () => {
    expect(await firstDelivery(core.db, 'Ev1')).toBe(true);
    expect(await firstDelivery(core.db, 'Ev1')).toBe(false);
  });
});

describe('slash command, drafting modal, quiz and feedback', () => {
  const cmd = (text: string) => ({ text, user: 'U1', channel: 'C1', team: 'T1', triggerId: 'trig-1' });

  it('opens the drafting modal with the trigger id first', async () => {
    const { client, calls } = fakeClient();
    await onCommand(deps(), client, cmd('draft'), async () => undefined);
    expect(calls[0]?.method).toBe('views.open');
    expect(calls[0]?.args.trigger_id).toBe('trig-1');
    expect(JSON.stringify(calls[0]?.args.view)).toContain('draft_letter');
  });

  it('answers ask/classify/help through respond', async () => {
    const { client } = fakeClient();
    const said: string[] = [];
    await onCommand(deps(), client, cmd('classify 隔壁烧烤店油烟扰民请求查处'), async (m) =>
      said.push(m.text),
    );
    expect(said.join('')).toContain('依法履行职责');
    await onCommand(deps(), client, cmd('help'), async (m) => said.push(m.text));
    expect(said.join('')).toContain('/xinfang draft');
  });

  it('validates the modal field by field and posts the letter with its .docx', async () => {
    const values = (v: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          {
            v: /Date$/.test(k)
              ? { selected_date: x }
              : k === 'letterType' || k === 'decision'
                ? { selected_option: { value: x } }
                : { value: x },
          },
        ]),
      );
    const bad = readDraftState(
      deps(),
      values({ letterType: 'handling_opinion', petitioner: '', legalBasis: '' }) as never,
    );
    const errors = draftErrors(deps(), bad);
    expect(errors?.petitioner).toBeTruthy();
    expect(errors?.legalBasis).toBeTruthy();
    const good = readDraftState(
      deps(),
      values({
        letterType: 'handling_opinion',
        handlingBody: '某县水利局',
        superiorBody: '某县人民政府',
        caseNo: '县水信意〔2026〕3号',
        petitioner: '李某某',
        receivedDate: '2026-06-01',
        acceptedDate: '2026-06-03',
        issueDate: '2026-07-10',
        request: '要求将自来水管网延伸到本组',
        petitionerFacts: '本组一直使用自建水井',
        investigatedFacts: '本局于2026年6月15日实地查看并调阅供水工程实施方案，查明该组距主管网4.2公里',
        decision: 'explained',
        decisionReason: '该工程尚未列入年度计划',
        legalBasis: '《信访工作条例》第三十二条',
      }) as never,
    );
    expect(draftErrors(deps(), good)).toBeNull();
    const { client, calls } = fakeClient();
    await postDraft(
      deps(),
      client,
      good,
      JSON.stringify({ channel: 'C1', threadTs: '700.1', team: 'T1' }),
      'U1',
    );
    expect(JSON.stringify(calls)).toContain('向某县人民政府请求复查');
    expect(
      calls.some((c) => c.method === 'files.uploadV2' && String(c.args.filename).endsWith('.docx')),
    ).toBe(true);
  });

  it('runs a quiz with buttons and never double-counts a double click', async () => {
    const { client, calls } = fakeClient();
    await onCommand(deps(), client, cmd('quiz 2'), async () => undefined);
    const question = calls.find((c) => c.method === 'chat.postMessage');
    const refs: string[] = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (typeof o.value === 'string' && o.value.startsWith('{')) refs.push(o.value);
        if (typeof o.action_id === 'string' && o.action_id.startsWith('quiz_fill|'))
          refs.push(o.action_id.slice(10));
        Object.values(o).forEach(walk);
      }
    };
    walk(question?.args.blocks);
    const ref = parseAnswerValue(refs[0]);
    const ephemeral: string[] = [];
    const action = {
      sessionId: ref.s,
      questionId: ref.q,
      answer: [ref.a ?? 'A'],
      user: 'U1',
      channel: 'C1',
      messageTs: '1.1',
      threadTs: undefined,
    };
    await answerQuiz(deps(), client, action, async (t) => ephemeral.push(t));
    await answerQuiz(deps(), client, action, async (t) => ephemeral.push(t));
    expect(ephemeral).toEqual(['这道题已经作答，成绩不会重复计算。']);
    expect(calls.filter((c) => c.method === 'chat.update').length).toBe(1);
    const s = await core.quiz.session(ref.s);
    expect(s.answered).toBe(1);
  });

  it('stores 👎 with a comment and reports it', async () => {
    const { client } = fakeClient();
    await onAppMention(deps(), client, mention('复查期限是多少？', '800.1', 'U8'));
    const rows = await core.db.query<{ id: string }>("SELECT id FROM answers WHERE user_id = 'U8'");
    const id = rows[0]?.id ?? '';
    const fb = fakeClient();
    await onFeedback(
      deps(),
      fb.client,
      { answerId: id, user: 'U8', up: false, triggerId: 't' },
      async () => undefined,
    );
    expect(fb.calls[0]?.method).toBe('views.open');
    await onFeedbackComment(deps(), id, '应同时说明复核');
    const report = await negativeFeedback(core.db, 7);
    expect(report[0]).toMatchObject({ comment: '应同时说明复核' });
    expect(report[0]?.question).toContain('复查期限');
  });
});

describe('rendering within Slack limits', () => {
  it('converts Markdown to mrkdwn and escapes', () => {
    expect(toMrkdwn('**重点** <a> & [链接](https://x.cn)')).toBe(
      '*重点* &lt;a&gt; &amp; <https://x.cn|链接>',
    );
    expect(toMrkdwn('## 标题')).toBe('*标题*');
  });

  it('splits long answers into sections and messages', () => {
    const long = Array.from({ length: 1500 }, (_, i) => `第${i}行：${'信访'.repeat(60)}`).join('\n');
    expect(splitText(long).every((p) => p.length <= 2900)).toBe(true);
    const messages = renderReply(long);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(45);
  });
});
