/**
 * Working-day calendar: China's official public holidays and make-up working days (调休) from the maintained
 * `chinese-days` package, plus arrangements an agency supplies for years the package does not cover yet. For a
 * year with neither, the statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision) are computed — the lunar
 * ones from the package's lunar calendar — and treated as rest days; the year's 调休 stays unknown and callers warn.
 */
import { createHash } from 'node:crypto';
import chineseDays from 'chinese-days';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { HolidayArrangement } from '../../domain/deadlines.ts';
import { addDays, type IsoDate, weekday } from './dates.ts';

export interface WorkCalendar {
  /** A day people work: a weekday that is not a public holiday, or a make-up working day. */
  isWorkday(d: IsoDate): boolean;
  /** Name of the holiday or make-up day, for explanations. */
  describe(d: IsoDate): string | null;
  /** Whether the calendar has the official arrangement (holidays and 调休) for that year. */
  covers(year: number): boolean;
  readonly coveredYears: { from: number; to: number };
  /** Changes whenever any day's status could change (stored results computed under another key are stale). */
  readonly fingerprint?: string;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function holidayName(entry: string): string {
  // Entries look like "National Day,国庆节,3".
  return entry.split(',')[1] ?? entry;
}

const lunar = chineseDays as unknown as {
  getSolarDateFromLunar(lunarDate: string): { date: string };
  getSolarTermDate(year: number, month: number, term: 'pure_brightness'): string;
};

/** Names the rule below; change it when the rule changes, so limits stored under the old one are recomputed. */
const STATUTORY_RULE = 'statutory-2024';

/** Statutory holidays of a year by the 2024 rule (元旦1、春节4、清明1、劳动节2、端午1、中秋1、国庆3). */
export function statutoryHolidays(year: number): Map<IsoDate, string> {
  const out = new Map<IsoDate, string>();
  const put = (d: IsoDate, name: string, days = 1) => {
    for (let i = 0; i < days; i++) out.set(addDays(d, i), name);
  };
  put(`${year}-01-01`, '元旦');
  // 春节: 农历除夕至正月初三. The lunar new year that falls in this Gregorian year.
  const springFestival = lunar.getSolarDateFromLunar(`${year}-01-01`).date;
  put(addDays(springFestival, -1), '春节', 4);
  put(lunar.getSolarTermDate(year, 4, 'pure_brightness'), '清明节');
  put(`${year}-05-01`, '劳动节', 2);
  put(lunar.getSolarDateFromLunar(`${year}-05-05`).date, '端午节');
  put(lunar.getSolarDateFromLunar(`${year}-08-15`).date, '中秋节');
  put(`${year}-10-01`, '国庆节', 3);
  return out;
}

export class OfficialCalendar implements WorkCalendar {
  readonly coveredYears: { from: number; to: number };
  private readonly years: Set<number>;
  private readonly holidays: Record<string, string>;
  private readonly workdays: Record<string, string>;
  private readonly computed = new Map<number, Map<IsoDate, string>>();
  private key: string | undefined;

  constructor(source: ChineseDaysData = data as ChineseDaysData, supplied: HolidayArrangement[] = []) {
    this.holidays = { ...source.holidays };
    this.workdays = { ...source.workdays };
    this.years = new Set(Object.keys(source.holidays).map((d) => Number(d.slice(0, 4))));
    for (const a of supplied) {
      // An agency's arrangement replaces whatever was known of that year.
      for (const table of [this.holidays, this.workdays])
        for (const d of Object.keys(table)) if (Number(d.slice(0, 4)) === a.year) delete table[d];
      Object.assign(this.holidays, a.holidays);
      Object.assign(this.workdays, a.workdays);
      this.years.add(a.year);
    }
    this.coveredYears = { from: Math.min(...this.years), to: Math.max(...this.years) };
  }

  isWorkday(d: IsoDate): boolean {
    if (d in this.workdays) return true;
    if (d in this.holidays) return false;
    if (this.estimatedHoliday(d)) return false;
    const w = weekday(d);
    return w !== 0 && w !== 6;
  }

  describe(d: IsoDate): string | null {
    const h = this.holidays[d];
    if (h) return `${holidayName(h)}假期`;
    const w = this.workdays[d];
    if (w) return `${holidayName(w)}调休上班日`;
    const e = this.estimatedHoliday(d);
    if (e) return `${e}（法定节假日，当年调休安排未公布）`;
    const wd = weekday(d);
    return wd === 0 || wd === 6 ? '周末' : null;
  }

  get fingerprint(): string {
    this.key ??= createHash('sha1')
      .update(JSON.stringify([STATUTORY_RULE, this.holidays, this.workdays]))
      .digest('hex')
      .slice(0, 16);
    return this.key;
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  private estimatedHoliday(d: IsoDate): string | undefined {
    const year = Number(d.slice(0, 4));
    if (this.years.has(year)) return undefined;
    let table = this.computed.get(year);
    if (!table) {
      table = statutoryHolidays(year);
      this.computed.set(year, table);
    }
    return table.get(d);
  }
}
