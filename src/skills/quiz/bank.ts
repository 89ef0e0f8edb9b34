/**
 * Question bank generated deterministically from knowledge/. Recall questions (periods, article numbering) are
 * proved against their basis article: the correct answer is supported by the article and no distractor is.
 * Application questions (cases.ts, letter-questions.ts, date-questions.ts) are proved by running our services —
 * the classifier, the drafter and checker, the deadline service — and record the run in `proof`. Questions that
 * fail are dropped and reported, never asked. `pick` draws a set in the mix of mix.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KNOWLEDGE_DIR, type Knowledge } from '../../knowledge/load.ts';
import { normalizeNumerals, toChineseNumber } from '../../knowledge/numerals.ts';
import type { DeadlineRule } from '../../knowledge/schema.ts';
import { Catalog } from '../../retrieval/catalog.ts';
import type { LawLibrary, LibraryArticle } from '../../retrieval/library.ts';
import { LetterChecker } from '../check/checker.ts';
import type { Classifier } from '../classify/classifier.ts';
import { OfficialCalendar, type WorkCalendar } from '../deadlines/calendar.ts';
import { DeadlineService } from '../deadlines/deadlines.ts';
import { Drafter } from '../letters/drafter.ts';
import { RemedyTable } from '../letters/remedies.ts';
import { caseQuestions, loadCaseKnowledge } from './cases.ts';
import { dateQuestions } from './date-questions.ts';
import { letterQuestions, loadLetterQuiz } from './letter-questions.ts';
import { pickMixed } from './mix.ts';
import type { Question } from './types.ts';
import { KEYS, rng, shuffle } from './util.ts';

const UNIT: Record<DeadlineRule['unit'], string> = {
  day: '日',
  workday: '个工作日',
  month: '个月',
  year: '年',
};
const PERIODS = ['5个工作日', '15日', '30日', '60日', '90日', '1个月', '3个月', '6个月', '1年', '2年', '3年'];

const ScenarioFile = z.object({
  scenarios: z.array(
    z.object({
      id: z.string(),
      stem: z.string(),
      channel: z.string(),
      subchannel: z.string().nullable(),
      text: z.string(),
    }),
  ),
});

const CHANNEL_OPTION: Record<string, string> = {
  judicial: '依照诉讼、检察或公安机关的法定程序处理（第三十一条第（一）项）',
  arbitration: '导入仲裁程序（第三十一条第（二）项）',
  party_appeal: '导入党员申诉、申请复审等程序（第三十一条第（三）项）',
  administrative_procedure: '导入行政复议、行政裁决、行政确认等行政程序（第三十一条第（四）项）',
  duty_performance: '由有关机关依法履行职责或者答复（第三十一条第（五）项）',
  petition_procedure: '调查核实后出具信访处理意见书（第三十一条第（六）项）',
  suggestion_handling: '作为建议意见类事项研究论证并回复（第二十九条）',
  discipline_inspection: '作为检举控告类事项由纪检监察机关依规依纪依法处理（第三十条）',
};

export interface BankEntry {
  question: Question;
  /** Proves the question against its basis; returns the problem, or null when it holds. */
  verify: () => string | null;
}

/** All the words an article stands for: our key points, items and (when ingested) the official text. */
function articleText(a: LibraryArticle): string {
  return normalizeNumerals([...a.points, ...Object.values(a.items), a.official?.body ?? ''].join(' '));
}

function hasQuantity(a: LibraryArticle, q: string): boolean {
  return articleText(a).includes(normalizeNumerals(q));
}

/** The services that prove application questions; the app passes its own so that one fix lands everywhere. */
export interface QuizServices {
  checker: LetterChecker;
  drafter: Drafter;
  deadlines: DeadlineService;
  calendar: WorkCalendar;
}

export interface QuizBankOptions {
  /** Folder of the quiz knowledge files (default knowledge/quiz). */
  dir?: string;
  services?: QuizServices;
  /** Calendar years whose dates deadline questions start on. */
  years?: number[];
}

/** Services built from the knowledge alone, for callers (CLI --json, tests) that have no app. */
export function defaultQuizServices(knowledge: Knowledge, library: LawLibrary): QuizServices {
  const calendar = new OfficialCalendar();
  const deadlines = new DeadlineService(knowledge.deadlines, calendar);
  const remedies = RemedyTable.load();
  const checker = new LetterChecker({ library, catalog: new Catalog(knowledge), deadlines, remedies });
  return { checker, drafter: new Drafter({ library, deadlines, remedies, checker }), deadlines, calendar };
}

