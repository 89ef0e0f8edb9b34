/**
 * `npm run bench:slack`: Slack ack latency and time to the first visible reply for @mentions, against a local fake
 * Slack Web API. The target: 30 concurrent mentions with ack p95 ≤ 50 ms and first visible reply p95 ≤ 300 ms.
 *
 * How it measures, so that the figures mean what they say:
 * - The app runs in its own process, as in production, where Slack is another machine. This process holds only the
 *   fake Web API and the client sending signed events, so neither competes with the app for its event loop, and the
 *   app's work cannot delay the timers that measure it.
 * - A request's clock starts when its headers are written to the socket (undici's `undici:client:sendHeaders`
 *   diagnostics channel), not when fetch() is called: opening 30 connections at once is this client's work, and
 *   how long it took is printed separately. The ack is the response fully read; the first visible reply is the
 *   moment the fake API *receives* the placeholder (chat.postMessage in the mention's thread), the full answer the
 *   moment it receives the edit of that placeholder, all read off the same clock, not by polling.
 * - Phases: a burst of 30 concurrent mentions right after start-up (what the first users pay), 50 mentions one after
 *   another, then a second burst of 30. The fake API's round trip is measured from the app's process in the same run,
 *   and the load average is printed, since other processes may share the machine's cores.
 * Asserts nothing; run it a few times and read the median.
 */
import { fork } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createSlackApp } from '../src/adapters/slack/app.ts';
import { App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/storage/migrate.ts';
import { openPglite } from '../src/storage/pglite.ts';
import { type ApiCall, FakeSlackApi } from '../test/fakes/slack-api.ts';
import { eventBody, freePort, SIGNING_SECRET, sign } from '../test/slack-helpers.ts';

/** Messages between the driver and the app process. */
type FromApp =
  | { kind: 'ready'; startMs: number }
  | { kind: 'rtt'; ms: number[] }
  | { kind: 'loop'; p99: number; max: number };
type ToApp = { kind: 'rtt' } | { kind: 'loop' } | { kind: 'stop' };

/** The header that carries a mention's bench id, so its send time can be found. */
const BENCH_ID = 'x-bench-id';

function p(xs: number[], q: number): string {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))] ?? Number.NaN).toFixed(1);
}

// ---------------------------------------------------------------- the app's process

