/**
 * Quiz storage: sessions, answers (one per session and question), the Leitner review schedule, weekly channel
 * quizzes and the model-written questions. The quiz service decides; this module only reads and writes.
 */
import type { Queryable } from '../db.ts';

export interface QuizSession {
  id: string;
  userId: string;
  channelId: string | null;
  questionIds: string[];
  position: number;
  correct: number;
  answered: number;
  mode: 'quiz' | 'review';
  expiresAt: Date;
}

interface SessionRow {
  id: string;
  user_id: string;
  channel_id: string | null;
  question_ids: string[] | string;
  position: number;
  correct: number;
  answered: number;
  mode: 'quiz' | 'review';
  expires_at: Date | string;
}

function toSession(r: SessionRow): QuizSession {
  return {
    id: r.id,
    userId: r.user_id,
    channelId: r.channel_id,
    questionIds: typeof r.question_ids === 'string' ? JSON.parse(r.question_ids) : r.question_ids,
    position: r.position,
    correct: r.correct,
    answered: r.answered,
    mode: r.mode,
    expiresAt: new Date(r.expires_at),
  };
}

export async function insertSession(
  db: Queryable,
  s: Pick<QuizSession, 'id' | 'userId' | 'channelId' | 'questionIds' | 'mode' | 'expiresAt'>,
): Promise<void> {
  await db.query(
    'INSERT INTO quiz_sessions (id, user_id, channel_id, question_ids, mode, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [s.id, s.userId, s.channelId, JSON.stringify(s.questionIds), s.mode, s.expiresAt.toISOString()],
  );
}

