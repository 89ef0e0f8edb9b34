/**
 * `npm run bench:slack`: Slack ack latency and time to the first visible reply for @mentions, against a local fake
 * Slack Web API. The target: 30 concurrent mentions with ack p95 ≤ 50 ms and first visible reply p95 ≤ 300 ms.
 *
 * How it measures, so that the figures mean what they say:
 * - Three processes, as in production where Slack is another machine: the app; the fake Slack Web API; and this
 *   driver, which only sends the signed events. None competes with another for its event loop, so the app's work
 *   cannot delay the clocks that measure it, nor the fake API's work the app's acks. Times are compared on the
 *   absolute clock (`performance.timeOrigin + performance.now()`) that all three share.
 * - A request's clock starts when its headers are written to the socket (undici's `undici:client:sendHeaders`
 *   diagnostics channel), not when fetch() is called: opening 30 connections at once is this client's work, and
 *   how long it took is printed separately. The ack is the response's headers arriving (`undici:request:headers`);
 *   the first visible reply is the moment the fake API *receives* the placeholder (chat.postMessage in the
 *   mention's thread), the full answer the moment it receives the edit of that placeholder.
 * - Phases: a burst of 30 concurrent mentions right after start-up (what the first users pay), 50 mentions one after
 *   another, then a second burst of 30. The fake API's round trip is measured from the app's process in the same
 *   run, and the load average is printed, since other processes may share the machine's two cores.
 * Asserts nothing; run it a few times and read the median.
 */
import { type ChildProcess, fork } from 'node:child_process';
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

/** Messages from the child processes to the driver. */
type FromChild =
  | { kind: 'ready'; startMs: number; apiUrl?: string }
  | { kind: 'rtt'; ms: number[] }
  /** The app's event-loop delay, and when it received and acked each mention since the last report. */
  | { kind: 'loop'; p99: number; max: number; served: Record<string, { received: number; acked: number }> }
  /** A placeholder or its edit received by the fake API: the thread or the edited ts, and when. */
  | { kind: 'call'; method: 'chat.postMessage' | 'chat.update'; thread?: string; ts?: string; at: number };
type ToChild = { kind: 'rtt' } | { kind: 'loop' } | { kind: 'stop' };

/** The header that carries a mention's bench id, so its send and ack times can be found. */
const BENCH_ID = 'x-bench-id';

/** Milliseconds on the clock every process on this machine shares. */
const now = () => performance.timeOrigin + performance.now();

function p(xs: number[], q: number): string {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))] ?? Number.NaN).toFixed(1);
}

const send = (m: FromChild) => process.send?.(m);

// ---------------------------------------------------------------- the fake Slack Web API's process

async function serveApi(): Promise<void> {
  const api = await new FakeSlackApi().start();
  const record = api.calls.push.bind(api.calls);
  api.calls.push = (...items: ApiCall[]) => {
    const at = now();
    const n = record(...items);
    // After the fake has answered (and set the placeholder's ts), report what the bench waits for.
    queueMicrotask(() => {
      for (const c of items)
        if (c.method === 'chat.postMessage' || c.method === 'chat.update')
          send({
            kind: 'call',
            method: c.method,
            ...(typeof c.args.thread_ts === 'string' ? { thread: c.args.thread_ts } : {}),
            ...(c.method === 'chat.update' && typeof c.args.ts === 'string'
              ? { ts: c.args.ts }
              : c.ts
                ? { ts: c.ts }
                : {}),
            at,
          });
      // The bench never reads the log back; keep the fake's memory flat over a long run.
      api.calls.length = 0;
    });
    return n;
  };
  process.on('message', async () => {
    await api.stop();
    process.exit(0);
  });
  send({ kind: 'ready', startMs: 0, apiUrl: api.apiUrl });
}

// ---------------------------------------------------------------- the app's process

