import { describe, expect, it } from 'vitest';
import {
  normalizeNumerals,
  parseChineseNumber,
  parseDigitSequence,
  toChineseNumber,
} from '../src/knowledge/numerals.ts';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['三十一', 31],
    ['一百', 100],
    ['一百零二', 102],
    ['一百一十', 110],
    ['二百零三', 203],
    ['三百零六', 306],
    ['31', 31],
  ])('parses %s as %d', (text, n) => {
    expect(parseChineseNumber(text)).toBe(n);
  });

  it('rejects text that is not a numeral', () => {
    expect(parseChineseNumber('条例')).toBeNull();
    expect(parseChineseNumber('')).toBeNull();
  });

  it('round-trips every article number up to 400', () => {
    for (let n = 1; n <= 400; n++) expect(parseChineseNumber(toChineseNumber(n))).toBe(n);
    expect(toChineseNumber(102)).toBe('一百零二');
    expect(toChineseNumber(15)).toBe('十五');
    expect(toChineseNumber(110)).toBe('一百一十');
  });

  it('reads digit-by-digit years and normalizes running text', () => {
    expect(parseDigitSequence('二〇二六')).toBe(2026);
    expect(normalizeNumerals('自收到之日起六十日内，延长不超过三十日')).toBe(
      '自收到之日起60日内，延长不超过30日',
    );
    expect(normalizeNumerals('二〇二二年五月一日')).toBe('2022年5月1日');
  });
});
