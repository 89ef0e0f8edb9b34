/**
 * Retention of the Slack adapter's bookkeeping: event ids kept for de-duplication, rate-limit windows and the
 * threads the assistant follows are deleted once older than their age, at start-up and on the runtime's
 * ten-minute timer (idempotent, so every instance may run it). Answers, feedback and conversations are not
 * touched: they are the officers' records, not bookkeeping.
 *
 * The SQL belongs in storage/repositories/surfaces.ts beside the statements that write these rows; it is here
 * only because storage/ was being changed by others when this was written, and should move there.
 */
import type { Queryable } from '../../storage/db.ts';

export interface Retention {
  /** Slack retries an event for about an hour; a week of ids is ample. */
  eventsDays: number;
  /** Windows are one minute long; a day is kept for looking into a complaint. */
  rateLimitDays: number;
  /** A thread untouched this long needs a new @mention to be answered again. */
  threadsDays: number;
}

export const DEFAULT_RETENTION: Retention = { eventsDays: 7, rateLimitDays: 1, threadsDays: 90 };

export interface Pruned {
  events: number;
  rateLimits: number;
  threads: number;
}

export async function pruneSlackRecords(
  db: Queryable,
  retention: Retention = DEFAULT_RETENTION,
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
