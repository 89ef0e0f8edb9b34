/**
 * End to end: the Bolt app in HTTP mode receives signed events, commands and interactions on a local port, and its
 * Web API calls land on a fake Slack API reached through slackApiUrl. No network beyond 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackRuntime } from '../src/adapters/slack/app.ts';
import { App } from '../src/app.ts';
import { channelMode, saveAnswer, setChannelMode } from '../src/storage/repositories/surfaces.ts';
import { FakeSlackApi } from './fakes/slack-api.ts';
import { memoryDb, testConfig } from './helpers.ts';
import { eventBody, freePort, postSigned, SIGNING_SECRET, sign, until } from './slack-helpers.ts';

let api: FakeSlackApi;
let core: App;
let slack: SlackRuntime;
let url: string;

beforeAll(async () => {
  api = await new FakeSlackApi().start();
  const port = await freePort();
  const config = testConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    PORT: String(port),
  });
  core = await App.create(config, { db: await memoryDb() });
  slack = createSlackApp(core, config, core.log);
  await slack.start();
  url = `http://127.0.0.1:${port}/slack/events`;
});
afterAll(async () => {
  await slack?.stop();
  await core?.close();
  await api?.stop();
});

/** An answer of this test's own to give feedback on. */
const answered = () =>
  saveAnswer(core.db, {
    surface: 'slack',
    userId: 'U1',
    channel: 'C1',
    question: '多人走访代表最多几人？',
    answer: '《信访工作条例》第二十条……',
    citations: [{ law: '信访工作条例', article: 20 }],
    engine: 'offline',
  });

const mention = (ts: string) => ({
  type: 'app_mention',
  user: 'U1',
  text: '<@UBOT> 多人走访代表最多几人？',
  ts,
  channel: 'C1',
  team: 'T1',
  event_ts: ts,
});

