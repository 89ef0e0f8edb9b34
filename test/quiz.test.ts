import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { normalizeNumerals } from '../src/knowledge/numerals.ts';
import { LawLibrary } from '../src/retrieval/library.ts';
import { Classifier } from '../src/skills/classify/classifier.ts';
import { isCorrect, QuizBank } from '../src/skills/quiz/bank.ts';
import { formatWeakPoints, QuizService } from '../src/skills/quiz/service.ts';
import { Question } from '../src/skills/quiz/types.ts';
import type { Db } from '../src/storage/db.ts';
import { memoryDb } from './helpers.ts';

const knowledge = loadKnowledge();
const library = LawLibrary.build(knowledge, []);
const classifier = new Classifier(knowledge.routes, knowledge.deadlines.limits, library, knowledge.decision);
const bank = new QuizBank(knowledge, library, classifier);

describe('question bank', () => {
  it('generates every type, and every question proves itself against its basis', () => {
    // Recall questions never fail their article; application questions are proved by services that other work
    // changes, and a story the classifier no longer agrees with is dropped (test/quiz-application.test.ts).
    expect(bank.rejected.filter((r) => /^(dl|fill|title|item|multi|tf)-/.test(r.id))).toEqual([]);
    const types = new Set(bank.all().map((q) => q.type));
    expect([...types].sort()).toEqual(['fill', 'multiple', 'scenario', 'single', 'true_false']);
    for (const [id, e] of bank.entries) {
      expect(Question.safeParse(e.question).success, id).toBe(true);
      expect(e.verify(), id).toBeNull();
      for (const b of e.question.basis) expect(library.has(b.law, b.article), id).toBe(true);
    }
  });

  it('deadline answers appear in the basis article and no distractor does', () => {
    for (const q of bank.all().filter((x) => x.id.startsWith('dl-'))) {
      // The basis article states the count; a second basis article may make its days working days (行政处罚法第85条).
      const text = q.basis
        .map((b) => library.get(b.law, b.article))
        .map((a) => normalizeNumerals([...(a?.points ?? []), ...Object.values(a?.items ?? {})].join('')))
        .join('');
      const stated = (o: string) =>
        text.includes(o) ||
        (o.endsWith('个工作日') && text.includes(o.replace('个工作日', '日')) && text.includes('工作日'));
      for (const o of q.options)
        expect(stated(normalizeNumerals(o.text)), `${q.id} ${o.text}`).toBe(q.answer.includes(o.key));
    }
  });

  it('rejects a question that its article does not support', () => {
    const wrong = structuredClone(knowledge);
    const rule = wrong.deadlines.limits.find((l) => l.code === 'handle');
    if (rule) rule.amount = 45;
    const b = new QuizBank(wrong, library, classifier);
    expect(b.rejected.map((r) => r.id)).toContain('dl-handle');
    expect(b.get('dl-handle')).toBeUndefined();
  });

  it('covers every chapter, weights chapters 3 and 4, and is deterministic per seed', () => {
    expect(
      new Set(
        bank
          .all()
          .map((q) => q.chapter)
          .filter((c) => c !== null),
      ),
    ).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(bank.pick(10, 42).map((q) => q.id)).toEqual(bank.pick(10, 42).map((q) => q.id));
    expect(bank.pick(10, 42).map((q) => q.id)).not.toEqual(bank.pick(10, 43).map((q) => q.id));
    let core = 0;
    let total = 0;
    for (let s = 0; s < 50; s++) {
      for (const q of bank.pick(10, s)) {
        total++;
        if (q.chapter === 3 || q.chapter === 4) core++;
      }
    }
    const poolShare = bank.all().filter((q) => q.chapter === 3 || q.chapter === 4).length / bank.all().length;
    expect(core / total).toBeGreaterThan(poolShare);
    expect(new Set(bank.all().map((q) => q.difficulty))).toEqual(new Set([1, 2, 3]));
  });

  it('marks answers, including fill-in variants', () => {
    const fill = bank.get('fill-review_request');
    expect(fill && isCorrect(fill, ['30日'])).toBe(true);
    expect(fill && isCorrect(fill, ['三十日'])).toBe(true);
    expect(fill && isCorrect(fill, ['30天内'])).toBe(true);
    expect(fill && isCorrect(fill, ['15日'])).toBe(false);
    const multi = bank.all().find((q) => q.type === 'multiple');
    expect(multi && isCorrect(multi, [...(multi.answer ?? [])].reverse())).toBe(true);
    expect(multi && isCorrect(multi, (multi.answer ?? []).slice(1))).toBe(false);
  });
});

