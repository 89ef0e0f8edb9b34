/**
 * Statutory deadline calculator (时限). Rules come from knowledge/deadlines.json; counting follows 民法典
 * 第二百零一条至第二百零三条: the start day is excluded, month/year periods end on the corresponding day (or the
 * month's last day), a last day on a holiday or rest day moves to the next working day. Working days come from
 * the official calendar; a date outside its data is warned about, never guessed silently.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  DeadlineCode,
  DeadlineEvent,
  type DeadlineItem,
  type DeadlineResult,
} from '../../domain/deadlines.ts';
import { AppError } from '../../errors.ts';
import type { DeadlineRule, DeadlineRules } from '../../knowledge/schema.ts';
import type { WorkCalendar } from './calendar.ts';
import { addDays, addMonths, formatChineseDate, type IsoDate, isValidIsoDate } from './dates.ts';

export interface ComputedDeadline extends DeadlineItem {
  party: 'authority' | 'petitioner';
  from: IsoDate;
  note?: string;
}

const UNIT_TEXT: Record<DeadlineRule['unit'], string> = {
  day: '日',
  workday: '个工作日',
  month: '个月',
  year: '年',
};

/** 复议、诉讼期间 follow 民事诉讼法第八十五条 (行政复议法第八十八条、行政诉讼法第一百零一条). */
const POSTAL = '期间不包括在途时间，申请书或者起诉状在期满前交邮的，不算过期（民事诉讼法第八十五条）。';

export class DeadlineService {
  private readonly byCode: Map<string, DeadlineRule>;
  private key: string | undefined;

  constructor(
    private readonly rules: DeadlineRules,
    private readonly calendar: WorkCalendar,
  ) {
    this.byCode = new Map(rules.limits.map((r) => [r.code, r]));
    for (const r of rules.limits) DeadlineCode.parse(r.code);
  }

  /**
   * Names the rules and calendar results are computed under: results stored under another key may be stale. A
   * calendar without a fingerprint gets one per process, so its stored results are recomputed by the next process.
   */
  get fingerprint(): string {
    this.key ??= createHash('sha1')
      .update(JSON.stringify(this.rules))
      .update(this.calendar.fingerprint ?? randomUUID())
      .digest('hex')
      .slice(0, 16);
    return this.key;
  }

  eventName(event: string): string {
    return this.rules.events[event] ?? event;
  }

  rule(code: string): DeadlineRule {
    const parsed = DeadlineCode.safeParse(code);
    const r = parsed.success ? this.byCode.get(parsed.data) : undefined;
    if (!r) {
      throw new AppError(
        'input_invalid',
        `未知的时限代码“${code}”。可用代码：${[...this.byCode.keys()].join('、')}。`,
      );
    }
    return r;
  }

  /** One limit from its starting date; `amount` shortens a maximum (e.g. an extension of 15 of the 30 days). */
  compute(code: string, from: string, amount?: number): DeadlineResult & { items: ComputedDeadline[] } {
    const start = checkDate(from);
    const warnings: string[] = [];
    const r = this.rule(code);
    if (amount !== undefined && (!Number.isInteger(amount) || amount < 1 || amount > r.amount)) {
      throw new AppError(
        'input_invalid',
        `“${r.what}”的期限为${r.amount}${UNIT_TEXT[r.unit]}，不能按${amount}计算。`,
      );
    }
    const item = this.computeRule(amount === undefined ? r : { ...r, amount }, start, warnings);
    return { items: [item], warnings: dedupe(warnings) };
  }

  /** Every limit an event starts (deadlines.md events). */
  computeEvent(event: string, from: string): DeadlineResult & { items: ComputedDeadline[] } {
    const ev = DeadlineEvent.safeParse(event);
    if (!ev.success) {
      throw new AppError(
        'input_invalid',
        `未知的事件“${event}”。可用事件：${DeadlineEvent.options.join('、')}。`,
      );
    }
    const start = checkDate(from);
    const warnings: string[] = [];
    const items: ComputedDeadline[] = [];
    for (const r of this.rules.limits.filter((l) => l.event === ev.data)) {
      items.push(this.computeRule(r, start, warnings, items));
    }
    return { items, warnings: dedupe(warnings) };
  }