/** A session; `forUpdate` locks its row until the transaction `db` belongs to ends. */
export async function getSession(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<QuizSession | undefined> {
  const rows = await db.query<SessionRow>(
    `SELECT * FROM quiz_sessions WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toSession(rows[0]) : undefined;
}

export async function isAnswered(db: Queryable, sessionId: string, questionId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM quiz_answers WHERE session_id = $1 AND question_id = $2', [
    sessionId,
    questionId,
  ]);
  return rows.length > 0;
}

/** Records an answer and advances the session's position and score (inside the caller's transaction). */
export async function recordAnswer(
  db: Queryable,
  a: { session: QuizSession; questionId: string; userId: string; given: string[]; correct: boolean },
): Promise<void> {
  await db.query(
    'INSERT INTO quiz_answers (session_id, question_id, user_id, channel_id, answer, correct) VALUES ($1, $2, $3, $4, $5, $6)',
    [a.session.id, a.questionId, a.userId, a.session.channelId, a.given.join(','), a.correct],
  );
  await db.query(
    'UPDATE quiz_sessions SET position = position + 1, answered = answered + 1, correct = correct + $2 WHERE id = $1',
    [a.session.id, a.correct ? 1 : 0],
  );
}

/** The questions a user has ever answered. */
export async function answeredQuestions(db: Queryable, userId: string): Promise<Set<string>> {
  const rows = await db.query<{ question_id: string }>(
    'SELECT DISTINCT question_id FROM quiz_answers WHERE user_id = $1',
    [userId],
  );
  return new Set(rows.map((r) => r.question_id));
}

/** Every answer of a user, of a channel, of a user in a channel, or of everyone. */
export async function answers(
  db: Queryable,
  scope: { userId?: string; channelId?: string },
): Promise<{ questionId: string; correct: boolean }[]> {
  const where: string[] = [];
  const params: string[] = [];
  if (scope.userId) {
    params.push(scope.userId);
    where.push(`user_id = $${params.length}`);
  }
  if (scope.channelId) {
    params.push(scope.channelId);
    where.push(`channel_id = $${params.length}`);
  }
  const rows = await db.query<{ question_id: string; correct: boolean }>(
    `SELECT question_id, correct FROM quiz_answers${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  return rows.map((r) => ({ questionId: r.question_id, correct: r.correct }));
}

/** Total correct answers per user in a channel, best first. */
export async function leaderboard(
  db: Queryable,
  channelId: string,
  limit: number,
): Promise<{ userId: string; correct: number; answered: number }[]> {
  const rows = await db.query<{ user_id: string; correct: string | number; answered: string | number }>(
    `SELECT user_id, SUM(CASE WHEN correct THEN 1 ELSE 0 END) AS correct, COUNT(*) AS answered
       FROM quiz_answers WHERE channel_id = $1 GROUP BY user_id ORDER BY 2 DESC, 3 ASC LIMIT $2`,
    [channelId, limit],
  );
  return rows.map((r) => ({ userId: r.user_id, correct: Number(r.correct), answered: Number(r.answered) }));
}

/** Questions due for review by `now`, soonest first. */
export async function dueReviews(db: Queryable, userId: string, now: Date, limit: number): Promise<string[]> {
  const rows = await db.query<{ question_id: string }>(
    'SELECT question_id FROM quiz_reviews WHERE user_id = $1 AND due_at <= $2 ORDER BY due_at LIMIT $3',
    [userId, now.toISOString(), limit],
  );
  return rows.map((r) => r.question_id);
}

/** The Leitner box a question is in for a user, if it is scheduled for review. */
export async function reviewBox(
  db: Queryable,
  userId: string,
  questionId: string,
): Promise<number | undefined> {
  const rows = await db.query<{ box: number }>(
    'SELECT box FROM quiz_reviews WHERE user_id = $1 AND question_id = $2',
    [userId, questionId],
  );
  return rows[0]?.box;
}

/** Puts a question in `box`, due at `due` (inserting or moving it). */
export async function scheduleReview(
  db: Queryable,
  userId: string,
  questionId: string,
  box: number,
  due: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO quiz_reviews (user_id, question_id, box, due_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, question_id) DO UPDATE SET box = EXCLUDED.box, due_at = EXCLUDED.due_at`,
    [userId, questionId, box, due.toISOString()],
  );
}

export async function dropReview(db: Queryable, userId: string, questionId: string): Promise<void> {
  await db.query('DELETE FROM quiz_reviews WHERE user_id = $1 AND question_id = $2', [userId, questionId]);
}

export async function setWeeklyQuiz(
  db: Queryable,
  s: { channelId: string; weekday: number; hour: number; count: number },
): Promise<void> {
  await db.query(
    `INSERT INTO quiz_schedules (channel_id, weekday, hour, count) VALUES ($1, $2, $3, $4)
     ON CONFLICT (channel_id) DO UPDATE SET weekday = EXCLUDED.weekday, hour = EXCLUDED.hour, count = EXCLUDED.count`,
    [s.channelId, s.weekday, s.hour, s.count],
  );
}

/**
 * Channels whose weekly quiz is due at `now` and has not run today, marked as run for `today` (call inside a
 * transaction: the rows are locked, so several instances run each quiz once).
 */
export async function claimDueWeekly(
  db: Queryable,
  now: Date,
  today: string,
): Promise<{ channelId: string; count: number }[]> {
  const rows = await db.query<{ channel_id: string; count: number }>(
    `SELECT channel_id, count FROM quiz_schedules
      WHERE weekday = $1 AND hour <= $2 AND (last_run IS NULL OR last_run < $3::date) FOR UPDATE`,
    [now.getDay(), now.getHours(), today],
  );
  for (const r of rows)
    await db.query('UPDATE quiz_schedules SET last_run = $2::date WHERE channel_id = $1', [
      r.channel_id,
      today,
    ]);
  return rows.map((r) => ({ channelId: r.channel_id, count: r.count }));
}

/** Stores a model-written question that proved itself (once per id). */
export async function saveGeneratedQuestion(
  db: Queryable,
  q: { id: string; law: string; article: number; candidate: unknown },
): Promise<void> {
  await db.query(
    'INSERT INTO quiz_generated (id, law, article, candidate) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
    [q.id, q.law, q.article, JSON.stringify(q.candidate)],
  );
}

/** The stored model-written questions, each with its article and the candidate as the model wrote it. */
export async function generatedQuestions(
  db: Queryable,
): Promise<{ law: string; article: number; candidate: unknown }[]> {
  const rows = await db.query<{ law: string; article: number; candidate: unknown }>(
    'SELECT law, article, candidate FROM quiz_generated',
  );
  return rows.map((r) => ({
    law: r.law,
    article: r.article,
    candidate: typeof r.candidate === 'string' ? JSON.parse(r.candidate) : r.candidate,
  }));
}