describe('Slack app over HTTP', () => {
  it('warms its engines at start-up without posting anything or leaving a trace in the database', async () => {
    expect(await core.db.query("SELECT id FROM conversations WHERE id LIKE 'slack-warmup:%'")).toEqual([]);
    expect(await core.db.query("SELECT 1 FROM slack_threads WHERE channel = '-'")).toEqual([]);
    expect(await core.db.query("SELECT 1 FROM slack_events WHERE event_id = 'warmup'")).toEqual([]);
    expect(await core.db.query("SELECT 1 FROM rate_limits WHERE user_id = 'UWARMUP'")).toEqual([]);
    expect(await core.db.query("SELECT 1 FROM answers WHERE user_id = 'UWARMUP'")).toEqual([]);
    expect(api.calls.filter((c) => JSON.stringify(c.args).includes('warmup'))).toEqual([]);
  });

  it('acknowledges a signed mention at once and replies in the thread through the Web API', async () => {
    const body = eventBody('Ev100', mention('111.1'));
    const r = await postSigned(url, body, 'application/json');
    expect(r.status).toBe(200);
    const placeholder = await until(() =>
      api.callsTo('chat.postMessage').find((c) => c.args.thread_ts === '111.1'),
    );
    expect(placeholder.args).toMatchObject({ channel: 'C1', thread_ts: '111.1' });
    expect(placeholder.auth).toBe('Bearer xoxb-test');
    const answer = await until(() => api.callsTo('chat.update').find((c) => c.args.ts === placeholder.ts));
    expect(JSON.stringify(answer.args)).toContain('第20条');
  });

  it('a retried event never produces a second reply', async () => {
    // Its own event, delivered once and answered, then retried by Slack.
    const inThread = () => api.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === '112.1');
    const body = eventBody('Ev112', mention('112.1'));
    expect((await postSigned(url, body, 'application/json')).status).toBe(200);
    const placeholder = await until(() => inThread()[0]);
    await until(() => api.callsTo('chat.update').some((c) => c.args.ts === placeholder.ts));
    const r = await postSigned(url, body, 'application/json', {
      ...sign(body),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(r.status).toBe(200);
    await new Promise((res) => setTimeout(res, 300));
    expect(inThread()).toHaveLength(1);
  });

  it('rejects a bad or stale signature', async () => {
    const body = eventBody('Ev200', mention('222.1'));
    expect(
      (await postSigned(url, body, 'application/json', sign(body, undefined, 'wrong-secret'))).status,
    ).toBe(401);
    expect(
      (await postSigned(url, body, 'application/json', sign(body, Math.floor(Date.now() / 1000) - 3600)))
        .status,
    ).toBe(401);
  });

  it('answers the slash command and opens the drafting modal with its trigger', async () => {
    const form = new URLSearchParams({
      command: '/xinfang',
      text: 'draft',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T1',
      trigger_id: 'trig-e2e',
      response_url: `${api.base}/response`,
    }).toString();
    const r = await postSigned(url, form, 'application/x-www-form-urlencoded');
    expect(r.status).toBe(200);
    await until(() => api.callsTo('views.open').some((c) => c.args.trigger_id === 'trig-e2e'));
  });

  it('/xinfang channel: only a channel manager may change it, and the refusal says so', async () => {
    // The fake Slack knows no creator or admin for this user: not a manager.
    const form = new URLSearchParams({
      command: '/xinfang',
      text: 'channel 回答问题',
      user_id: 'UNOTMGR',
      channel_id: 'CSET',
      team_id: 'T1',
      trigger_id: 'trig-ch',
      response_url: `${api.base}/response`,
    }).toString();
    expect((await postSigned(url, form, 'application/x-www-form-urlencoded')).status).toBe(200);
    const said = await until(() =>
      api.callsTo('/response').find((c) => String(c.args.text).includes('只有频道创建者或工作区管理员')),
    );
    expect(said.args.response_type).not.toBe('in_channel');
    expect(api.callsTo('conversations.info').some((c) => c.args.channel === 'CSET')).toBe(true);
    expect(await channelMode(core.db, 'CSET')).toBe('mention');
  });

  it('answers questions posted in a channel set to answer them, and only there', async () => {
    await setChannelMode(core.db, 'CQ', 'questions', 'UADMIN');
    const post = (channel: string, ts: string, text: string) =>
      postSigned(
        url,
        eventBody(`EvQ${channel}${ts}`, {
          type: 'message',
          channel,
          channel_type: 'channel',
          user: 'U1',
          text,
          ts,
          event_ts: ts,
        }),
        'application/json',
      );
    await post('CQ', '801.1', '多人走访代表最多几人？');
    await post('CQ', '801.2', '收到，明天上午开会');
    await post('CMENTION', '801.3', '多人走访代表最多几人？');
    const placeholder = await until(() =>
      api.callsTo('chat.postMessage').find((c) => c.args.channel === 'CQ' && c.args.thread_ts === '801.1'),
    );
    const answer = await until(() => api.callsTo('chat.update').find((c) => c.args.ts === placeholder.ts));
    expect(JSON.stringify(answer.args)).toContain('第20条');
    // The statement and the question in a mention-only channel got nothing.
    await new Promise((r) => setTimeout(r, 300));
    expect(api.calls.filter((c) => c.args.thread_ts === '801.2' || c.args.thread_ts === '801.3')).toEqual([]);
  });

  it('a deadline command carrying a link and an entity gets its time limit (the issue’s “未知的时限代码“https”” case)', async () => {
    const form = new URLSearchParams({
      command: '/xinfang',
      text: 'deadline 2026年3月5日受理 &amp; 依据 <https://www.gov.cn/zhengce|条例全文>',
      user_id: 'UMARK',
      channel_id: 'C1',
      team_id: 'T1',
      trigger_id: 'trig-mark',
      response_url: `${api.base}/response?mark`,
    }).toString();
    expect((await postSigned(url, form, 'application/x-www-form-urlencoded')).status).toBe(200);
    const said = await until(() =>
      api.calls.find((c) => c.method === '/response' && JSON.stringify(c.args).includes('2026')),
    );
    const text = JSON.stringify(said.args);
    // The time limit itself, computed from the date and the event, not a question back or an unknown code.
    expect(text).toContain('2026年5月6日');
    expect(text).not.toContain('未知的时限代码');
    expect(text).not.toContain('&amp;');
  });

  it('stores feedback from a button click', async () => {
    const id = await answered();
    const payload = {
      type: 'block_actions',
      user: { id: 'U1' },
      team: { id: 'T1' },
      channel: { id: 'C1' },
      trigger_id: 'trig-fb',
      response_url: `${api.base}/response`,
      actions: [
        { type: 'button', action_id: 'feedback_up', block_id: 'feedback', value: id, action_ts: '1' },
      ],
    };
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect((await postSigned(url, form, 'application/x-www-form-urlencoded')).status).toBe(200);
    await until(() => true);
    await new Promise((res) => setTimeout(res, 200));
    const fb = await core.db.query<{ rating: number }>('SELECT rating FROM feedback WHERE answer_id = $1', [
      id,
    ]);
    expect(fb[0]?.rating).toBe(1);
  });
});

describe('Slack app over HTTP, under faults', () => {
  const interaction = (payload: Record<string, unknown>) =>
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

  it('the native feedback buttons store a rating for the clicking user', async () => {
    const id = await answered();
    const form = interaction({
      type: 'block_actions',
      user: { id: 'U2' },
      team: { id: 'T1' },
      channel: { id: 'C1' },
      trigger_id: 'trig-fb2',
      response_url: `${api.base}/response`,
      actions: [
        {
          type: 'feedback_buttons',
          action_id: 'answer_feedback',
          block_id: `feedback_${id}`,
          value: `down:${id}`,
          action_ts: '2',
        },
      ],
    });
    expect((await postSigned(url, form, 'application/x-www-form-urlencoded')).status).toBe(200);
    await until(() => api.callsTo('views.open').some((c) => c.args.trigger_id === 'trig-fb2'));
    // Feedback is kept per user: the clicker's own row holds the 👎.
    const fb = await core.db.query<{ rating: number; user_id: string }>(
      "SELECT rating, user_id FROM feedback WHERE answer_id = $1 AND user_id = 'U2'",
      [id],
    );
    expect(fb).toEqual([{ rating: -1, user_id: 'U2' }]);
  });

  it("a colleague's later 👍 neither overwrites a 👎 nor takes over its comment", async () => {
    const id = await answered();
    const click = (user: string, up: boolean, trigger: string) =>
      postSigned(
        url,
        interaction({
          type: 'block_actions',
          user: { id: user },
          team: { id: 'T1' },
          channel: { id: 'C1' },
          trigger_id: trigger,
          response_url: `${api.base}/response`,
          actions: [
            {
              type: 'feedback_buttons',
              action_id: 'answer_feedback',
              block_id: `feedback_${id}`,
              value: `${up ? 'up' : 'down'}:${id}`,
              action_ts: '3',
            },
          ],
        }),
        'application/x-www-form-urlencoded',
      );
    await click('UA', false, 'trig-fa');
    const modal = await until(() => api.callsTo('views.open').find((c) => c.args.trigger_id === 'trig-fa'));
    const view = modal.args.view as { callback_id: string; private_metadata: string };
    const submitted = await postSigned(
      url,
      interaction({
        type: 'view_submission',
        team: { id: 'T1' },
        user: { id: 'UA', team_id: 'T1' },
        view: {
          id: 'VFB',
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          blocks: [{ block_id: 'comment' }],
          state: { values: { comment: { text: { type: 'plain_text_input', value: '引用的条文不对' } } } },
        },
      }),
      'application/x-www-form-urlencoded',
    );
    expect(submitted.status).toBe(200);
    const rowsNow = () =>
      core.db.query<{ user_id: string; rating: number; comment: string | null }>(
        'SELECT user_id, rating, comment FROM feedback WHERE answer_id = $1 ORDER BY user_id',
        [id],
      );
    const settled = async (done: (r: Awaited<ReturnType<typeof rowsNow>>) => boolean) => {
      for (let i = 0; i < 100; i++) {
        const r = await rowsNow();
        if (done(r)) return r;
        await new Promise((res) => setTimeout(res, 30));
      }
      return rowsNow();
    };
    await settled((r) => r[0]?.comment != null);
    await click('UB', true, 'trig-fb3');
    expect(await settled((r) => r.length === 2)).toEqual([
      { user_id: 'UA', rating: -1, comment: '引用的条文不对' },
      { user_id: 'UB', rating: 1, comment: null },
    ]);
  });

  it('a 429 on one call is retried for that call only and the reply still arrives', async () => {
    api.faults.push({ method: 'chat.postMessage', channel: 'C429', status: 429, retryAfter: 1, times: 1 });
    const body = eventBody('Ev429', { ...mention('429.1'), channel: 'C429' });
    expect((await postSigned(url, body, 'application/json')).status).toBe(200);
    await until(() => api.callsTo('chat.update').some((c) => c.args.channel === 'C429'));
    expect(api.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C429').length).toBe(2);
  });

  it('a persistent 5xx never leaves the placeholder alone: an error with an id follows', async () => {
    api.faults.push({ method: 'chat.update', channel: 'C500', status: 500, times: 20 });
    const body = eventBody('Ev500', { ...mention('500.1'), channel: 'C500' });
    expect((await postSigned(url, body, 'application/json')).status).toBe(200);
    await until(() =>
      api
        .callsTo('chat.postMessage')
        .some((c) => c.args.channel === 'C500' && /错误编号/.test(String(c.args.text))),
    );
  });

  it('a drafted letter for a channel the bot is not in reaches the user by DM', async () => {
    api.faults.push({ method: 'chat.postMessage', channel: 'C404', error: 'not_in_channel', times: 1 });
    const values = {
      letterType: { v: { type: 'static_select', selected_option: { value: 'handling_opinion' } } },
      handlingBody: { v: { type: 'plain_text_input', value: '某县水利局' } },
      superiorBody: { v: { type: 'plain_text_input', value: '某县人民政府' } },
      caseNo: { v: { type: 'plain_text_input', value: '县水信意〔2026〕3号' } },
      petitioner: { v: { type: 'plain_text_input', value: '李某某' } },
      receivedDate: { v: { type: 'datepicker', selected_date: '2026-06-01' } },
      acceptedDate: { v: { type: 'datepicker', selected_date: '2026-06-03' } },
      issueDate: { v: { type: 'datepicker', selected_date: '2026-07-10' } },
      request: { v: { type: 'plain_text_input', value: '要求将自来水管网延伸到本组' } },
      petitionerFacts: { v: { type: 'plain_text_input', value: '本组一直使用自建水井' } },
      investigatedFacts: {
        v: {
          type: 'plain_text_input',
          value: '本局于2026年6月15日实地查看并调阅供水工程实施方案，查明该组距主管网4.2公里',
        },
      },
      decision: { v: { type: 'static_select', selected_option: { value: 'explained' } } },
      decisionReason: { v: { type: 'plain_text_input', value: '该工程尚未列入年度计划' } },
      legalBasis: { v: { type: 'plain_text_input', value: '《信访工作条例》第三十二条' } },
    };
    const form = interaction({
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: 'U1', team_id: 'T1' },
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: 'draft_letter',
        private_metadata: JSON.stringify({ channel: 'C404', threadTs: null, team: 'T1' }),
        blocks: [{ block_id: 'letterType' }],
        state: { values },
      },
    });
    const r = await postSigned(url, form, 'application/x-www-form-urlencoded');
    expect(r.status).toBe(200);
    await until(
      () => api.callsTo('files.completeUploadExternal').some((c) => c.args.channel_id === 'D-U1'),
      15_000,
    );
    const dm = api.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D-U1');
    expect(String(dm[0]?.args.text)).toContain('/invite');
  });
});