async function serveApp(apiUrl: string, port: number): Promise<void> {
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
  // When each mention reached the app and when its ack left, to split the driver's ack time into its parts.
  let served: Record<string, { received: number; acked: number }> = {};
  const idOf = (m: unknown) => {
    const v = (m as { request?: { headers?: Record<string, unknown> } }).request?.headers?.[BENCH_ID];
    return typeof v === 'string' ? v : undefined;
  };
  subscribe('http.server.request.start', (m) => {
    const id = idOf(m);
    if (id) served[id] = { received: now(), acked: Number.NaN };
  });
  subscribe('http.server.response.finish', (m) => {
    const s = served[idOf(m) ?? ''];
    if (s) s.acked = now();
  });
  process.on('message', async (m: ToChild) => {
    if (m.kind === 'rtt') {
      // The fake API's round trip as the app sees it (a Web API call from this process).
      const ms: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        const res = await fetch(`${apiUrl}auth.test`, {
          method: 'POST',
          headers: { authorization: 'Bearer xoxb-test' },
        });
        await res.text();
        ms.push(performance.now() - t);
      }
      send({ kind: 'rtt', ms });
    } else if (m.kind === 'loop') {
      send({ kind: 'loop', p99: loop.percentile(99) / 1e6, max: loop.max / 1e6, served });
      loop.reset();
      served = {};
    } else {
      await slack.stop();
      await core.close();
      process.exit(0);
    }
  });
  send({ kind: 'ready', startMs: performance.now() - t0 });
}

// ---------------------------------------------------------------- the driver

interface Timing {
  id: string;
  /** From fetch() to the request's headers on the wire (this client's own delay, not counted below). */
  queued: number;
  ack: number;
  first: number;
  final: number;
}

function next<K extends FromChild['kind']>(child: ChildProcess, kind: K) {
  return new Promise<Extract<FromChild, { kind: K }>>((resolve, reject) => {
    const onMsg = (m: FromChild) => {
      if (m.kind !== kind) return;
      child.off('message', onMsg);
      resolve(m as Extract<FromChild, { kind: K }>);
    };
    child.on('message', onMsg);
    child.once('exit', (code) => reject(new Error(`child process exited (${code})`)));
  });
}

function ask<K extends FromChild['kind']>(child: ChildProcess, m: ToChild, kind: K) {
  const reply = next(child, kind);
  child.send(m);
  return reply;
}

