/**
 * Quiz sessions with scores kept in the database. Answers are recorded in one transaction with the session's
 * score, keyed by (session, question), so a double click or a Slack retry never counts twice; an expired session
 * or a question that is no longer the current one gets a clear message. Wrong answers enter a Leitner review
 * schedule that `review` sessions draw from.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { Db, Queryable } from '../../storage/db.ts';
import {
  answeredQuestions,
  answers,
  claimDueWeekly,
  dropReview,
  dueReviews,
  getSession,
  insertSession,
  isAnswered,
  leaderboard,
  type QuizSession,
  recordAnswer,
  reviewBox,
  scheduleReview,
  setWeeklyQuiz,
} from '../../storage/repositories/quiz.ts';
import { isCorrect, type QuizBank } from './bank.ts';
import type { Question } from './types.ts';

const SESSION_MINUTES = 60;
const BOX_DAYS = [0, 1, 3, 7, 21];

export type AnswerOutcome =
  | { status: 'recorded'; correct: boolean; question: Question; next: Question | null; session: QuizSession }
  | { status: 'duplicate'; question: Question; session: QuizSession }
  | { status: 'expired' }
  | { status: 'not_current'; session: QuizSession };

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
      const due = await dueReviews(this.db, userId, this.now(), count);
      questions = due.map((id) => this.bank.get(id)).filter((q): q is Question => q !== undefined);
      if (questions.length === 0) throw new AppError('not_found', '目前没有需要复习的错题，继续保持！');
      // Spaced repetition by concept: after the due questions, new questions on the concepts missed most.
      const weak = await this.weakPoints({ userId }, 3);
      if (questions.length < count && weak.length > 0) {
        const seen = await answeredQuestions(this.db, userId);
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
    await insertSession(this.db, {
      id,
      userId,
      channelId: options.channelId ?? null,
      questionIds: questions.map((q) => q.id),
      mode: options.review ? 'review' : 'quiz',
      expiresAt: expires,
    });
    return { session: await this.session(id), first: questions[0] ?? null };
  }

  async session(id: string): Promise<QuizSession> {
    const session = await getSession(this.db, id);
    if (!session) throw new AppError('not_found', '找不到该测验，请重新开始。');
    return session;
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
      const session = await getSession(tx, sessionId, { forUpdate: true });
      if (!session) return { status: 'expired' } as const;
      if (session.userId !== userId)
        throw new AppError('input_invalid', '这是其他同事的测验，请用 /xinfang quiz 开始自己的测验。');
      if (session.expiresAt < this.now()) return { status: 'expired' } as const;
      const question = this.bank.get(questionId);
      if (!question) return { status: 'expired' } as const;
      if (await isAnswered(tx, sessionId, questionId))
        return { status: 'duplicate', question, session } as const;
      if (session.questionIds[session.position] !== questionId)
        return { status: 'not_current', session } as const;
      const correct = isCorrect(question, given);
      await recordAnswer(tx, { session, questionId, userId, given, correct });
      await this.schedule(tx, userId, questionId, correct);
      const updated: QuizSession = {
        ...session,
        position: session.position + 1,
        answered: session.answered + 1,
        correct: session.correct + (correct ? 1 : 0),
      };
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

  private async schedule(tx: Queryable, userId: string, questionId: string, correct: boolean): Promise<void> {
    const box = await reviewBox(tx, userId, questionId);
    if (!correct) {
      // Due at once: `quiz --review` right after a quiz offers the questions just missed.
      await scheduleReview(tx, userId, questionId, 1, this.now());
    } else if (box !== undefined) {
      const next = box + 1;
      if (next >= BOX_DAYS.length) await dropReview(tx, userId, questionId);
      else {
        const due = new Date(this.now().getTime() + (BOX_DAYS[next] ?? 1) * 86_400_000);
        await scheduleReview(tx, userId, questionId, next, due);
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
    const by = new Map<string, { wrong: number; answered: number }>();
    for (const r of await answers(this.db, scope)) {
      const concept = this.bank.get(r.questionId)?.concept;
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
    return leaderboard(this.db, channelId, limit);
  }

  async setWeekly(channelId: string, weekday: number, hour: number, count: number): Promise<void> {
    if (weekday < 0 || weekday > 6 || hour < 0 || hour > 23)
      throw new AppError('input_invalid', '时间无效：星期应为 0—6，小时应为 0—23。');
    await setWeeklyQuiz(this.db, { channelId, weekday, hour, count });
  }

  /** Channels whose weekly quiz is due now (marks them run for today, so several instances run it once). */
  async dueWeekly(): Promise<{ channelId: string; count: number }[]> {
    const now = this.now();
    const today = now.toISOString().slice(0, 10);
    return this.db.transaction((tx) => claimDueWeekly(tx, now, today));
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
