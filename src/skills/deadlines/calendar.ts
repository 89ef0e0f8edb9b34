/**
 * Working-day calendar: China's official public holidays and make-up working days (调休) from the maintained
 * `chinese-days` package. Knows which years its data covers, so callers can warn instead of guessing.
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { type IsoDate, weekday } from './dates.ts';

export interface WorkCalendar {
  /** A day people work: a weekday that is not a public holiday, or a make-up working day. */
  isWorkday(d: IsoDate): boolean;
  /** Name of the holiday or make-up day, for explanations. */
  describe(d: IsoDate): string | null;
  /** Whether the calendar has official data for that year. */
  covers(year: number): boolean;
  readonly coveredYears: { from: number; to: number };
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function holidayName(entry: string): string {
  // Entries look like "National Day,国庆节,3".
  return entry.split(',')[1] ?? entry;
}

export class OfficialCalendar implements WorkCalendar {
  readonly coveredYears: { from: number; to: number };
  private readonly years: Set<number>;

  constructor(private readonly source: ChineseDaysData = data as ChineseDaysData) {
    this.years = new Set(Object.keys(source.holidays).map((d) => Number(d.slice(0, 4))));
    this.coveredYears = { from: Math.min(...this.years), to: Math.max(...this.years) };
  }

  isWorkday(d: IsoDate): boolean {
    if (d in this.source.workdays) return true;
    if (d in this.source.holidays) return false;
    const w = weekday(d);
    return w !== 0 && w !== 6;
  }

  describe(d: IsoDate): string | null {
    const h = this.source.holidays[d];
    if (h) return `${holidayName(h)}假期`;
    const w = this.source.workdays[d];
    if (w) return `${holidayName(w)}调休上班日`;
    const wd = weekday(d);
    return wd === 0 || wd === 6 ? '周末' : null;
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }
}
