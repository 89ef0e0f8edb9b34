/**
 * Start-up warm-up, so that the first users after a (re)start do not pay for loading. V8 compiles each code path on
 * first use and the embedded database loads a table's catalog entries on its first statement; left to the first
 * burst of mentions, that work blocked the event loop for a third of a second and delayed every ack behind it.
 * Warmed here: the engines (segmentation, search, article look-up, classification and its fact rules) through the
 * deterministic dialogue engine — never the model — in throwaway conversations that are cleared afterwards; reply
 * rendering and markup decoding; the statements each request runs, in a transaction rolled back; the Web API
 * client with Slack's side-effect-free `api.test`; and Bolt's request path (authorisation, the guard middleware,
 * listener matching) with an event that no listener takes. Nothing is posted to Slack and nothing is left in the
 * database.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { App as BoltApp } from '@slack/bolt';
import {
  allowRequest,
  engageThread,
  firstDelivery,
  isEngaged,
  saveAnswer,
} from '../../storage/repositories/surfaces.ts';
import { renderReply } from './blocks/reply.ts';
import type { SlackDeps } from './context.ts';
import { decodeSlackText } from './markup.ts';

/** Thrown to roll the warm-up's transaction back. */
const ROLL_BACK = Symbol('roll back');

/** One question of each kind the engines answer differently. */
const WARM_UP_QUESTIONS = [
  '复查期限是多少？',
  '条例第三十一条',
  '多人走访代表最多几人',
  '公司拖欠我三个月工资不发，该走什么途径',
  '信访处理意见书应当写明哪些内容',
];

export async function warmUp(deps: SlackDeps, bolt: BoltApp): Promise<void> {
  const { core } = deps;
  const started = performance.now();
  for (const [i, question] of WARM_UP_QUESTIONS.entries()) {
    // A random id: several containers may share one database and the same process id.
    const conversation = `slack-warmup:${randomUUID()}:${i}`;
    const text = decodeSlackText(`<@UWARMUP> ${question} &lt;<https://example.org|链接>&gt;`, {
      botUserId: 'UWARMUP',
    }).text;
    try {
      const reply = await core.dialogue.handle(conversation, text);
      renderReply(reply.text, {
        ...(reply.kind === 'ask' || reply.kind === 'classify' || reply.kind === 'followup'
          ? { citations: reply.citations, library: core.library }
          : {}),
        answerId: '00000000-0000-0000-0000-000000000000',
        engine: 'offline',
      });
    } catch (e) {
      // Warming up is an optimisation: a failure is logged, and the app starts and answers anyway.
      deps.log.warn({ err: e }, 'slack engine warm-up failed');
    } finally {
      await core.dialogue.handle(conversation, '清空').catch(() => undefined);
    }
  }
  // The statements every request runs before its status (de-duplication, thread, rate limit) and the answer's row,
  // in a transaction that is rolled back.
  await core.db
    .transaction(async (tx) => {
      await firstDelivery(tx, 'warmup');
      await engageThread(tx, '-', '-');
      await isEngaged(tx, '-', '-');
      await allowRequest(tx, 'UWARMUP', 1);
      await saveAnswer(tx, {
        surface: 'slack',
        userId: 'UWARMUP',
        channel: '-',
        question: '-',
        answer: '-',
        citations: [],
        engine: 'offline',
      });
      throw ROLL_BACK;
    })
    .catch((e: unknown) => {
      if (e !== ROLL_BACK) throw e;
    });
  // The Web API client's path (serialising, retries, connections) with Slack's side-effect-free test method, a
  // few at once as a burst would.
  await Promise.all(Array.from({ length: 4 }, () => bolt.client.api.test())).catch((e: unknown) =>
    deps.log.warn({ err: e }, 'slack web api warm-up failed'),
  );
  // An event type no listener takes, without an event id (so nothing is recorded for de-duplication).
  for (let i = 0; i < 20; i++)
    await bolt.processEvent({
      body: { type: 'event_callback', team_id: 'T-warmup', event: { type: 'xinfang_warmup' } },
      ack: async () => undefined,
    });
  deps.log.info({ ms: Math.round(performance.now() - started) }, 'slack warm-up done');
}

/**
 * HTTP mode: the receiver's own path (HTTP parsing, signature verification, body parsing) warmed by a few signed
 * requests to this process, carrying the same event no listener takes.
 */
export async function warmUpReceiver(deps: SlackDeps, port: number, signingSecret: string): Promise<void> {
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: 'T-warmup',
    event: { type: 'xinfang_warmup' },
  });
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      const ts = Math.floor(Date.now() / 1000);
      const sig = `v0=${createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-slack-signature': sig,
          'x-slack-request-timestamp': String(ts),
        },
      });
      await res.text();
    }),
  ).catch((e: unknown) => deps.log.warn({ err: e }, 'slack receiver warm-up failed'));
}
