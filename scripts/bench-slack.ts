/**
 * `npm run bench:slack`: Slack ack latency and time to first reply, against a local fake Slack API on 127.0.0.1.
 * 50 signed @mention events, one after another; prints p50/p95. Asserts nothing.
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
const ack: number[] = [];
const first: number[] = [];
const final: number[] = [];
for (let i = 0; i < 50; i++) {
  const ts = `900.${i}`;
  const body = eventBody(`EvB${i}`, {
    type: 'app_mention',
    user: `U${i}`,
    text: `<@UBOT> ${questions[i % questions.length]}`,
    ts,
    channel: 'C1',
    team: 'T1',
    event_ts: ts,
  });
  const start = performance.now();
  const r = await postSigned(url, body, 'application/json');
  ack.push(r.ms);
  await until(() => api.calls.some((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts));
  first.push(performance.now() - start);
  await until(() =>
    api.calls.some(
      (c) =>
        c.method === 'chat.update' &&
        String(c.args.ts ?? '').length > 0 &&
        api.calls.indexOf(c) > api.calls.findIndex((x) => x.args.thread_ts === ts),
    ),
  );
  final.push(performance.now() - start);
}
console.log('== Slack（HTTP 接收器，本地模拟 Slack API，50 次 @提及）');
console.log(`确认（ack）延迟: p50 ${p(ack, 50)} ms, p95 ${p(ack, 95)} ms`);
console.log(`首条回复（状态占位）: p50 ${p(first, 50)} ms, p95 ${p(first, 95)} ms`);
console.log(`完整回答（更新为答案）: p50 ${p(final, 50)} ms, p95 ${p(final, 95)} ms`);
await slack.stop();
await core.close();
await api.stop();
process.exit(0);