describe('quiz sessions', () => {
  // Each test owns its database and clock (the suite runs shuffled).
  let db: Db;
  let clock: Date;
  let quiz: QuizService;
  beforeEach(async () => {
    clock = new Date('2026-11-02T09:00:00Z');
    db = await memoryDb();
    quiz = new QuizService(db, bank, () => clock);
  });
  afterEach(async () => {
    await db?.close();
  });

  it('records an answer once: a double click never double-counts', async () => {
    const { session, first } = await quiz.start('u1', { channelId: 'C1', count: 3, seed: 1 });
    if (!first) throw new Error('no question');
    const [a, b] = await Promise.all([
      quiz.answer(session.id, first.id, first.answer, 'u1'),
      quiz.answer(session.id, first.id, first.answer, 'u1'),
    ]);
    expect([a.status, b.status].sort()).toEqual(['duplicate', 'recorded']);
    const s = await quiz.session(session.id);
    expect([s.answered, s.correct, s.position]).toEqual([1, 1, 1]);
    expect((await quiz.answer(session.id, first.id, ['Z'], 'u1')).status).toBe('duplicate');
  });

  it('says an expired question is expired', async () => {
    const { session, first } = await quiz.start('u2', { channelId: 'C1', count: 2, seed: 2 });
    clock = new Date(clock.getTime() + 2 * 3600_000);
    expect((await quiz.answer(session.id, first?.id ?? '', ['A'], 'u2')).status).toBe('expired');
  });

  it('keeps a leaderboard per channel and schedules wrong answers for review', async () => {
    const right = await quiz.start('u1', { channelId: 'C1', count: 1, seed: 1 });
    if (!right.first) throw new Error('no question');
    await quiz.answer(right.session.id, right.first.id, right.first.answer, 'u1');
    const { session, first } = await quiz.start('u3', { channelId: 'C1', count: 1, seed: 3 });
    const wrong = first?.options.find((o) => !first.answer.includes(o.key))?.key ?? 'WRONG';
    const r = await quiz.answer(
      session.id,
      first?.id ?? '',
      [first?.type === 'fill' ? '999日' : wrong],
      'u3',
    );
    expect(r.status === 'recorded' && r.correct).toBe(false);
    const board = await quiz.leaderboard('C1');
    expect(board.find((x) => x.userId === 'u1')).toMatchObject({ correct: 1, answered: 1 });
    expect(board.find((x) => x.userId === 'u3')).toMatchObject({ correct: 0, answered: 1 });
    // Right after the quiz, without waiting: the question just missed is offered.
    const review = await quiz.start('u3', { review: true, count: 5 });
    expect(review.first?.id).toBe(first?.id);
    await expect(quiz.start('nobody', { review: true })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reports weak points by concept per officer and per team, and review adds new questions on them', async () => {
    const { session, first } = await quiz.start('u5', { channelId: 'C5', count: 2, seed: 11 });
    if (!first) throw new Error('no question');
    const wrong =
      first.type === 'fill'
        ? ['999日']
        : [first.options.find((o) => !first.answer.includes(o.key))?.key ?? 'Z'];
    await quiz.answer(session.id, first.id, wrong, 'u5');
    expect(await quiz.weakPoints({ userId: 'u5' })).toEqual([
      { concept: first.concept, wrong: 1, answered: 1 },
    ]);
    expect(await quiz.weakPoints({ channelId: 'C5' })).toEqual([
      { concept: first.concept, wrong: 1, answered: 1 },
    ]);
    expect(await quiz.weakPoints({ userId: 'nobody' })).toEqual([]);
    expect(formatWeakPoints(await quiz.weakPoints({ userId: 'u5' }), '我的薄弱点')).toBe(
      `我的薄弱点：\n1. ${first.concept}：答错 1 题（共 1 题，正确率 0%）`,
    );
    clock = new Date(clock.getTime() + 5 * 60_000);
    const review = await quiz.start('u5', { review: true, count: 4, seed: 2 });
    const asked = review.session.questionIds.map((id) => bank.get(id));
    expect(asked[0]?.id).toBe(first.id);
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.every((q) => q?.concept === first.concept)).toBe(true);
    expect(new Set(review.session.questionIds).size).toBe(review.session.questionIds.length);
  });

  it('runs a weekly channel quiz once per due day', async () => {
    clock = new Date(2026, 10, 2, 10, 0, 0); // a Monday, local time
    await quiz.setWeekly('C9', 1, 9, 5);
    expect(await quiz.dueWeekly()).toEqual([{ channelId: 'C9', count: 5 }]);
    expect(await quiz.dueWeekly()).toEqual([]);
  });
});
