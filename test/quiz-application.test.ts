/** Application questions: the mix of a set, and each family proved by the service that computes its answer. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR, loadKnowledge } from '../src/knowledge/load.ts';
import { LawLibrary } from '../src/retrieval/library.ts';
import { Classifier } from '../src/skills/classify/classifier.ts';
import { formatChineseDate } from '../src/skills/deadlines/dates.ts';
import { defaultQuizServices, QuizBank } from '../src/skills/quiz/bank.ts';
import { shares } from '../src/skills/quiz/mix.ts';
import { isApplication, Question } from '../src/skills/quiz/types.ts';
import { ROOT, spawnAsync } from './helpers.ts';

function build() {
  const knowledge = loadKnowledge();
  const library = LawLibrary.build(knowledge, []);
  const classifier = new Classifier(
    knowledge.routes,
    knowledge.deadlines.limits,
    library,
    knowledge.decision,
  );
  const services = defaultQuizServices(knowledge, library);
  const bank = new QuizBank(knowledge, library, classifier, { services });
  return { knowledge, library, classifier, services, bank };
}

/** A copy of knowledge/quiz in a temporary folder, with one file changed. */
function quizDir(file: string, change: (json: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-quiz-'));
  cpSync(path.join(KNOWLEDGE_DIR, 'quiz'), dir, { recursive: true });
  const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
  change(json);
  writeFileSync(path.join(dir, file), JSON.stringify(json));
  return dir;
}

describe('application questions', () => {
  const { knowledge, library, classifier, services, bank } = build();

  it('every question is proved, tagged with kind, concept and difficulty, and rests on existing articles', () => {
    // A story or letter that a service no longer confirms is dropped, never asked; a few may be while the
    // classifier is retuned, but not many.
    expect(bank.rejected.length, JSON.stringify(bank.rejected)).toBeLessThanOrEqual(
      Math.floor(bank.all().length * 0.03),
    );
    const kinds = new Set(bank.all().map((q) => q.kind));
    expect([...kinds].sort()).toEqual(
      [
        'admissibility',
        'classification',
        'deadline_date',
        'letter_defect',
        'numbering',
        'period',
        'remedy',
        'separation',
      ].sort(),
    );
    for (const q of bank.all()) {
      expect(Question.safeParse(q).success, q.id).toBe(true);
      expect(q.options.length === 0 || q.options.length === 4 || q.type !== 'single', q.id).toBe(true);
      if (q.type !== 'fill') expect(new Set(q.options.map((o) => o.text)).size, q.id).toBe(q.options.length);
      for (const b of q.basis)
        expect(library.has(b.law, b.article), `${q.id} ${b.law}${b.article}`).toBe(true);
    }
  });

  it('a set of 50 is at least 60% application and at most 15% numbering recall, for any seed', () => {
    expect(shares(50)).toEqual({ application: 33, numbering: 5, period: 12 });
    for (const seed of [1, 2, 3, 17, 99]) {
      const set = bank.pick(50, seed);
      expect(set).toHaveLength(50);
      expect(new Set(set.map((q) => q.id)).size).toBe(50);
      expect(set.filter(isApplication).length).toBeGreaterThanOrEqual(30);
      expect(set.filter((q) => q.kind === 'numbering').length).toBeLessThanOrEqual(7);
      // Every application kind is present: the mix is spread, not one family.
      expect(new Set(set.filter(isApplication).map((q) => q.kind)).size).toBe(6);
    }
    expect(bank.pick(5, 1).filter(isApplication).length).toBeGreaterThanOrEqual(3);
    expect(bank.pick(20, 4).map((q) => q.id)).toEqual(bank.pick(20, 4).map((q) => q.id));
  });

  it('classification: the classifier routes the story to the answer, and no distractor is one of its routes', () => {
    const cases = JSON.parse(readFileSync(path.join(KNOWLEDGE_DIR, 'quiz/cases.json'), 'utf8')) as {
      cases: { id: string; route: string; text: string }[];
    };
    const labour = bank.get('cls-labour-service');
    const story = cases.cases.find((c) => c.id === 'labour-service');
    expect(labour && story).toBeTruthy();
    if (!labour || !story) return;
    const c = classifier.classify(story.text);
    expect([c.channel, c.subchannel]).toEqual(['judicial', 'civil_litigation']);
    const answer = labour.options.find((o) => labour.answer.includes(o.key))?.text;
    expect(answer).toBe('引导向人民法院提起民事诉讼（条例第三十一条第（一）项）');
    // 劳务 for a private person is confused with 劳动 arbitration — which the classifier names as an alternative,
    // so it is not offered as a wrong answer.
    expect(labour.options.map((o) => o.text).join()).not.toContain('劳动人事争议仲裁委员会');
    expect(labour.proof.by).toBe('classifier');
    expect(labour.explanation).toMatch(/不对：/);
  });

  it('classification: a story whose label disagrees with the classifier is refused, not asked', () => {
    const dir = quizDir('cases.json', (json) => {
      const cases = json.cases as { id: string; route: string }[];
      const wage = cases.find((c) => c.id === 'wage-pay');
      if (wage) wage.route = 'policy_claim';
    });
    const b = new QuizBank(knowledge, library, classifier, { dir, services });
    expect(b.rejected.find((r) => r.id === 'cls-wage-pay')?.problem).toMatch(
      /classifier routes to arbitration/,
    );
    expect(b.get('cls-wage-pay')).toBeUndefined();
  });

  it('admissibility: the answer is the classifier’s admissibility for the story', () => {
    const q = bank.get('adm-recheck');
    expect(q?.options.find((o) => q.answer.includes(o.key))?.text).toContain('不再受理');
    expect(q?.basis).toEqual([{ law: '信访工作条例', article: 36 }]);
  });

  it('letter defects: the checker finds exactly the injected defect in the drafted letter', () => {
    const defects = bank.all().filter((q) => q.kind === 'letter_defect');
    expect(defects.length).toBeGreaterThan(30);
    const q = defects.find((x) => /^ltr-\w+-\d-handling_opinion-deadline(15|60)$/.test(x.id));
    expect(q?.stem).toMatch(/之日起(15|60)日内/);
    expect(q?.options.find((o) => q.answer.includes(o.key))?.text).toMatch(/^救济期限写错/);
    expect(q?.explanation).toMatch(
      /应改为：如不服本处理意见，可以自收到本意见书之日起30日内，向.+请求复查。/,
    );
    // The unchanged letter draws no finding at all; the changed one only the injected code.
    const draft = services.drafter.draft({
      ...JSON.parse(readFileSync(path.join(KNOWLEDGE_DIR, 'quiz/letters.json'), 'utf8')).bases[0].input,
      handlingBody: '某市某区住房和城乡建设局',
      superiorBody: '某市某区人民政府',
    });
    expect(draft.findings).toEqual([]);
    const changed = services.checker.check(draft.text.replace('之日起30日内', '之日起15日内'));
    expect(changed.findings.map((f) => f.code)).toEqual(['WRONG_REMEDY_DEADLINE']);
  });

  it('letter defects: a defect the checker does not confirm is refused', () => {
    const dir = quizDir('letters.json', (json) => {
      const defects = json.defects as { id: string; bases?: string[] }[];
      const vague = defects.find((d) => d.id === 'vague');
      if (vague) delete vague.bases;
    });
    const b = new QuizBank(knowledge, library, classifier, { dir, services });
    expect(b.rejected.some((r) => r.id.endsWith('-vague') && r.problem === 'checker reports nothing')).toBe(
      true,
    );
  });

  it('remedy: the right sentence passes the checker in the letter and each wrong one is caught', () => {
    const q = bank.all().find((x) => x.id.startsWith('rem-') && x.id.endsWith('handling_opinion'));
    expect(q).toBeTruthy();
    const right = q?.options.find((o) => q.answer.includes(o.key))?.text ?? '';
    expect(right).toMatch(/^如不服本处理意见，可以自收到本意见书之日起30日内，向.+请求复查。$/);
    expect(q?.explanation.split('\n').filter((l) => l.includes('不对：'))).toHaveLength(3);
  });

  it('deadline dates: the answer is the deadline service’s due date on the official calendar', () => {
    const dates = bank.all().filter((q) => q.kind === 'deadline_date');
    expect(dates.length).toBeGreaterThan(30);
    for (const q of dates) {
      const m = /^date-(\w+)-(\d{4}-\d{2}-\d{2})$/.exec(q.id);
      expect(m, q.id).not.toBeNull();
      const due = services.deadlines.compute(m?.[1] ?? '', m?.[2] ?? '').items[0]?.due ?? '';
      const answer = q.options.find((o) => q.answer.includes(o.key))?.text ?? '';
      expect(answer.startsWith(formatChineseDate(due)), q.id).toBe(true);
      for (const o of q.options.filter((x) => !q.answer.includes(x.key)))
        expect(o.text.startsWith(`${formatChineseDate(due)}（`), q.id).toBe(false);
    }
    // A last day that falls in a holiday moves to the next working day, and the explanation says why.
    const holiday = dates.find((q) => q.explanation.includes('国庆节假期'));
    expect(holiday?.explanation).toMatch(/民法典第二百零三条/);
  });

  it('builds and proves the whole bank within the time budget', () => {
    const started = performance.now();
    const b = new QuizBank(knowledge, library, classifier, { services });
    expect(b.all().length).toBeGreaterThan(350);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('quiz --json', () => {
  it('carries kind, concept, difficulty and the proof of every question', async () => {
    const r = await spawnAsync(
      process.execPath,
      [path.join(ROOT, 'bin/xinfang.js'), 'quiz', '--json', '--count', '10', '--seed', '7'],
      { env: { ...process.env, LOG_LEVEL: 'silent' }, timeout: 60_000 },
    );
    expect(r.status).toBe(0);
    const { questions } = JSON.parse(r.stdout) as { questions: Record<string, unknown>[] };
    expect(questions).toHaveLength(10);
    for (const q of questions) {
      expect(Object.keys(q).sort()).toEqual(
        [
          'answer',
          'basis',
          'concept',
          'difficulty',
          'explanation',
          'id',
          'kind',
          'options',
          'proof',
          'stem',
          'type',
        ].sort(),
      );
    }
    expect(
      questions.filter((q) => q.kind !== 'numbering' && q.kind !== 'period').length,
    ).toBeGreaterThanOrEqual(6);
  });
});
