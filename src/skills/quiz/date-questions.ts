/**
 * Deadline computations on the official calendar, proved by the deadline service: for each statutory limit, start
 * dates are chosen where a naive count goes wrong (the last day on a holiday or weekend, a 调休 working Saturday, a
 * month without the corresponding day). The answer is the service's due date; the distractors are the mistakes an
 * officer makes (not moving a rest day, moving a make-up working day, counting the start day), each one explained.
 */
import type { DeadlineRule } from '../../knowledge/schema.ts';
import type { LawLibrary } from '../../retrieval/library.ts';
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { addDays, addMonths, formatChineseDate, type IsoDate, weekday } from '../deadlines/dates.ts';
import type { DeadlineService } from '../deadlines/deadlines.ts';
import type { Candidate } from './cases.ts';
import { hash, lettered, rng, shuffle } from './util.ts';

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];
const UNIT: Record<DeadlineRule['unit'], string> = {
  day: '日',
  workday: '个工作日',
  month: '个月',
  year: '年',
};

type Trap = 'holiday' | 'makeup' | 'weekend' | 'month_end';

function show(d: IsoDate): string {
  return `${formatChineseDate(d)}（星期${WEEKDAY[weekday(d)]}）`;
}

function isWeekend(d: IsoDate): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

/** The last day counted without any calendar: days, months or years added; working days as Monday–Friday. */
function naiveEnd(rule: DeadlineRule, start: IsoDate): IsoDate {
  if (rule.unit === 'day') return addDays(start, rule.amount);
  if (rule.unit === 'month') return addMonths(start, rule.amount);
  if (rule.unit === 'year') return addMonths(start, rule.amount * 12);
  let d = start;
  for (let n = 0; n < rule.amount; ) {
    d = addDays(d, 1);
    if (!isWeekend(d)) n++;
  }
  return d;
}

function nextWeekday(d: IsoDate): IsoDate {
  let x = d;
  while (isWeekend(x)) x = addDays(x, 1);
  return x;
}

export function dateQuestions(deps: {
  rules: DeadlineRule[];
  deadlines: DeadlineService;
  calendar: WorkCalendar;
  library: LawLibrary;
  years: number[];
  perRule?: number;
}): Candidate[] {
  const { deadlines, library } = deps;
  const calendar = memoCalendar(deps.calendar);
  const out: Candidate[] = [];
  const years = deps.years.filter((y) => calendar.covers(y));
  if (years.length === 0) return out;
  for (const rule of deps.rules.filter((r) => !r.after)) {
    // Candidate start dates by the trap they set.
    const found = new Map<Trap, IsoDate[]>();
    for (const year of years) {
      for (let d = `${year}-01-01`; d < `${year + 1}-01-01`; d = addDays(d, 1)) {
        const naive = naiveEnd(rule, d);
        if (!calendar.covers(Number(naive.slice(0, 4)) + (naive.slice(5) >= '12-20' ? 1 : 0))) continue;
        let trap: Trap | null = null;
        const desc = calendar.describe(naive);
        if ((rule.unit === 'month' || rule.unit === 'year') && Number(d.slice(8)) > Number(naive.slice(8)))
          trap = 'month_end';
        else if (rule.unit === 'workday') {
          const span = listDays(d, naive);
          if (span.some((x) => !calendar.isWorkday(x) && !isWeekend(x))) trap = 'holiday';
          else if (span.some((x) => calendar.isWorkday(x) && isWeekend(x))) trap = 'makeup';
        } else if (desc?.includes('调休上班日')) trap = 'makeup';
        else if (desc?.includes('假期')) trap = 'holiday';
        else if (desc === '周末') trap = 'weekend';
        if (trap) found.set(trap, [...(found.get(trap) ?? []), d]);
      }
    }
    const rand = rng(hash(rule.code));
    const traps = shuffle([...found.keys()], rand)
      .sort((a, b) => (a === 'weekend' ? 1 : 0) - (b === 'weekend' ? 1 : 0))
      .slice(0, deps.perRule ?? 2);
    for (const trap of traps) {
      // Several start dates set this trap; the first whose question proves itself is kept.
      const dates = shuffle(found.get(trap) ?? [], rand).slice(0, 12);
      let first: Candidate | undefined;
      for (const start of dates) {
        const c = dateQuestion(rule, start, trap, deadlines, calendar, library);
        first ??= c;
        if (c.verify() === null) {
          first = c;
          break;
        }
      }
      if (first) out.push(first);
    }
  }
  return out;
}

/** Why the due day stands although it is a weekend: a 调休 make-up working day. */
function dueNote(due: IsoDate, calendar: WorkCalendar): string {
  const d = calendar.describe(due);
  return d?.includes('调休上班日') ? `${formatChineseDate(due)}是${d}，属于工作日，不顺延。` : '';
}

