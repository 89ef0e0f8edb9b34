/**
 * `npm run bench:slack`: Slack ack latency and time to first reply, against a local fake Slack API on 127.0.0.1.
 * 50 signed @mention events one after another, then 30 at once (the target: ack p95 ≤ 50 ms, first visible
 * reply p95 ≤ 300 ms); prints p50/p95 and the fake API's own round trip measured in the same run. Asserts nothing.
 */
import { createSlackApp } from '../src/adapters/slack/app.ts';
import { App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/storage/migrate.ts';
import { openPglite } from '../src/storage/pglite.ts';
import { FakeSlackApi } from '../test/fakes/slack-api.ts';
import { eventBody, freePort, postSigned, SIGNING_SECRET, until } from '../test/slack-helpers.ts';

function p(xs: number[], q: number): string {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))] ?? Number.NaN).toFixed(1);
}

const api = await new FakeSlackApi().start();
const port = await freePort();
const config = {
  ...loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
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
const url = `http://127.0.0.1:${port}/slack/events`;
const questions = [
  '复查期限是多少？',
  '多人走访代表最多几人',
  '条例第三十一条',
  '信访处理意见书应当写明哪些内容',
  '公司拖欠工资该走什么途径',
];
async function mentionOnce(i: number, tag: string) {
  const ts = `${tag}.${i}`;
  const body = eventBody(`Ev${tag}${i}`, {
    type: 'app_mention',
    user: `U${tag}${i}`,
    text: `<@UBOT> ${questions[i % questions.length]}`,
    ts,
    channel: 'C1',
    team: 'T1',
    event_ts: ts,
  });
  const start = performance.now();
  const r = await postSigned(url, body, 'application/json');
  const ack = r.ms;
  await until(() => api.calls.some((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts));
  const first = performance.now() - start;
  const placeholder = api.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
  await until(() =>
    api.calls.some(
      (c) => c.method === 'chat.update' && c.args.ts !== undefined && c.args.ts === placeholder?.ts,
    ),
  );
  return { ack, first, final: performance.now() - start };
}

// The fake API's own round trip (auth.test), so the figures can be read net of it.
const rtt: number[] = [];
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  await fetch(`${api.apiUrl}auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test' } });
  rtt.push(performance.now() - t);
}

const seq = [];
for (let i = 0; i < 50; i++) seq.push(await mentionOnce(i, '900'));
const conc = await Promise.all(Array.from({ length: 30 }, (_, i) => mentionOnce(i, '901')));

console.log('== Slack（HTTP 接收器，本地模拟 Slack API）');
console.log(`模拟 API 往返: p50 ${p(rtt, 50)} ms, p95 ${p(rtt, 95)} ms`);
for (const [name, xs] of [
  ['依次 50 次 @提及', seq],
  ['同时 30 次 @提及', conc],
] as const) {
  console.log(`-- ${name}`);
  console.log(
    `确认（ack）延迟: p50 ${p(
      xs.map((x) => x.ack),
      50,
    )} ms, p95 ${p(
      xs.map((x) => x.ack),
      95,
    )} ms`,
  );
  console.log(
    `首条可见回复（状态占位）: p50 ${p(
      xs.map((x) => x.first),
      50,
    )} ms, p95 ${p(
      xs.map((x) => x.first),
      95,
    )} ms`,
  );
  console.log(
    `完整回答（更新为答案）: p50 ${p(
      xs.map((x) => x.final),
      50,
    )} ms, p95 ${p(
      xs.map((x) => x.final),
      95,
    )} ms`,
  );
}
await slack.stop();
await core.close();
await api.stop();
process.exit(0);
