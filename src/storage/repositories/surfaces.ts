/**
 * Storage for chat surfaces: event de-duplication, engaged threads, answers and feedback, rate limits, per-channel
 * behaviour, and the pruning of bookkeeping rows past their age.
 */
import { randomUUID } from 'node:crypto';
import type { ArticleRef } from '../../domain/law.ts';
import type { Queryable } from '../db.ts';

/** True the first time an event id is seen (across all instances sharing the database). */
export async function firstDelivery(db: Queryable, eventId: string): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO slack_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
    [eventId],
  );
  return rows.length === 1;
}

export async function engageThread(db: Queryable, channel: string, threadTs: string): Promise<void> {
  // Each follow-up renews the thread, so retention counts from the last activity, not from the first mention.
  await db.query(
    `INSERT INTO slack_threads (channel, thread_ts) VALUES ($1, $2)
     ON CONFLICT (channel, thread_ts) DO UPDATE SET engaged_at = now()`,
    [channel, threadTs],
  );
}

export async function isEngaged(db: Queryable, channel: string, threadTs: string): Promise<boolean> {
  return (
    (await db.query('SELECT 1 FROM slack_threads WHERE channel = $1 AND thread_ts = $2', [channel, threadTs]))
      .length > 0
  );
}

export interface StoredAnswer {
  surface: string;
  userId: string;
  channel: string | null;
  question: string;
  answer: string;
  citations: ArticleRef[];
  engine: string;
}

export async function saveAnswer(db: Queryable, a: StoredAnswer): Promise<string> {
  const id = randomUUID();
  await db.query(
    'INSERT INTO answers (id, surface, user_id, channel, question, answer, citations, engine) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [id, a.surface, a.userId, a.channel, a.question, a.answer, JSON.stringify(a.citations), a.engine],
  );
  return id;
}

/** One user's rating of an answer; each user has their own row, so raters never overwrite each other. */
export async function rate(
  db: Queryable,
  answerId: string,
  userId: string,
  rating: 1 | -1,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO feedback (answer_id, user_id, rating) SELECT id, $2, $3 FROM answers WHERE id = $1
     ON CONFLICT (answer_id, user_id) DO UPDATE SET rating = EXCLUDED.rating, updated_at = now()
     RETURNING answer_id`,
    [answerId, userId, rating],
  );
  return rows.length === 1;
}

/** The comment on that user's own rating of the answer (no row is touched when the user has not rated it). */
export async function comment(
  db: Queryable,
  answerId: string,
  userId: string,
  text: string,
): Promise<boolean> {
  const rows = await db.query(
    'UPDATE feedback SET comment = $3, updated_at = now() WHERE answer_id = $1 AND user_id = $2 RETURNING answer_id',
    [answerId, userId, text],
  );
  return rows.length === 1;
}

export interface NegativeFeedback {
  created_at: string;
  question: string;
  answer: string;
  citations: unknown;
  comment: string | null;
  engine: string;
}

export async function negativeFeedback(db: Queryable, sinceDays: number): Promise<NegativeFeedback[]> {
  return db.query<NegativeFeedback>(
    `SELECT a.created_at, a.question, a.answer, a.citations, f.comment, a.engine FROM feedback f JOIN answers a ON a.id = f.answer_id
      WHERE f.rating = -1 AND f.updated_at >= now() - make_interval(days => $1) ORDER BY f.updated_at DESC`,
    [sinceDays],
  );
}

/** Fixed-window rate limit: true while the user has fewer than `limit` requests this minute. */
export async function allowRequest(
  db: Queryable,
  userId: string,
  limit: number,
  now = new Date(),
): Promise<boolean> {
  const window = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
  const rows = await db.query<{ count: number }>(
    `INSERT INTO rate_limits (user_id, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (user_id, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count`,
    [userId, window],
  );
  return (rows[0]?.count ?? 0) <= limit;
}

/** How the assistant behaves in a Slack channel: answer only when @mentioned, or also questions posted there. */
export type ChannelMode = 'mention' | 'questions';

export async function channelMode(db: Queryable, channel: string): Promise<ChannelMode> {
  const rows = await db.query<{ mode: ChannelMode }>('SELECT mode FROM slack_channels WHERE channel = $1', [
    channel,
  ]);
  return rows[0]?.mode ?? 'mention';
}

export async function setChannelMode(
  db: Queryable,
  channel: string,
  mode: ChannelMode,
  user: string,
): Promise<void> {
  await db.query(
    `INSERT INTO slack_channels (channel, mode, set_by) VALUES ($1, $2, $3)
     ON CONFLICT (channel) DO UPDATE SET mode = EXCLUDED.mode, set_by = EXCLUDED.set_by, updated_at = now()`,
    [channel, mode, user],
  );
}

/** Ages (days) after which bookkeeping rows go. Answers, feedback and conversations are records and stay. */
export interface Retention {
  /** Slack retries an event for about an hour; a week of ids is ample. */
  eventsDays: number;
  /** Windows are one minute long; a day is kept for looking into a complaint. */
  rateLimitDays: number;
  /** A thread untouched this long needs a new @mention to be answered again. */
  threadsDays: number;
}

export interface Pruned {
  events: number;
  rateLimits: number;
  threads: number;
}

/** Deletes event ids, rate-limit windows and engaged threads older than their age (idempotent: any instance). */
export async function pruneSurfaceRecords(
  db: Queryable,
  retention: Retention,
  now = new Date(),
): Promise<Pruned> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const events = await db.query('DELETE FROM slack_events WHERE received_at < $1 RETURNING event_id', [
    before(retention.eventsDays),
  ]);
  const rateLimits = await db.query('DELETE FROM rate_limits WHERE window_start < $1 RETURNING user_id', [
    before(retention.rateLimitDays),
  ]);
  const threads = await db.query('DELETE FROM slack_threads WHERE engaged_at < $1 RETURNING thread_ts', [
    before(retention.threadsDays),
  ]);
  return { events: events.length, rateLimits: rateLimits.length, threads: threads.length };
}
