/**
 * Quiz sessions with scores kept in the database. Answers are recorded in one transaction with the session's
 * score, keyed by (session, question), so a double click or a Slack retry never counts twice; an expired session
 * or a question that is no longer the current one gets a clear message. Wrong answers enter a Leitner review
 * schedule that `review` sessions draw from.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/db.ts';
import { isCorrect, type QuizBank } from './bank.ts';
import type { Question } from './types.ts';

const SESSION_MINUTES = 60;
const BOX_DAYS = [0, 1, 3, 7, 21];

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

export type AnswerOutcome =
  | { status: 'recorded'; correct: boolean; question: Question; next: Question | null; session: QuizSession }
  | { status: 'duplicate'; question: Question; session: QuizSession }
  | { status: 'expired' }
  | { status: 'not_current'; session: QuizSession };

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

export class QuizService {
  constructor(
    private readonly db: Db,
    readonly bank: QuizBank,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(
    userId: string,
    options: { channelId?: string | null; count?: number; seed?: number; review?: boolean } = {},
  ) {
    const count = options.count ?? 5;
    if (!Number.isInteger(count) || count < 1 || count > 50)
      throw new AppError('input_invalid', '题目数量应为 1 到 50 之间的整数。');
    let questions: Question[];
    if (options.review) {
      const due = await this.db.query<{ question_id: string }>(
        'SELECT question_id FROM quiz_reviews WHERE user_id = $1 AND due_at <= $2 ORDER BY due_at LIMIT $3',
        [userId, this.now().toISOString(), count],
      );
      questions = due.map((d) => this.bank.get(d.question_id)).filter((q): q is Question => q !== undefined);
      if (questions.length === 0) throw new AppError('not_found', '目前没有需要复习的错题，继续保持！');
      // Spaced repetition by concept: after the due questions, new questions on the concepts missed most.
      const weak = await this.weakPoints({ userId }, 3);
      if (questions.length < count && weak.length > 0) {
        const seen = new Set(
          (
            await this.db.query<{ question_id: string }>(
              'SELECT DISTINCT question_id FROM quiz_answers WHERE user_id = $1',
              [userId],
            )
          ).map((r) => r.question_id),
        );
        const concepts = new Set(weak.map((w) => w.concept));
        const fresh = this.bank
          .pick(this.bank.all().length, options.seed ?? Math.floor(this.now().getTime() / 1000))
          .filter((q) => concepts.has(q.concept) && !seen.has(q.id));
        questions = [...questions, ...fresh.slice(0, count - questions.length)];
      }
    } else {
      questions = this.bank.pick(count, options.seed ?? Math.floor(this.now().getTime() / 1000));
    }
    const id = randomUUID();
    const expires = new Date(this.now().getTime() + SESSION_MINUTES * 60_000);
    await this.db.query(
      `INSERT INTO quiz_sessions (id, user_id, channel_id, question_ids, mode, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        id,
        userId,
        options.channelId ?? null,
        JSON.stringify(questions.map((q) => q.id)),
        options.review ? 'review' : 'quiz',
        expires.toISOString(),
      ],
    );
    return { session: await this.session(id), first: questions[0] ?? null };
  }

  async session(id: string): Promise<QuizSession> {
    const rows = await this.db.query<SessionRow>('SELECT * FROM quiz_sessions WHERE id = $1', [id]);
    const r = rows[0];
    if (!r) throw new AppError('not_found', '找不到该测验，请重新开始。');
    return toSession(r);
  }

  current(session: QuizSession): Question | null {
    const id = session.questionIds[session.position];
    return id ? (this.bank.get(id) ?? null) : null;
  }

  async answer(
    sessionId: string,
    questionId: string,
    given: string[],
    userId: string,
  ): Promise<AnswerOutcome> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<SessionRow>('SELECT * FROM quiz_sessions WHERE id = $1 FOR UPDATE', [
        sessionId,
      ]);
      const row = rows[0];
      if (!row) return { status: 'expired' } as const;
      const session = toSession(row);
      if (session.userId !== userId)
        throw new AppError('input_invalid', '这是其他同事的测验，请用 /xinfang quiz 开始自己的测验。');
      if (session.expiresAt < this.now()) return { status: 'expired' } as const;
      const question = this.bank.get(questionId);
      if (!question) return { status: 'expired' } as const;
      const done = await tx.query('SELECT 1 FROM quiz_answers WHERE session_id = $1 AND question_id = $2', [
        sessionId,
        questionId,
      ]);
      if (done.length > 0) return { status: 'duplicate', question, session } as const;
      if (session.questionIds[session.position] !== questionId)
        return { status: 'not_current', session } as const;
      const correct = isCorrect(question, given);
      await tx.query(
        `INSERT INTO quiz_answers (session_id, question_id, user_id, channel_id, answer, correct) VALUES ($1, $2, $3, $4, $5, $6)`,
        [sessionId, questionId, userId, session.channelId, given.join(','), correct],
      );
      await tx.query(
        'UPDATE quiz_sessions SET position = position + 1, answered = answered + 1, correct = correct + $2 WHERE id = $1',
        [sessionId, correct ? 1 : 0],
      );
      await this.schedule(tx, userId, questionId, correct);
      const updated = toSession({
        ...row,
        position: row.position + 1,
        answered: row.answered + 1,
        correct: row.correct + (correct ? 1 : 0),
      });
      const nextId = updated.questionIds[updated.position];
      return {
        status: 'recorded',
        correct,
        question,
        next: nextId ? (this.bank.get(nextId) ?? null) : null,
        session: updated,
      } as const;
    });
  }

  private async schedule(
    tx: Pick<Db, 'query'>,
    userId: string,
    questionId: string,
    correct: boolean,
  ): Promise<void> {
    const rows = await tx.query<{ box: number }>(
      'SELECT box FROM quiz_reviews WHERE user_id = $1 AND question_id = $2',
      [userId, questionId],
    );
    const box = rows[0]?.box;
    if (!correct) {
      // Due at once: `quiz --review` right after a quiz offers the questions just missed.
      const due = this.now();
      await tx.query(
        `INSERT INTO quiz_reviews (user_id, question_id, box, due_at) VALUES ($1, $2, 1, $3)
         ON CONFLICT (user_id, question_id) DO UPDATE SET box = 1, due_at = EXCLUDED.due_at`,
        [userId, questionId, due.toISOString()],
      );
    } else if (box !== undefined) {
      const next = box + 1;
      if (next >= BOX_DAYS.length)
        await tx.query('DELETE FROM quiz_reviews WHERE user_id = $1 AND question_id = $2', [
          userId,
          questionId,
        ]);
      else {
        const due = new Date(this.now().getTime() + (BOX_DAYS[next] ?? 1) * 86_400_000);
        await tx.query(
          'UPDATE quiz_reviews SET box = $3, due_at = $4 WHERE user_id = $1 AND question_id = $2',
          [userId, questionId, next, due.toISOString()],
        );
      }
    }
  }

  /**
   * Concepts by how often they were missed: one officer's weak points (`userId`), or a team's (`channelId`, or
   * everyone when neither is given). Only concepts with a wrong answer are listed, worst first.
   */
  async weakPoints(
    scope: { userId?: string; channelId?: string } = {},
    limit = 5,
  ): Promise<{ concept: string; wrong: number; answered: number }[]> {
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
    const rows = await this.db.query<{ question_id: string; correct: boolean }>(
      `SELECT question_id, correct FROM quiz_answers${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    const by = new Map<string, { wrong: number; answered: number }>();
    for (const r of rows) {
      const concept = this.bank.get(r.question_id)?.concept;
      if (!concept) continue;
      const x = by.get(concept) ?? { wrong: 0, answered: 0 };
      x.answered++;
      if (!r.correct) x.wrong++;
      by.set(concept, x);
    }
    return [...by.entries()]
      .filter(([, x]) => x.wrong > 0)
      .map(([concept, x]) => ({ concept, ...x }))
      .sort((a, b) => b.wrong / b.answered - a.wrong / a.answered || b.wrong - a.wrong)
      .slice(0, limit);
  }

  /** Total correct answers per user in a channel, best first. */
  async leaderboard(
    channelId: string,
    limit = 10,
  ): Promise<{ userId: string; correct: number; answered: number }[]> {
    const rows = await this.db.query<{
      user_id: string;
      correct: string | number;
      answered: string | number;
    }>(
      `SELECT user_id, SUM(CASE WHEN correct THEN 1 ELSE 0 END) AS correct, COUNT(*) AS answered
         FROM quiz_answers WHERE channel_id = $1 GROUP BY user_id ORDER BY 2 DESC, 3 ASC LIMIT $2`,
      [channelId, limit],
    );
    return rows.map((r) => ({ userId: r.user_id, correct: Number(r.correct), answered: Number(r.answered) }));
  }

  async setWeekly(channelId: string, weekday: number, hour: number, count: number): Promise<void> {
    if (weekday < 0 || weekday > 6 || hour < 0 || hour > 23)
      throw new AppError('input_invalid', '时间无效：星期应为 0—6，小时应为 0—23。');
    await this.db.query(
      `INSERT INTO quiz_schedules (channel_id, weekday, hour, count) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel_id) DO UPDATE SET weekday = EXCLUDED.weekday, hour = EXCLUDED.hour, count = EXCLUDED.count`,
      [channelId, weekday, hour, count],
    );
  }

  /** Channels whose weekly quiz is due now (marks them run for today, so several instances run it once). */
  async dueWeekly(): Promise<{ channelId: string; count: number }[]> {
    const now = this.now();
    const today = now.toISOString().slice(0, 10);
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ channel_id: string; count: number }>(
        `SELECT channel_id, count FROM quiz_schedules
          WHERE weekday = $1 AND hour <= $2 AND (last_run IS NULL OR last_run < $3::date) FOR UPDATE`,
        [now.getDay(), now.getHours(), today],
      );
      for (const r of rows)
        await tx.query('UPDATE quiz_schedules SET last_run = $2::date WHERE channel_id = $1', [
          r.channel_id,
          today,
        ]);
      return rows.map((r) => ({ channelId: r.channel_id, count: r.count }));
    });
  }
}

export function formatQuestion(q: Question, index?: number): string {
  const head = `${index !== undefined ? `第${index + 1}题 ` : ''}[${{ single: '单选', multiple: '多选', true_false: '判断', fill: '填空', scenario: '情景' }[q.type]}·${q.concept}·${'★'.repeat(q.difficulty)}] ${q.stem}`;
  return [head, ...q.options.map((o) => `  ${o.key}. ${o.text}`)].join('\n');
}

export function formatWeakPoints(
  rows: { concept: string; wrong: number; answered: number }[],
  title: string,
): string {
  if (rows.length === 0) return `${title}：暂无答错记录。`;
  return [
    `${title}：`,
    ...rows.map(
      (r, i) =>
        `${i + 1}. ${r.concept}：答错 ${r.wrong} 题（共 ${r.answered} 题，正确率 ${Math.round((100 * (r.answered - r.wrong)) / r.answered)}%）`,
    ),
  ].join('\n');
}

export function formatFeedback(q: Question, correct: boolean): string {
  const answer =
    q.type === 'fill'
      ? q.answer.join('')
      : q.answer.map((k) => `${k}. ${q.options.find((o) => o.key === k)?.text ?? ''}`).join('；');
  return `${correct ? '✓ 回答正确。' : `✗ 回答错误。正确答案：${answer}`}\n解析：${q.explanation}\n依据：${q.basis.map((b) => `《${b.law}》第${b.article}条`).join('、')}`;
}
