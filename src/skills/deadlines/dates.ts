/**
 * Calendar dates as plain YYYY-MM-DD strings (no time zones): arithmetic and parsing of the forms officers write
 * (2026年4月20日, 2026-04-20, 2026/4/20, 2026.4.20, 二〇二六年四月二十日).
 */
import { parseChineseNumber, parseDigitSequence } from '../../knowledge/numerals.ts';

export type IsoDate = string;

export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtc(d: IsoDate): Date {
  const [y, m, day] = d.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, day ?? 1));
}

function fromUtc(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  const t = toUtc(d);
  t.setUTCDate(t.getUTCDate() + n);
  return fromUtc(t);
}

/** The corresponding day `n` months later, or the last day of that month when it has none (民法典第202条). */
export function addMonths(d: IsoDate, n: number): IsoDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const td = Math.min(day, daysInMonth(ty, tm));
  return `${ty}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

export function weekday(d: IsoDate): number {
  return toUtc(d).getUTCDay();
}

export function formatChineseDate(d: IsoDate): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

export interface FoundDate {
  date: IsoDate;
  span: [number, number];
  raw: string;
}

const CN = '[〇零一二三四五六七八九十]';
const DATE_PATTERNS: RegExp[] = [
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g,
  /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g,
  new RegExp(`(${CN}{4})年(${CN}{1,3})月(${CN}{1,3})日`, 'g'),
];

/** Every date in a text, in order of appearance; impossible dates (2月30日) are skipped. */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const re of DATE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const [raw, ys, ms, ds] = m;
      const y = /^\d+$/.test(ys ?? '') ? Number(ys) : parseDigitSequence(ys ?? '');
      const mo = parseChineseNumber(ms ?? '');
      const d = parseChineseNumber(ds ?? '');
      if (y === null || mo === null || d === null) continue;
      const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (!isValidIsoDate(iso)) continue;
      const start = m.index ?? 0;
      out.push({ date: iso, span: [start, start + raw.length], raw });
    }
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

/** Parses one date in any usual form; null when the text is not exactly one valid date. */
export function parseDate(text: string): IsoDate | null {
  const t = text.trim();
  const found = findDates(t);
  return found.length === 1 && found[0]?.raw.length === t.length ? found[0].date : null;
}