describe('Slack app over HTTP, with an engine that never answers', () => {
  it('replaces the stuck placeholder with an error and its id after the bounded wait', async () => {
    const stuckApi = await new FakeSlackApi().start();
    const port = await freePort();
    const config = testConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: stuckApi.apiUrl,
      PORT: String(port),
    });
    const base = await App.create(config, { db: await memoryDb() });
    // The chat engine hangs (a model call that never returns); everything else is the real app.
    const hanging = new Proxy(base, {
      get: (target, key) =>
        key === 'chat' ? { handle: () => new Promise(() => undefined) } : Reflect.get(target, key),
    });
    const runtime = createSlackApp(hanging, config, base.log, { replyDeadlineMs: 300 });
    await runtime.start();
    try {
      const started = Date.now();
      const body = eventBody('EvStuck', mention('777.1'));
      expect(
        (await postSigned(`http://127.0.0.1:${port}/slack/events`, body, 'application/json')).status,
      ).toBe(200);
      const placeholder = await until(() =>
        stuckApi.callsTo('chat.postMessage').find((c) => c.args.thread_ts === '777.1'),
      );
      expect(String(placeholder.args.text)).toContain('正在查询法规');
      const replaced = await until(() =>
        stuckApi.callsTo('chat.update').find((c) => c.args.ts === placeholder.ts),
      );
      expect(String(replaced.args.text)).toMatch(/错误编号.*（处理超时）/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    } finally {
      await runtime.stop();
      await base.close();
      await stuckApi.stop();
    }
  });
});

