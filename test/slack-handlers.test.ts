import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_ACTION, renderReply } from '../src/adapters/slack/blocks/reply.ts';
import { splitText, toMrkdwn } from '../src/adapters/slack/blocks/text.ts';
import { looksLikeQuestion } from '../src/adapters/slack/channels.ts';
import type { SlackDeps } from '../src/adapters/slack/context.ts';
import { onMessagesTabOpened, SUGGESTED_PROMPTS } from '../src/adapters/slack/handlers/agent.ts';
import { onCommand } from '../src/adapters/slack/handlers/command.ts';
import { draftErrors, postDraft, readDraftState } from '../src/adapters/slack/handlers/draft-modal.ts';
import { onAppMention, onMessage } from '../src/adapters/slack/handlers/events.ts';
import { onFeedback, onFeedbackComment } from '../src/adapters/slack/handlers/feedback.ts';
import { answerQuiz, parseAnswerValue } from '../src/adapters/slack/handlers/quiz.ts';
import { decodeSlackText } from '../src/adapters/slack/markup.ts';
import { DENIED, guard, TOO_MANY } from '../src/adapters/slack/middleware.ts';
import type { App } from '../src/app.ts';
import { channelMode, firstDelivery, negativeFeedback } from '../src/storage/repositories/surfaces.ts';
import { fakeClient } from './fakes/slack-client.ts';
import { memoryApp } from './helpers.ts';
import { testSlackConfig } from './slack-helpers.ts';

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
  slack: testSlackConfig(over),
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
    await onAppMention(
      deps(),
      client,
      mention('信访人对处理意见不服，多久内可以请求复查？', '100.1'),
      'UBOT',
    );
    expect(calls[0]).toMatchObject({
      method: 'chat.postMessage',
      args: { channel: 'C1', thread_ts: '100.1', text: expect.stringContaining('正在查询') },
    });
    const update = calls.find((c) => c.method === 'chat.update');
    const blocks = JSON.stringify(update?.args.blocks);
    expect(blocks).toContain('引用条文');
    expect(blocks).toContain('《信访工作条例》第35条');
    expect(blocks).toContain('down:');
  });

  it('follows up in an engaged thread without a new mention, and ignores other threads and bots', async () => {
    // Its own thread, engaged by a mention here (not by another test's).
    await onAppMention(deps(), fakeClient().client, mention('复查期限是多少？', '150.1'), 'UBOT');
    const { client, calls } = fakeClient();
    await onMessage(
      deps(),
      client,
      { type: 'message', channel: 'C1', user: 'U1', text: '那复核呢？', ts: '150.5', thread_ts: '150.1' },
      'UBOT',
    );
    // The follow-up is answered in that thread, replacing its placeholder: the article on 复核 leads.
    expect(calls[0]).toMatchObject({
      method: 'chat.postMessage',
      args: { channel: 'C1', thread_ts: '150.1' },
    });
    const answer = calls.find((c) => c.method === 'chat.update');
    expect(String(answer?.args.text)).toMatch(/^《信访工作条例》第三十六条（复核与终结）/);
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
      { type: 'message', channel: 'C1', bot_id: 'B1', text: '机器人', ts: '150.6', thread_ts: '150.1' },
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

  it('applies the per-user rate limit to the text path', async () => {
    const b = fakeClient();
    await onAppMention(deps({ rateLimit: 1 }), b.client, mention('复查期限', '500.1', 'U5'), 'UBOT');
    await onAppMention(deps({ rateLimit: 1 }), b.client, mention('复查期限', '500.2', 'U5'), 'UBOT');
    expect(b.calls.at(-1)).toMatchObject({
      method: 'chat.postMessage',
      args: { thread_ts: '500.2', text: '请求过于频繁，请稍后再试（每人每分钟最多 1 次）。' },
    });
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
    await onAppMention({ ...deps(), core: broken }, client, mention(secret, '600.1', 'U6'), 'UBOT');
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

  it('/xinfang channel: the channel creator sets it, it is stored, and shown back', async () => {
    const { client } = fakeClient();
    const withInfo = {
      ...client,
      conversations: {
        ...client.conversations,
        info: async () => ({ ok: true, channel: { id: 'CCH', creator: 'UCREATOR' } }),
      },
      users: { info: async () => ({ ok: true, user: { id: 'UX', is_admin: false } }) },
    } as unknown as typeof client;
    const said: { text: string; response_type?: string }[] = [];
    const respond = async (m: { text: string; response_type?: string }) => {
      said.push(m);
    };
    const at = (text: string, user: string) => ({ text, user, channel: 'CCH', team: 'T1', triggerId: 't' });
    await onCommand(deps(), withInfo, at('channel 回答问题', 'UOTHER'), respond);
    expect(said.at(-1)?.text).toBe('只有频道创建者或工作区管理员可以更改本频道的设置。');
    expect(await channelMode(core.db, 'CCH')).toBe('mention');
    await onCommand(deps(), withInfo, at('channel 回答问题', 'UCREATOR'), respond);
    expect(said.at(-1)).toEqual({
      text: '已设置：本频道被 @提及 时回答，并回答频道中直接发布的问题（由 <@UCREATOR> 设置）。',
      response_type: 'in_channel',
    });
    expect(await channelMode(core.db, 'CCH')).toBe('questions');
    await onCommand(deps(), withInfo, at('channel', 'UOTHER'), respond);
    expect(said.at(-1)?.text).toContain('本频道当前：被 @提及 时回答，并回答频道中直接发布的问题');
    await onCommand(deps(), withInfo, at('channel 随便', 'UCREATOR'), respond);
    expect(said.at(-1)?.text).toBe('用法：/xinfang channel 仅提及 或 /xinfang channel 回答问题');
  });

  it('tells a question posted in a channel from chatter', () => {
    for (const q of ['复查期限是多少', '多人走访代表最多几人', '这个要转给哪个部门？', '能否不予受理'])
      expect(looksLikeQuestion(q), q).toBe(true);
    for (const t of ['收到', '明天上午开会', '材料已经转交综合科了', '好的。'])
      expect(looksLikeQuestion(t), t).toBe(false);
  });

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
    expect(() => parseAnswerValue('{"s":1}')).toThrow('测验按钮的数据无效');
    expect(calls.filter((c) => c.method === 'chat.update').length).toBe(1);
    const s = await core.quiz.session(ref.s);
    expect(s.answered).toBe(1);
  });

  it('stores 👎 with a comment and reports it', async () => {
    const { client } = fakeClient();
    await onAppMention(deps(), client, mention('复查期限是多少？', '800.1', 'U8'), 'UBOT');
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
    const meta = JSON.parse(
      String((fb.calls[0]?.args.view as { private_metadata?: string } | undefined)?.private_metadata),
    );
    expect(meta).toEqual({ answerId: id, user: 'U8' });
    await onFeedbackComment(deps(), JSON.stringify(meta), 'U8', '应同时说明复核');
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

describe('Slack markup decoded at the edge', () => {
  it('decodes entities, links, mailto, mentions and channels', () => {
    const d = decodeSlackText(
      '<@UBOT> A &amp; B &lt;1&gt; 见 <https://gov.cn/a?x=1&amp;y=2|通知> 和 <https://x.cn> 发 <mailto:a@b.cn|a@b.cn> 抄送 <@U2> <#C9|信访> <!here>',
      { botUserId: 'UBOT' },
    );
    expect(d.text).toBe(
      'A & B <1> 见 通知（https://gov.cn/a?x=1&y=2） 和 https://x.cn 发 a@b.cn 抄送 @U2 #信访 @here',
    );
    expect(d.mentionsBot).toBe(true);
    expect(d.addressedToOther).toBe(false);
    expect(d.mentions).toEqual(['U2']);
    expect(decodeSlackText('<@U2|张三> 你看下这个', { botUserId: 'UBOT' })).toMatchObject({
      text: '@张三 你看下这个',
      addressedToOther: true,
    });
  });

  it('a labelled link in a deadline question no longer reads as a deadline code', async () => {
    const { client, calls } = fakeClient();
    await onAppMention(
      deps(),
      client,
      mention('/deadline 2026年3月5日受理 <https://www.gov.cn/zhengce|条例全文>', '910.1', 'U91'),
      'UBOT',
    );
    const text = JSON.stringify(calls.filter((c) => c.method === 'chat.update').map((c) => c.args));
    expect(text).not.toContain('未知的时限代码');
    expect(text).toContain('2026年5月6日');
  });
});

describe('engaged threads', () => {
  it('leaves colleagues talking to each other alone, and answers thread_broadcast replies', async () => {
    const { client } = fakeClient();
    await onAppMention(deps(), client, mention('复查期限', '920.1', 'U92'), 'UBOT');
    const quiet = fakeClient();
    await onMessage(
      deps(),
      quiet.client,
      {
        type: 'message',
        channel: 'C1',
        user: 'U92',
        text: '<@U3> 你看下这个',
        ts: '920.5',
        thread_ts: '920.1',
      },
      'UBOT',
    );
    expect(quiet.calls).toEqual([]);
    const loud = fakeClient();
    await onMessage(
      deps(),
      loud.client,
      {
        type: 'message',
        subtype: 'thread_broadcast',
        channel: 'C1',
        user: 'U92',
        text: '那复核期限呢？',
        ts: '920.6',
        thread_ts: '920.1',
      },
      'UBOT',
    );
    expect(loud.calls[0]).toMatchObject({ method: 'chat.postMessage', args: { thread_ts: '920.1' } });
  });
});

describe('agent messaging experience', () => {
  it('offers at most four prompts on the DM itself when the Messages tab opens', async () => {
    const { client, calls } = fakeClient();
    await onMessagesTabOpened(client, { tab: 'home', channel: 'D7', user: 'U7' });
    expect(calls).toEqual([]);
    await onMessagesTabOpened(client, { tab: 'messages', channel: 'D7', user: 'U7' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('assistant.threads.setSuggestedPrompts');
    expect(calls[0]?.args.channel_id).toBe('D7');
    expect(calls[0]?.args).not.toHaveProperty('thread_ts');
    expect((calls[0]?.args.prompts as unknown[] | undefined)?.length).toBeLessThanOrEqual(4);
  });

  it('every suggested prompt works when clicked', async () => {
    for (const [i, p] of SUGGESTED_PROMPTS.entries()) {
      const { client, calls } = fakeClient();
      const ts = `930.${i}`;
      await onMessage(
        deps(),
        client,
        { type: 'message', channel: 'D7', channel_type: 'im', user: `U93${i}`, text: p.message, ts },
        'UBOT',
      );
      const said = JSON.stringify(calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args));
      expect(said, p.title).not.toMatch(/错误编号|未知/);
      expect(calls.some((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts)).toBe(true);
    }
  });

  it('a DM question gets a thread title, a status with loading messages, and the answer in its thread', async () => {
    const { client, calls } = fakeClient();
    await onMessage(
      deps(),
      client,
      {
        type: 'message',
        channel: 'D8',
        channel_type: 'im',
        user: 'U94',
        text: '复查期限是多少？',
        ts: '940.1',
      },
      'UBOT',
    );
    expect(calls.map((c) => c.method)).toEqual([
      'assistant.threads.setTitle',
      'assistant.threads.setStatus',
      'chat.postMessage',
    ]);
    expect(calls[1]?.args.loading_messages).toBeInstanceOf(Array);
    expect(calls[2]?.args).toMatchObject({ channel: 'D8', thread_ts: '940.1' });
  });
});

describe('nothing filled in is lost', () => {
  const good = () =>
    readDraftState(deps(), {
      letterType: { v: { selected_option: { value: 'handling_opinion' } } },
      handlingBody: { v: { value: '某县水利局' } },
      superiorBody: { v: { value: '某县人民政府' } },
      caseNo: { v: { value: '县水信意〔2026〕3号' } },
      petitioner: { v: { value: '李某某' } },
      receivedDate: { v: { selected_date: '2026-06-01' } },
      acceptedDate: { v: { selected_date: '2026-06-03' } },
      issueDate: { v: { selected_date: '2026-07-10' } },
      request: { v: { value: '要求将自来水管网延伸到本组' } },
      petitionerFacts: { v: { value: '本组一直使用自建水井' } },
      investigatedFacts: {
        v: { value: '本局于2026年6月15日实地查看并调阅供水工程实施方案，查明该组距主管网4.2公里' },
      },
      decision: { v: { selected_option: { value: 'explained' } } },
      decisionReason: { v: { value: '该工程尚未列入年度计划' } },
      legalBasis: { v: { value: '《信访工作条例》第三十二条' } },
    } as never);

  it('a letter for a channel the bot has not joined goes to the user by DM with the reason and the .docx', async () => {
    const { client, calls } = fakeClient([
      { method: 'chat.postMessage', error: 'not_in_channel', channel: 'C404' },
    ]);
    await postDraft(
      deps(),
      client,
      good(),
      JSON.stringify({ channel: 'C404', threadTs: null, team: 'T1' }),
      'U1',
    );
    expect(calls.find((c) => c.method === 'conversations.open')?.args).toEqual({ users: 'U1' });
    const dm = calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'D-U1');
    expect(String(dm[0]?.args.text)).toContain('/invite');
    expect(JSON.stringify(dm)).toContain('向某县人民政府请求复查');
    expect(calls.find((c) => c.method === 'files.uploadV2')?.args.channel_id).toBe('D-U1');
  });

  it('malformed modal metadata is refused with a clear message', async () => {
    const { client } = fakeClient();
    await expect(postDraft(deps(), client, good(), '{"oops":1}', 'U1')).rejects.toThrow('起草表单的数据无效');
  });
});

describe('feedback per user and with Slack feedback buttons', () => {
  it('renders feedback_buttons in a context_actions block', () => {
    const [m] = renderReply('答复', { answerId: 'A1' });
    expect(m?.blocks.at(-1)).toMatchObject({
      type: 'context_actions',
      elements: [
        {
          type: 'feedback_buttons',
          action_id: FEEDBACK_ACTION,
          positive_button: { value: 'up:A1' },
          negative_button: { value: 'down:A1' },
        },
      ],
    });
  });

  it('a comment from someone other than the rater is ignored', async () => {
    const { client } = fakeClient();
    await onAppMention(deps(), client, mention('复查期限是多少？', '950.1', 'U95'), 'UBOT');
    const rows = await core.db.query<{ id: string }>("SELECT id FROM answers WHERE user_id = 'U95'");
    const id = rows[0]?.id ?? '';
    await onFeedback(
      deps(),
      client,
      { answerId: id, user: 'U95', up: false, triggerId: undefined },
      async () => 0,
    );
    await onFeedbackComment(deps(), JSON.stringify({ answerId: id, user: 'U95' }), 'U96', '别人的评论');
    const fb = await core.db.query<{ comment: string | null }>(
      'SELECT comment FROM feedback WHERE answer_id = $1',
      [id],
    );
    expect(fb[0]?.comment ?? null).toBeNull();
  });
});

describe('guard middleware on every surface', () => {
  const run = async (d: SlackDeps, body: Record<string, unknown>) => {
    const seen: string[] = [];
    let passed = false;
    await guard(d)({
      body,
      ack: async (r?: unknown) => {
        seen.push(`ack${r ? JSON.stringify(r) : ''}`);
      },
      respond: async (m: { text: string }) => {
        seen.push(m.text);
      },
      next: async () => {
        passed = true;
      },
    } as never);
    return { seen, passed };
  };

  it('refuses buttons, commands and the pane outside the allowlists, telling the clicker', async () => {
    const d = deps({ allowedUsers: ['U9'] });
    const action = await run(d, {
      type: 'block_actions',
      user: { id: 'U1' },
      team: { id: 'T1' },
      channel: { id: 'C1' },
      actions: [{ action_id: 'quiz_start' }],
    });
    expect(action).toEqual({ seen: ['ack', DENIED], passed: false });
    const event = await run(d, {
      type: 'event_callback',
      team_id: 'T1',
      event_id: 'EvG1',
      event: { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'messages' },
    });
    expect(event).toEqual({ seen: [], passed: false });
    const ok = await run(d, {
      type: 'event_callback',
      team_id: 'T1',
      event_id: 'EvG2',
      event: { type: 'app_home_opened', user: 'U9', channel: 'D1', tab: 'messages' },
    });
    expect(ok.passed).toBe(true);
  });

  it('rate-limits slash commands and modal submissions, keeping the modal open', async () => {
    const d = deps({ rateLimit: 1 });
    const cmd = {
      command: '/xinfang',
      text: 'ask 复查期限',
      user_id: 'UR1',
      channel_id: 'C1',
      team_id: 'T1',
    };
    expect((await run(d, cmd)).passed).toBe(true);
    expect(await run(d, cmd)).toEqual({ seen: ['ack', TOO_MANY(1)], passed: false });
    const view = await run(d, {
      type: 'view_submission',
      user: { id: 'UR1', team_id: 'T1' },
      view: { blocks: [{ block_id: 'letterType' }] },
    });
    expect(view.passed).toBe(false);
    expect(view.seen[0]).toContain('"response_action":"errors"');
    expect(view.seen[0]).toContain('letterType');
  });
});

describe('long answers', () => {
  it('split at paragraph boundaries and keep every line break', () => {
    const para = (i: number) => `第${i}段。\n${'信访事项依法处理。'.repeat(120)}`;
    const text = Array.from({ length: 12 }, (_, i) => para(i)).join('\n\n');
    const chunks = splitText(text);
    expect(chunks.every((c) => c.length <= 2900)).toBe(true);
    for (const c of chunks) expect(c.startsWith('第')).toBe(true);
    expect(chunks.join('\n\n')).toBe(text);
    const messages = renderReply(text);
    for (const m of messages) expect(JSON.stringify(m.blocks).length).toBeLessThanOrEqual(12_000);
  });
});

describe('manifest', () => {
  it('declares the agent messaging experience, its events, and only scopes in use', () => {
    const m = JSON.parse(readFileSync(new URL('../slack/manifest.json', import.meta.url), 'utf8'));
    expect(m.features.agent_view.agent_description).toBeTruthy();
    expect(m.features.assistant_view).toBeUndefined();
    expect(m.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_home_opened', 'app_context_changed', 'app_mention', 'message.im']),
    );
    expect(m.oauth_config.scopes.bot).not.toContain('reactions:write');
    expect(m.oauth_config.scopes.bot).toContain('im:write'); // the DM fallback for letters
    // /xinfang channel asks who created the channel and whether the user is an admin.
    expect(m.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['channels:read', 'groups:read', 'users:read']),
    );
  });
});