export class QuizBank {
  private readonly built = new Map<string, BankEntry>();
  private readonly refused: { id: string; problem: string }[] = [];
  /** Builds and proves the questions; run on first use, since most commands (search, ask, chat) never quiz. */
  private build: (() => void) | null;

  constructor(
    private readonly knowledge: Knowledge,
    private readonly library: LawLibrary,
    private readonly classifier: Classifier,
    options: QuizBankOptions = {},
  ) {
    this.build = () => {
      const dir = options.dir ?? path.join(KNOWLEDGE_DIR, 'quiz');
      const services = options.services ?? defaultQuizServices(knowledge, library);
      this.deadlineQuestions();
      this.titleQuestions();
      this.itemQuestions();
      this.trueFalseQuestions();
      this.scenarioQuestions(
        ScenarioFile.parse(JSON.parse(readFileSync(path.join(dir, 'scenarios.json'), 'utf8'))).scenarios,
      );
      const { catalogue, cases } = loadCaseKnowledge(dir);
      for (const c of caseQuestions({ routes: knowledge.routes, library, classifier, catalogue, cases }))
        this.add(c);
      for (const c of letterQuestions({ ...services, file: loadLetterQuiz(dir) })) this.add(c);
      for (const c of dateQuestions({
        rules: knowledge.deadlines.limits,
        deadlines: services.deadlines,
        calendar: services.calendar,
        library,
        years: options.years ?? [2025, 2026],
      }))
        this.add(c);
    };
  }

  /** The proven questions by id (built on first use). */
  get entries(): Map<string, BankEntry> {
    this.ensureBuilt();
    return this.built;
  }

  /** The questions that failed their proof, with the reason (built on first use). */
  get rejected(): { id: string; problem: string }[] {
    this.ensureBuilt();
    return this.refused;
  }

  private ensureBuilt(): void {
    const build = this.build;
    if (!build) return;
    this.build = null; // before building: add() reads entries and rejected
    try {
      build();
    } catch (e) {
      // A knowledge file that does not parse: fail again on the next use rather than quiz from half a bank.
      this.built.clear();
      this.refused.length = 0;
      this.build = build;
      throw e;
    }
  }

  private add(entry: BankEntry): void {
    const problem = entry.verify();
    if (problem) this.rejected.push({ id: entry.question.id, problem });
    else this.entries.set(entry.question.id, entry);
  }

  /** Adds a verified question written elsewhere (e.g. by a model); returns the problem when it is refused. */
  addVerified(question: Question, verify: () => string | null): string | null {
    const before = this.rejected.length;
    this.add({ question, verify });
    return this.rejected.length > before ? (this.rejected.at(-1)?.problem ?? 'rejected') : null;
  }

  chapterFor(law: string, article: number): number | null {
    return this.chapterOf(law, article);
  }

  all(): Question[] {
    return [...this.entries.values()].map((e) => e.question);
  }

  get(id: string): Question | undefined {
    return this.entries.get(id)?.question;
  }

  /**
   * A seeded set in the mix of mix.ts (about two thirds application, numbering recall at most a tenth), weighted
   * toward chapters 3 and 4 of the regulation within each kind.
   */
  pick(count: number, seed: number, options: { difficulty?: number } = {}): Question[] {
    const pool = this.all().filter(
      (q) => options.difficulty === undefined || q.difficulty === options.difficulty,
    );
    return pickMixed(pool, count, seed);
  }