async function drive(): Promise<void> {
  const self = process.argv[1] ?? '';
  const apiChild = fork(self, ['--api'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const apiUrl = (await next(apiChild, 'ready')).apiUrl ?? '';

  // What the fake API received: placeholders by thread, answers by the placeholder's ts.
  const placeholders = new Map<string, { ts: string; at: number }>();
  const answers = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  apiChild.on('message', (m: FromChild) => {
    if (m.kind !== 'call') return;
    if (m.method === 'chat.postMessage' && m.thread && m.ts && !placeholders.has(m.thread))
      placeholders.set(m.thread, { ts: m.ts, at: m.at });
    if (m.method === 'chat.update' && m.ts && !answers.has(m.ts)) {
      answers.set(m.ts, m.at);
      for (const [thread, wake] of waiters)
        if (placeholders.get(thread)?.ts === m.ts) {
          waiters.delete(thread);
          wake();
        }
    }
  });

  // When each mention's request went out and when its ack came back, by the bench id it carries in a header.
  const sentAt = new Map<string, number>();
  const ackedAt = new Map<string, number>();
  const benchId = (m: unknown) => {
    const headers = (m as { request?: { headers?: unknown } }).request?.headers;
    const list = Array.isArray(headers) ? headers.map(String) : String(headers ?? '').split(/\r\n|: /);
    const at = list.indexOf(BENCH_ID);
    return at >= 0 ? list[at + 1] : undefined;
  };
  subscribe('undici:client:sendHeaders', (m) => {
    const id = benchId(m);
    if (id) sentAt.set(id, now());
  });
  subscribe('undici:request:headers', (m) => {
    const id = benchId(m);
    if (id) ackedAt.set(id, now());
  });

  const port = await freePort();
  const app = fork(self, ['--app', apiUrl, String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await next(app, 'ready');
  const url = `http://127.0.0.1:${port}/slack/events`;

  const questions = [
    '复查期限是多少？',
    '多人走访代表最多几人',
    '条例第三十一条',
    '信访处理意见书应当写明哪些内容',
    '公司拖欠工资该走什么途径',
  ];
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
    const called = now();
    const res = await fetch(url, { method: 'POST', body, headers });
    await res.text();
    if (res.status !== 200) throw new Error(`ack status ${res.status}`);
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer for ${ts}`)), 30_000)),
    ]);
    const start = sentAt.get(ts) ?? called;
    const placeholder = placeholders.get(ts);
    return {
      id: ts,
      queued: start - called,
      ack: (ackedAt.get(ts) ?? Number.NaN) - start,
      first: (placeholder?.at ?? Number.NaN) - start,
      final: (answers.get(placeholder?.ts ?? '') ?? Number.NaN) - start,
    };
  }
  const burst = (tag: string) => Promise.all(Array.from({ length: 30 }, (_, i) => mentionOnce(i, tag)));

  // This process's own HTTP client compiles on first use (fetch, the HTTP parser, connection set-up): that cost is
  // paid here, against the fake API, so the first burst measures the app and not the client.
  const clientRtt: number[] = [];
  for (let round = 0; round < 3; round++)
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        const t = performance.now();
        const res = await fetch(`${apiUrl}api.test`, { method: 'POST' });
        await res.text();
        clientRtt.push(performance.now() - t);
      }),
    );

  const cold = await burst('901');
  const coldLoop = await ask(app, { kind: 'loop' }, 'loop');
  const seq: Timing[] = [];
  for (let i = 0; i < 50; i++) seq.push(await mentionOnce(i, '900'));
  const seqLoop = await ask(app, { kind: 'loop' }, 'loop');
  const warm = await burst('902');
  const warmLoop = await ask(app, { kind: 'loop' }, 'loop');
  const rtt = await ask(app, { kind: 'rtt' }, 'rtt');

  const [l1, l5] = loadavg();
  console.log('== Slack（HTTP 接收器；应用、模拟 Slack API、发送端各为独立进程）');
  console.log(
    `负载均值（1/5 分钟）: ${l1?.toFixed(2)} / ${l5?.toFixed(2)}；应用启动（含预热）${ready.startMs.toFixed(0)} ms`,
  );
  console.log(`模拟 API 往返（应用进程测得，依次）: p50 ${p(rtt.ms, 50)} ms, p95 ${p(rtt.ms, 95)} ms`);
  console.log(
    `模拟 API 往返（发送端测得，每次同时 30 个）: p50 ${p(clientRtt, 50)} ms, p95 ${p(clientRtt, 95)} ms`,
  );
  for (const [name, xs, loop] of [
    ['启动后立即同时 30 次 @提及', cold, coldLoop],
    ['依次 50 次 @提及', seq, seqLoop],
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
    console.log(`（发送端发出请求前的排队: p50 ${p(queued, 50)} ms, p95 ${p(queued, 95)} ms，不计入上面）`);
    // The ack's parts: from the send to the app's HTTP server seeing the request (kernel, scheduling), and inside
    // the app from there to the ack leaving.
    const inApp = xs.map((x) => {
      const s = loop.served[x.id];
      return s ? s.acked - s.received : Number.NaN;
    });
    const toApp = xs.map(
      (x) => (loop.served[x.id]?.received ?? Number.NaN) - (sentAt.get(x.id) ?? Number.NaN),
    );
    console.log(
      `（确认的组成：发出→应用收到 p50 ${p(toApp, 50)} / p95 ${p(toApp, 95)} ms；应用内收到→确认发出 p50 ${p(inApp, 50)} / p95 ${p(inApp, 95)} ms）`,
    );
    console.log(`应用事件循环阻塞: p99 ${loop.p99.toFixed(1)} ms, 最长 ${loop.max.toFixed(1)} ms`);
  }
  for (const child of [app, apiChild]) {
    const exited = new Promise((r) => child.once('exit', r));
    child.send({ kind: 'stop' } satisfies ToChild);
    await exited;
  }
}

const role = process.argv[2];
if (role === '--app') await serveApp(process.argv[3] ?? '', Number(process.argv[4]));
else if (role === '--api') await serveApi();
else await drive();
