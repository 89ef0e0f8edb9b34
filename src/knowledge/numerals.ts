/** Chinese numerals ↔ integers, as used in article labels (第一百零二条) and in statute text (六十日, 二〇二六). */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CN_NUMERAL_CHARS = '零〇一二三四五六七八九十百千两';

/** Parse a Chinese numeral (一百零二, 十五, 二十) or Arabic digits; returns null when it is neither. */
export function parseChineseNumber(s: string): number | null {
  const text = s.trim();
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10);
  if (text === '' || [...text].some((c) => !(c in DIGITS) && !(c in UNITS))) return null;
  let total = 0;
  let current = 0;
  for (const c of text) {
    const unit = UNITS[c];
    if (unit !== undefined) {
      total += (current === 0 ? 1 : current) * unit;
      current = 0;
    } else {
      current = DIGITS[c] ?? 0;
    }
  }
  return total + current;
}

/** Year-style numerals written digit by digit: 二〇二六 → 2026. */
export function parseDigitSequence(s: string): number | null {
  if (!/^[零〇一二三四五六七八九]+$/.test(s)) return null;
  return Number.parseInt([...s].map((c) => String(DIGITS[c] ?? 0)).join(''), 10);
}

export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`unsupported number ${n}`);
  if (n === 0) return '零';
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  const parts: string[] = [];
  const units = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ] as const;
  let rest = n;
  let pendingZero = false;
  for (const [value, name] of units) {
    const q = Math.floor(rest / value);
    rest %= value;
    if (q > 0) {
      if (pendingZero) parts.push('零');
      // 十五 rather than 一十五 when the number starts with the tens.
      if (!(value === 10 && q === 1 && parts.length === 0)) parts.push(d[q] as string);
      parts.push(name);
      pendingZero = false;
    } else if (parts.length > 0) {
      pendingZero = true;
    }
  }
  if (rest > 0) {
    if (pendingZero) parts.push('零');
    parts.push(d[rest] as string);
  }
  return parts.join('');
}

/** Replace every Chinese numeral run in a text with Arabic digits (六十日 → 60日), for comparing numbers. */
export function normalizeNumerals(text: string): string {
  return text.replace(/[零〇一二三四五六七八九十百千两]+/g, (run) => {
    const seq = parseDigitSequence(run);
    if (seq !== null && run.length >= 3) return String(seq);
    const n = parseChineseNumber(run);
    return n === null ? run : String(n);
  });
}