  private computeRule(
    r: DeadlineRule,
    start: IsoDate,
    warnings: string[],
    earlier: ComputedDeadline[] = [],
  ): ComputedDeadline {
    // handle_extended runs from the expiry of the original 60-day period.
    let base = start;
    let baseText = `${r.from}（${formatChineseDate(start)}）`;
    if (r.after) {
      const prior =
        earlier.find((e) => e.code === r.after) ?? this.computeRule(this.rule(r.after), start, warnings);
      base = prior.due;
      baseText = `原期限届满之日（${formatChineseDate(base)}）`;
    }
    const { due, steps } = this.dueDate(r, base, warnings);
    const rule = [
      `自${baseText}的次日起算${r.amount}${UNIT_TEXT[r.unit]}`,
      ...steps,
      `届满日为${formatChineseDate(due)}`,
    ].join('，');
    const item: ComputedDeadline = {
      code: DeadlineCode.parse(r.code),
      what: r.what,
      due,
      basis: r.basis,
      rule: `${rule}。${r.unit === 'workday' ? '（按工作日计算，不含法定节假日和休息日，调休上班日计入）' : '（民法典第二百零一条至第二百零三条）'}${r.postal ? POSTAL : ''}`,
      party: r.party,
      from: start,
    };
    if (r.note) item.note = r.note;
    return item;
  }

  private dueDate(r: DeadlineRule, start: IsoDate, warnings: string[]): { due: IsoDate; steps: string[] } {
    const steps: string[] = [];
    let raw: IsoDate;
    if (r.unit === 'workday') {
      let d = start;
      let counted = 0;
      while (counted < r.amount) {
        d = addDays(d, 1);
        this.checkCoverage(d, warnings);
        if (this.calendar.isWorkday(d)) counted++;
      }
      return { due: d, steps };
    }
    if (r.unit === 'day') raw = addDays(start, r.amount);
    else {
      raw = addMonths(start, r.unit === 'month' ? r.amount : r.amount * 12);
      const [, , sd] = start.split('-');
      const [, , rd] = raw.split('-');
      if (sd !== rd) steps.push(`到期月没有对应日，以该月末日（${formatChineseDate(raw)}）为最后一日`);
    }
    let due = raw;
    this.checkCoverage(due, warnings);
    while (!this.calendar.isWorkday(due)) {
      due = addDays(due, 1);
      this.checkCoverage(due, warnings);
    }
    if (due !== raw) {
      steps.push(
        `期间最后一日${formatChineseDate(raw)}为${this.calendar.describe(raw) ?? '休息日'}，顺延至其后第一个工作日`,
      );
    }
    return { due, steps };
  }

  private checkCoverage(d: IsoDate, warnings: string[]): void {
    const year = Number(d.slice(0, 4));
    if (!this.calendar.covers(year)) {
      const { from, to } = this.calendar.coveredYears;
      warnings.push(
        `节假日数据只覆盖${from}—${to}年，${year}年的放假调休安排尚未收录：已按《全国年节及纪念日放假办法》计入该年法定节假日（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节）和周末，但调休安排未知；届满日临近节假日的，请对照国务院办公厅公布的放假安排复核，或提供当年放假安排文件（XINFANG_HOLIDAYS_FILE）。`,
      );
    }
  }
}

function checkDate(s: string): IsoDate {
  if (!isValidIsoDate(s))
    throw new AppError('input_invalid', `日期“${s}”无效，应为 YYYY-MM-DD 格式的真实日期，例如 2026-03-05。`);
  return s;
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}