describe('Slack app retention', () => {
  it('prunes old event ids, rate-limit windows and threads at start-up, keeping recent ones and the answers', async () => {
    const quietApi = await new FakeSlackApi().start();
    const port = await freePort();
    const config = testConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: quietApi.apiUrl,
      PORT: String(port),
    });
    const app = await App.create(config, { db: await memoryDb() });
    const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    for (const [id, at] of [
      ['EvOld', days(8)],
      ['EvNew', days(1)],
    ])
      await app.db.query('INSERT INTO slack_events (event_id, received_at) VALUES ($1, $2)', [id, at]);
    for (const [user, at] of [
      ['UOld', days(2)],
      ['UNew', days(0)],
    ])
      await app.db.query('INSERT INTO rate_limits (user_id, window_start, count) VALUES ($1, $2, 1)', [
        user,
        at,
      ]);
    for (const [ts, at] of [
      ['1.old', days(31)],
      ['1.new', days(29)],
    ])
      await app.db.query('INSERT INTO slack_threads (channel, thread_ts, engaged_at) VALUES ($1, $2, $3)', [
        'C1',
        ts,
        at,
      ]);
    await app.db.query(
      `INSERT INTO answers (id, surface, user_id, channel, question, answer, citations, engine, created_at)
       VALUES ('a-old', 'slack', 'U1', 'C1', 'q', 'a', '[]', 'offline', $1)`,
      [days(400)],
    );
    // Threads kept 30 days instead of the default 90.
    const runtime = createSlackApp(app, config, app.log, { retention: { threadsDays: 30 } });
    await runtime.start();
    try {
      expect(await app.db.query('SELECT event_id FROM slack_events ORDER BY event_id')).toEqual([
        { event_id: 'EvNew' },
      ]);
      expect(await app.db.query('SELECT user_id FROM rate_limits ORDER BY user_id')).toEqual([
        { user_id: 'UNew' },
      ]);
      expect(await app.db.query("SELECT thread_ts FROM slack_threads WHERE channel = 'C1'")).toEqual([
        { thread_ts: '1.new' },
      ]);
      expect(await app.db.query("SELECT id FROM answers WHERE id = 'a-old'")).toEqual([{ id: 'a-old' }]);
    } finally {
      await runtime.stop();
      await app.close();
      await quietApi.stop();
    }
  });
});