  private deadlineQuestions(): void {
    for (const rule of this.knowledge.deadlines.limits) {
      const a = this.library.get(rule.basis.law, rule.basis.article);
      if (!a) continue;
      const answer = `${rule.amount}${UNIT[rule.unit]}`;
      // "五日" in an article, made working days by another article of the same law (行政处罚法第85条).
      const unitArticle = rule.unitBasis
        ? this.library.get(rule.unitBasis.law, rule.unitBasis.article)
        : undefined;
      const stated = (q: string) =>
        hasQuantity(a, q) ||
        (q === answer &&
          rule.unit === 'workday' &&
          unitArticle !== undefined &&
          hasQuantity(a, `${rule.amount}日`) &&
          hasQuantity(unitArticle, `${rule.amount}日`));
      const rand = rng(rule.code.length * 7919 + rule.amount);
      const distractors = shuffle(
        PERIODS.filter((p) => p !== answer && !hasQuantity(a, p)),
        rand,
      ).slice(0, 3);
      const options = shuffle([answer, ...distractors], rand).map((text, i) => ({
        key: KEYS[i] as string,
        text,
      }));
      const key = options.find((o) => o.text === answer)?.key ?? 'A';
      const basis = rule.unitBasis ? [rule.basis, rule.unitBasis] : [rule.basis];
      const chapter = this.chapterOf(rule.basis.law, rule.basis.article);
      const explanation = `《${rule.basis.law}》${a.label}：${rule.what}，期限为${answer}，自${rule.from}起算${rule.note ? `（${rule.note}）` : ''}。`;
      this.add({
        question: {
          id: `dl-${rule.code}`,
          type: 'single',
          stem: `${rule.what}的法定期限是多少？（自${rule.from}起算）`,
          options,
          answer: [key],
          explanation,
          basis,
          difficulty: 2,
          chapter,
          kind: 'period',
          concept: '法定期限',
          proof: { by: 'article', detail: `${answer}见${basisText(basis)}；干扰项均不见于该条` },
        },
        verify: () =>
          !stated(answer)
            ? `answer ${answer} not in ${a.id}`
            : distractors.find((d) => hasQuantity(a, d))
              ? 'a distractor is in the article'
              : null,
      });
      this.add({
        question: {
          id: `fill-${rule.code}`,
          type: 'fill',
          stem: `填空：${rule.what}，期限为____（自${rule.from}起算）。`,
          options: [],
          answer: [answer],
          explanation,
          basis,
          difficulty: 2,
          chapter,
          kind: 'period',
          concept: '法定期限',
          proof: { by: 'article', detail: `${answer}见${basisText(basis)}` },
        },
        verify: () => (stated(answer) ? null : `answer ${answer} not in ${a.id}`),
      });
    }
  }

  private regulation(): LibraryArticle[] {
    return this.library
      .all()
      .filter((a) => a.law === '信访工作条例' && a.title)
      .sort((x, y) => x.article - y.article);
  }

  private chapterOf(law: string, article: number): number | null {
    return (
      this.knowledge.laws.find((l) => l.law === law)?.articles.find((a) => a.article === article)?.chapter ??
      null
    );
  }

  private titleQuestions(): void {
    const articles = this.regulation();
    for (const a of articles) {
      const rand = rng(a.article * 104729);
      const others = shuffle(
        articles.filter((o) => o.article !== a.article),
        rand,
      ).slice(0, 3);
      const options = shuffle([a, ...others], rand).map((o, i) => ({
        key: KEYS[i] as string,
        text: `第${toChineseNumber(o.article)}条`,
      }));
      const key = options.find((o) => o.text === a.label)?.key ?? 'A';
      this.add({
        question: {
          id: `title-${a.article}`,
          type: 'single',
          stem: `《信访工作条例》中，规定“${a.title}”的是哪一条？`,
          options,
          answer: [key],
          explanation: `${a.label}（${a.title}）：${a.points.join('')}`,
          basis: [{ law: a.law, article: a.article }],
          difficulty: 1,
          chapter: this.chapterOf(a.law, a.article),
          kind: 'numbering',
          concept: '条文位置',
          proof: { by: 'article', detail: `${a.label}的标题为“${a.title}”` },
        },
        verify: () =>
          options.find((o) => o.key === key)?.text === a.label && others.every((o) => o.title !== a.title)
            ? null
            : 'label mismatch',
      });
    }
  }

