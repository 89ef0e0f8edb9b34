/**
 * The runtime's work queue: in a burst, every request's status goes out before any answer is computed, heavy work
 * never waits for the front longer than its bound, and the mention flow runs through it that way.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackClient, type SlackDeps, WorkQueue } from '../src/adapters/slack/context.ts';
import { onAppMention } from '../src/adapters/slack/handlers/events.ts';
import type { App } from '../src/app.ts';
import { fakeClient } from './fakes/slack-client.ts';
import { memoryApp } from './helpers.ts';
import { testSlackConfig } from './slack-helpers.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WorkQueue', () => {
  it('runs no heavy job while a request of the same burst is still before its status', async () => {
    const q = new WorkQueue(4, 10_000);
    const order: string[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        q.admit(async () => {
          await sleep(2 + i); // the status placeholder's round trip
          order.push(`status ${i}`);
          await q.run(async () => {
            order.push(`answer ${i}`);
          });
        }),
      ),
    );
    expect(order.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `status ${i}`));
    expect(order.slice(6).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `answer ${i}`));
  });

  it('a request that ends without heavy work leaves the front too', async () => {
    const q = new WorkQueue(1, 10_000);
    const order: string[] = [];
    await Promise.all([
      q.admit(async () => {
        await q.run(async () => {
          order.push('answer');
        });
      }),
      q.admit(async () => {
        await sleep(5);
        order.push('ignored message');
      }),
    ]);
    expect(order).toEqual(['ignored message', 'answer']);
  });

  it('heavy work waits for the front at most maxDeferMs', async () => {
    const q = new WorkQueue(1, 40);
    const started = performance.now();
    let answeredAt = 0;
    await Promise.all([
      q.admit(() => sleep(400)), // a request whose front never seems to end
      q.admit(() =>
        q.run(async () => {
          answeredAt = performance.now() - started;
        }),
      ),
    ]);
    expect(answeredAt).toBeGreaterThanOrEqual(35);
    expect(answeredAt).toBeLessThan(300);
  });
});

describe('mentions in a burst through the queue', () => {
  let core: App;
  beforeAll(async () => {
    core = await memoryApp();
  });
  afterAll(async () => {
    await core?.close();
  });

  it('no answer is computed while another mention of the burst still waits for its placeholder', async () => {
    const { client } = fakeClient();
    let firstPlaceholder: string | undefined;
    // The first mention's placeholder is posted at once; the others' take 150 ms to come back from Slack.
    const answeredAt = new Map<string, number>();
    let placeholdersBackAt = 0;
    const chat = {
      ...client.chat,
      postMessage: async (args: { thread_ts?: string }) => {
        const r = await client.chat.postMessage(args as Parameters<SlackClient['chat']['postMessage']>[0]);
        if (args.thread_ts === '700.0') firstPlaceholder = r.ts;
        else {
          await sleep(150);
          placeholdersBackAt = Math.max(placeholdersBackAt, performance.now());
        }
        return r;
      },
      update: async (args: Parameters<SlackClient['chat']['update']>[0]) => {
        answeredAt.set(String(args.ts), performance.now());
        return client.chat.update(args);
      },
    } as SlackClient['chat'];
    const deps: SlackDeps = {
      core,
      log: pino({ level: 'silent' }),
      botToken: 'xoxb-test',
      work: new WorkQueue(),
      slack: testSlackConfig({ rateLimit: 100 }),
    };
    const work = deps.work as WorkQueue;
    await Promise.all(
      ['复查期限是多少？', '条例第三十一条', '多人走访代表最多几人'].map((q, i) =>
        work.admit(() =>
          onAppMention(
            deps,
            { ...client, chat },
            {
              type: 'app_mention',
              channel: 'C1',
              user: `UQ${i}`,
              text: `<@UBOT> ${q}`,
              ts: `700.${i}`,
              team: 'T1',
            },
            'UBOT',
            'T1',
          ),
        ),
      ),
    );
    const firstAnswer = answeredAt.get(firstPlaceholder ?? '');
    expect(answeredAt.size).toBe(3);
    expect(firstAnswer).toBeGreaterThan(placeholdersBackAt);
  });
});