async function serveApp(apiUrl: string, port: number): Promise<void> {
  const send = (m: FromApp) => process.send?.(m);
  const t0 = performance.now();
  const config = {
    ...loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: apiUrl,
      PORT: String(port),
      SLACK_RATE_LIMIT: '1000',
    }),
    logLevel: 'silent',
  };
  const db = await openPglite(null);
  await migrate(db);
  const core = await App.create(config, { db });
  const slack = createSlackApp(core, config, core.log);
  await slack.start();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on('message', async (m: ToApp) => {
    if (m.kind === 'rtt') {
      // The fake API's round trip as the app sees it (a Web API call from this process).
      const ms: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        await fetch(`${apiUrl}auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test' } });
        ms.push(performance.now() - t);
      }
      send({ kind: 'rtt', ms });
    } else if (m.kind === 'loop') {
      send({ kind: 'loop', p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 });
      loop.reset();
    } else {
      await slack.stop();
      await core.close();
      process.exit(0);
    }
  });
  send({ kind: 'ready', startMs: performance.now() - t0 });
}

// ---------------------------------------------------------------- the driver (fake Slack and the client)

interface Timing {
  /** From fetch() to the request's headers on the wire (this client's own delay, not counted below). */
  queued: number;
  ack: number;
  first: number;
  final: number;
}

async function drive(): Promise<void> {
  const api = await new FakeSlackApi().start();
  // Receipt times at the fake API, by call (the fake records each call as it arrives).
  const received = new WeakMap<ApiCall, number>();
  const record = api.calls.push.bind(api.calls);
  api.calls.push = (...items: ApiCall[]) => {
    const now = performance.now();
    for (const c of items) received.set(c, now);
    return record(...items);
  };

  // When each mention's request actually went out, by the bench id it carries in a header.
  const sentAt = new Map<string, number>();
  subscribe('undici:client:sendHeaders', (m) => {
    const headers = (m as { request?: { headers?: unknown } }).request?.headers;
    const list = Array.isArray(headers) ? headers.map(String) : String(headers ?? '').split(/\r\n|: /);
    const at = list.indexOf(BENCH_ID);
    const id = at >= 0 ? list[at + 1] : undefined;
    if (id) sentAt.set(id, performance.now());
  });

  const port = await freePort();
  const child = fork(process.argv[1] ?? '', ['--app', api.apiUrl, String(port)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <K extends FromApp['kind']>(kind: K) =>
    new Promise<Extract<FromApp, { kind: K }>>((resolve, reject) => {
      const onMsg = (m: FromApp) => {
        if (m.kind !== kind) return;
        child.off('message', onMsg);
        resolve(m as Extract<FromApp, { kind: K }>);
      };
      child.on('message', onMsg);
      child.once('exit', (code) => reject(new Error(`app process exited (${code})`)));
    });
  const ask = <K extends FromApp['kind']>(m: ToApp, kind: K) => {
    const reply = next(kind);
    child.send(m);
    return reply;
  };
  const ready = await next('ready');
  const url = `http://127.0.0.1:${port}/slack/events`;

  const questions = [
    '复查期限是多少？',
    '多人走访代表最多几人',
    '条例第三十一条',
    '信访处理意见书应当写明哪些内容',
    '公司拖欠工资该走什么途径',
  ];
  const waiters = new Map<string, () => void>();
  const arrived = (thread: string) =>
    api.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts === thread);
  const answered = (thread: string) => {
    const placeholder = arrived(thread);
    return placeholder?.ts === undefined
      ? undefined
      : api.calls.find((c) => c.method === 'chat.update' && c.args.ts === placeholder.ts);
  };
  // Wakes the waiting mention when its answer arrives (checked on every call the fake receives).
  const poll = setInterval(() => {
    for (const [thread, wake] of waiters)
      if (answered(thread)) {
        waiters.delete(thread);
        wake();
      }
  }, 5);

  async function mentionOnce(i: number, tag: string): Promise<Timing> {
    const ts = `${tag}.${String(i).padStart(6, '0')}`;
    const body = eventBody(`Ev${tag}-${i}`, {
      type: 'app_mention',
      user: `U${tag}${i}`,
      text: `<@UBOT> ${questions[i % questions.length]}`,
      ts,
      channel: 'C1',
      team: 'T1',
      event_ts: ts,
    });
    const headers = { 'content-type': 'application/json', [BENCH_ID]: ts, ...sign(body) };
    const done = new Promise<void>((resolve) => waiters.set(ts, resolve));
    const called = performance.now();
    const res = await fetch(url, { method: 'POST', body, headers });
    await res.text();
    const start = sentAt.get(ts) ?? called;
    const ack = performance.now() - start;
    if (res.status !== 200) throw new Error(`ack status ${res.status}`);
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer for ${ts}`)), 30_000)),
    ]);
    const first = received.get(arrived(ts) as ApiCall) ?? Number.NaN;
    const final = received.get(answered(ts) as ApiCall) ?? Number.NaN;
    return { queued: start - called, ack, first: first - start, final: final - start };
  }
  const burst = (tag: string) => Promise.all(Array.from({ length: 30 }, (_, i) => mentionOnce(i, tag)));

  // This process's own HTTP client compiles on first use (fetch, the HTTP parser, connection set-up): that cost is
  // paid here, against the fake API, so the first burst measures the app and not the client.
  const clientRtt: number[] = [];
  for (let round = 0; round < 3; round++)
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        const t = performance.now();
        const res = await fetch(`${api.apiUrl}api.test`, { method: 'POST' });
        await res.text();
        clientRtt.push(performance.now() - t);
      }),
    );

  const cold = await burst('901');
  const coldLoop = await ask({ kind: 'loop' }, 'loop');
  const seq: Timing[] = [];
  for (let i = 0; i < 50; i++) seq.push(await mentionOnce(i, '900'));
  await ask({ kind: 'loop' }, 'loop');
  const warm = await burst('902');
  const warmLoop = await ask({ kind: 'loop' }, 'loop');
  const rtt = await ask({ kind: 'rtt' }, 'rtt');
  clearInterval(poll);

  const [l1, l5] = loadavg();
  console.log('== Slack（HTTP 接收器，应用独立进程，本地模拟 Slack API）');
  console.log(
    `负载均值（1/5 分钟）: ${l1?.toFixed(2)} / ${l5?.toFixed(2)}；应用启动（含预热）${ready.startMs.toFixed(0)} ms`,
  );
  console.log(`模拟 API 往返（应用进程内测得，依次）: p50 ${p(rtt.ms, 50)} ms, p95 ${p(rtt.ms, 95)} ms`);
  console.log(
    `模拟 API 往返（本进程内，每次同时 30 个）: p50 ${p(clientRtt, 50)} ms, p95 ${p(clientRtt, 95)} ms`,
  );
  for (const [name, xs, loop] of [
    ['启动后立即同时 30 次 @提及', cold, coldLoop],
    ['依次 50 次 @提及', seq, undefined],
    ['再同时 30 次 @提及', warm, warmLoop],
  ] as const) {
    console.log(`-- ${name}`);
    for (const [label, key] of [
      ['确认（ack）延迟', 'ack'],
      ['首条可见回复（状态占位）', 'first'],
      ['完整回答（更新为答案）', 'final'],
    ] as const) {
      const v = xs.map((x) => x[key]);
      console.log(`${label}: p50 ${p(v, 50)} ms, p95 ${p(v, 95)} ms`);
    }
    const queued = xs.map((x) => x.queued);
    console.log(`（本客户端发出请求前的排队: p50 ${p(queued, 50)} ms, p95 ${p(queued, 95)} ms，不计入上面）`);
    if (loop) console.log(`应用事件循环阻塞: p99 ${loop.p99.toFixed(1)} ms, 最长 ${loop.max.toFixed(1)} ms`);
  }
  child.send({ kind: 'stop' } satisfies ToApp);
  await new Promise((r) => child.once('exit', r));
  await api.stop();
}

const at = process.argv.indexOf('--app');
if (at >= 0) await serveApp(process.argv[at + 1] ?? '', Number(process.argv[at + 2]));
else await drive();