/** The last day if the period were counted in the wrong unit (日 as 工作日, 工作日 as 日, months as 30 days). */
function otherUnitEnd(rule: DeadlineRule, start: IsoDate, calendar: WorkCalendar): IsoDate | null {
  const toWorkday = (d: IsoDate) => {
    let x = d;
    for (let i = 0; i < 30 && !calendar.isWorkday(x); i++) x = addDays(x, 1);
    return x;
  };
  if (rule.unit === 'day') {
    let d = start;
    for (let n = 0; n < rule.amount; ) {
      d = addDays(d, 1);
      if (calendar.isWorkday(d)) n++;
    }
    return d;
  }
  if (rule.unit === 'workday') return toWorkday(addDays(start, rule.amount));
  const days = rule.unit === 'month' ? 30 * rule.amount : 365 * rule.amount;
  return toWorkday(addDays(start, days));
}

/** The calendar's answers cached: the scan asks about the same days many times. */
function memoCalendar(c: WorkCalendar): WorkCalendar {
  const work = new Map<IsoDate, boolean>();
  const desc = new Map<IsoDate, string | null>();
  return {
    isWorkday: (d) => {
      let v = work.get(d);
      if (v === undefined) {
        v = c.isWorkday(d);
        work.set(d, v);
      }
      return v;
    },
    describe: (d) => {
      let v = desc.get(d);
      if (v === undefined) {
        v = c.describe(d);
        desc.set(d, v);
      }
      return v;
    },
    covers: (y) => c.covers(y),
    coveredYears: c.coveredYears,
  };
}

function listDays(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

function dateQuestion(
  rule: DeadlineRule,
  start: IsoDate,
  trap: Trap,
  deadlines: DeadlineService,
  calendar: WorkCalendar,
  library: LawLibrary,
): Candidate {
  const id = `date-${rule.code}-${start}`;
  const result = deadlines.compute(rule.code, start);
  const item = result.items[0];
  const due = item?.due ?? start;
  const naive = naiveEnd(rule, start);
  const reasons = new Map<IsoDate, string>();
  const offer = (d: IsoDate, why: string) => {
    if (d !== due && !reasons.has(d)) reasons.set(d, why);
  };
  const naiveDesc = calendar.describe(naive);
  if (naive !== due)
    offer(
      naive,
      rule.unit === 'workday'
        ? '只跳过了周末，没有扣除法定节假日（或把调休上班日当成了休息日）'
        : `${formatChineseDate(naive)}是${naiveDesc ?? '休息日'}，期限最后一日是法定休假日的，以其后的第一个工作日为期限的最后一日（民法典第二百零三条）`,
    );
  if (trap === 'makeup' && rule.unit !== 'workday')
    offer(
      nextWeekday(addDays(naive, 1)),
      `${formatChineseDate(naive)}虽是周末，但是调休上班日，属于工作日，不应顺延`,
    );
  offer(addDays(naive, -1), '把开始的当日计入了期间；按民法典第二百零一条，开始的当日不计入，自次日起算');
  const other = otherUnitEnd(rule, start, calendar);
  if (other)
    offer(
      other,
      rule.unit === 'day'
        ? `把“${rule.amount}日”当成了${rule.amount}个工作日；法律写“日”的按自然日计算，只有最后一日遇休息日才顺延`
        : rule.unit === 'workday'
          ? `把“${rule.amount}个工作日”当成了${rule.amount}个自然日`
          : `按每月30日（每年365日）折算；期间以月、年计算的，到期月的对应日为期限最后一日（民法典第二百零二条）`,
    );
  offer(addDays(due, 1), '多算了一日');
  offer(addDays(due, -1), '少算了一日');
  const distractors = [...reasons.keys()].slice(0, 3);
  const { options, key, order } = lettered(id, due, distractors, show);
  const civil = [
    trap === 'month_end' ? 202 : null,
    trap === 'holiday' || trap === 'weekend' ? 203 : null,
    201,
  ].filter((n): n is number => n !== null && library.has('民法典', n));
  const unitText = `${rule.amount}${UNIT[rule.unit]}`;
  return {
    question: {
      id,
      type: 'single',
      kind: 'deadline_date',
      concept: '时限计算',
      stem: `${rule.from}为${show(start)}。“${rule.what}”的期限为${unitText}，期限的最后一日是哪天？`,
      options,
      answer: [key],
      explanation: [
        `正确：${show(due)}。${item?.rule ?? ''}${dueNote(due, calendar)}`,
        ...order
          .filter((d) => d !== due)
          .map((d) => `${options[order.indexOf(d)]?.key}不对：${reasons.get(d) ?? ''}。`),
      ].join('\n'),
      basis: [
        rule.basis,
        ...(rule.unitBasis ? [rule.unitBasis] : []),
        ...civil.map((article) => ({ law: '民法典', article })),
      ],
      difficulty: trap === 'weekend' ? 2 : 3,
      chapter: rule.basis.law === '信访工作条例' ? 4 : null,
      proof: {
        by: 'deadlines',
        detail: `时限服务 compute(${rule.code}, ${start}) → ${due}`,
      },
    },
    verify: () => {
      if (!item) return 'no deadline computed';
      if (result.warnings.length > 0) return `calendar warning: ${result.warnings.join('；')}`;
      if (distractors.length < 3) return 'fewer than three distractors';
      if (distractors.includes(due)) return 'a distractor is the due date';
      return null;
    },
  };
}