  private itemQuestions(): void {
    const articles = this.regulation().filter((a) => Object.keys(a.items).length >= 4);
    for (const a of articles) {
      const items = Object.entries(a.items);
      // Which item says what (single choice).
      for (const [no, text] of items) {
        const rand = rng(a.article * 31 + Number(no));
        const others = shuffle(
          items.filter(([n]) => n !== no),
          rand,
        ).slice(0, 3);
        const options = shuffle([[no, text], ...others], rand).map(([, t], i) => ({
          key: KEYS[i] as string,
          text: t ?? '',
        }));
        const key = options.find((o) => o.text === text)?.key ?? 'A';
        this.add({
          question: {
            id: `item-${a.article}-${no}`,
            type: 'single',
            stem: `《信访工作条例》${a.label}第（${toChineseNumber(Number(no))}）项规定的是下列哪一项？`,
            options,
            answer: [key],
            explanation: `${a.label}第（${toChineseNumber(Number(no))}）项：${text}`,
            basis: [{ law: a.law, article: a.article }],
            difficulty: a.article === 31 ? 3 : 2,
            chapter: this.chapterOf(a.law, a.article),
            kind: 'numbering',
            concept: conceptOf(a.article),
            proof: { by: 'article', detail: `${a.label}第（${toChineseNumber(Number(no))}）项的文字` },
          },
          verify: () =>
            a.items[no] === text && others.every(([, t]) => t !== text) ? null : 'item mismatch',
        });
      }
      // Which of these belong to the article (multiple choice).
      const rand = rng(a.article * 977);
      const correct = shuffle(items, rand).slice(0, 3);
      const foreign = shuffle(
        articles.filter((o) => o.article !== a.article).flatMap((o) => Object.values(o.items)),
        rand,
      ).slice(0, 2);
      const options = shuffle([...correct.map(([, t]) => t), ...foreign], rand).map((t, i) => ({
        key: KEYS[i] as string,
        text: t,
      }));
      const answer = options.filter((o) => correct.some(([, t]) => t === o.text)).map((o) => o.key);
      this.add({
        question: {
          id: `multi-${a.article}`,
          type: 'multiple',
          stem: `下列哪些属于《信访工作条例》${a.label}（${a.title}）规定的内容？（多选）`,
          options,
          answer,
          explanation: `${a.label}列举：${Object.values(a.items).join('')}`,
          basis: [{ law: a.law, article: a.article }],
          difficulty: 3,
          chapter: this.chapterOf(a.law, a.article),
          kind: 'numbering',
          concept: conceptOf(a.article),
          proof: { by: 'article', detail: `${a.label}所列各项；干扰项取自其他条文` },
        },
        verify: () => {
          const values = new Set(Object.values(a.items));
          if (!answer.every((k) => values.has(options.find((o) => o.key === k)?.text ?? '')))
            return 'answer not in article';
          if (foreign.some((f) => values.has(f))) return 'distractor in article';
          return null;
        },
      });
    }
  }

  private trueFalseQuestions(): void {
    for (const a of this.regulation()) {
      a.points.forEach((point, i) => {
        const m = /(\d+)(个工作日|日|人|年|个月)/.exec(point);
        if (!m) return;
        const original = `${m[1]}${m[2]}`;
        const wrongNumber = [5, 15, 30, 60, 90, 3, 10].find(
          (n) => String(n) !== m[1] && !hasQuantity(a, `${n}${m[2]}`),
        );
        if (wrongNumber === undefined) return;
        const altered = point.replace(original, `${wrongNumber}${m[2]}`);
        const truth = i % 2 === 0;
        const statement = truth ? point : altered;
        this.add({
          question: {
            id: `tf-${a.article}-${i}`,
            type: 'true_false',
            stem: `判断：${statement}`,
            options: [
              { key: 'A', text: '正确' },
              { key: 'B', text: '错误' },
            ],
            answer: [truth ? 'A' : 'B'],
            explanation: `${a.label}（${a.title}）：${point}`,
            basis: [{ law: a.law, article: a.article }],
            difficulty: 1,
            chapter: this.chapterOf(a.law, a.article),
            kind: 'period',
            concept: conceptOf(a.article),
            proof: { by: 'article', detail: `${a.label}载明${original}` },
          },
          verify: () => {
            if (!hasQuantity(a, original)) return 'original quantity missing';
            if (!truth && hasQuantity(a, `${wrongNumber}${m[2]}`))
              return 'altered quantity is in the article';
            return null;
          },
        });
      });
    }
  }

  private scenarioQuestions(scenarios: z.infer<typeof ScenarioFile>['scenarios']): void {
    const channels = Object.keys(CHANNEL_OPTION);
    for (const s of scenarios) {
      const rand = rng([...s.id].reduce((h, c) => h * 31 + c.charCodeAt(0), 7) >>> 0);
      const others = shuffle(
        channels.filter((c) => c !== s.channel),
        rand,
      ).slice(0, 3);
      const options = shuffle([s.channel, ...others], rand).map((c, i) => ({
        key: KEYS[i] as string,
        text: CHANNEL_OPTION[c] ?? c,
      }));
      const key = options.find((o) => o.text === CHANNEL_OPTION[s.channel])?.key ?? 'A';
      const article =
        s.channel === 'suggestion_handling' ? 29 : s.channel === 'discipline_inspection' ? 30 : 31;
      this.add({
        question: {
          id: `scenario-${s.id}`,
          type: 'scenario',
          stem: s.stem,
          options,
          answer: [key],
          explanation: `依法分类处理：${CHANNEL_OPTION[s.channel]}。`,
          basis: [{ law: '信访工作条例', article }],
          difficulty: 3,
          chapter: 4,
          kind: 'classification',
          concept: '依法分类处理',
          proof: {
            by: 'classifier',
            detail: `分类器对案情“${s.text}”给出途径 ${s.channel}${s.subchannel ? `/${s.subchannel}` : ''}`,
          },
        },
        verify: () => {
          const c = this.classifier.classify(s.text);
          if (c.channel !== s.channel) return `classifier routes to ${c.channel}`;
          if (s.subchannel && c.subchannel !== s.subchannel) return `classifier subchannel ${c.subchannel}`;
          return null;
        },
      });
    }
  }
}

/** Whether an answer (option keys, or text for fill-in) is correct. */
export function isCorrect(q: Question, given: string[]): boolean {
  if (q.type === 'fill') {
    const norm = (s: string) => normalizeNumerals(s.replace(/\s|内|天/g, (c) => (c === '天' ? '日' : '')));
    return given.length > 0 && q.answer.some((a) => norm(a) === norm(given.join('')));
  }
  const a = [...q.answer].sort().join(',');
  const g = [...new Set(given.map((x) => x.trim().toUpperCase()))].sort().join(',');
  return a === g;
}

/** A question proposed by a model for one article; accepted only when its basis article proves it. */
export interface CandidateQuestion {
  stem: string;
  options: string[];
  answer: string;
  explanation: string;
}

/**
 * Verification of a model-written question against its basis article: exactly four options, the answer is an
 * option, its quantity (30日, 5人…) appears in the article, and no other option's quantity does.
 */
export function verifyCandidate(a: LibraryArticle, c: CandidateQuestion): string | null {
  if (c.options.length !== 4) return 'needs four options';
  const index = KEYS.indexOf(c.answer.trim().toUpperCase());
  const answer = c.options[index];
  if (index < 0 || answer === undefined) return 'answer is not an option';
  const quantity = (s: string) =>
    /(\d+|[一二三四五六七八九十百]+)\s*(个工作日|日|天|个月|年|人)/.exec(normalizeNumerals(s))?.[0];
  const q = quantity(answer);
  if (!q || !hasQuantity(a, q)) return `answer ${answer} is not stated in ${a.id}`;
  for (const [i, o] of c.options.entries()) {
    if (i === index) continue;
    const d = quantity(o);
    if (d && hasQuantity(a, d)) return `distractor ${o} is stated in the article`;
  }
  return null;
}

export function candidateToQuestion(
  a: LibraryArticle,
  c: CandidateQuestion,
  chapter: number | null,
): Question {
  const id = `llm-${a.article}-${[...c.stem].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7).toString(36)}`;
  return {
    id,
    type: 'single',
    stem: c.stem,
    options: c.options.map((text, i) => ({ key: KEYS[i] as string, text })),
    answer: [c.answer.trim().toUpperCase()],
    explanation: c.explanation,
    basis: [{ law: a.law, article: a.article }],
    difficulty: 2,
    chapter,
    kind: 'period',
    concept: conceptOf(a.article),
    proof: { by: 'article', detail: `答案中的期限或人数见${a.label}，其他选项的不见于该条` },
  };
}

/** The concept a recall question on an article of the regulation trains (weak-point tracking groups by it). */
function conceptOf(article: number): string {
  if (article === 31 || (article >= 28 && article <= 30)) return '依法分类处理';
  if (article >= 32 && article <= 37) return '办理、复查与复核';
  if (article >= 17 && article <= 27) return '信访事项的提出与受理';
  if (article >= 38) return '监督与追责';
  return '信访工作体制';
}

function basisText(basis: { law: string; article: number }[]): string {
  return basis.map((b) => `《${b.law}》第${toChineseNumber(b.article)}条`).join('、');
}
