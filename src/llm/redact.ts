/**
 * Redaction before any text leaves the machine: 18-digit ID numbers, mobile and landline numbers, bank card
 * numbers (16–19 digits) and personal names the officer marked (【张三】) or that follow 信访人/姓名 labels.
 */
import { ID_NUMBER as ID, MOBILE } from '../domain/pii.ts';

export type RedactionKind = 'id' | 'phone' | 'bank' | 'name';
const ALL_REDACTIONS: RedactionKind[] = ['id', 'phone', 'bank', 'name'];

const LANDLINE = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g;
const CARD = /(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)/g;
const MARKED = /【([^【】]{1,10})】/g;
const LABELLED =
  /((?:信访人|来访人|来信人|举报人|检举人|当事人|姓名)[：:]\s*)([\u4e00-\u9fff]{2,4})(?=[，,。；;\s（(、"”']|$)/g;

export function redact(
  text: string,
  kinds: RedactionKind[] = ALL_REDACTIONS,
): { text: string; count: number } {
  let count = 0;
  let out = text;
  const sub = (re: RegExp, fn: (m: string, ...g: string[]) => string) => {
    out = out.replace(re, (...args) => {
      const r = fn(...(args as [string, ...string[]]));
      if (r !== args[0]) count++;
      return r;
    });
  };
  if (kinds.includes('id')) sub(ID, () => '[身份证号]');
  // Any 16–19 digit run after ID numbers are gone: a card number that fails Luhn (a typo) is still personal.
  if (kinds.includes('bank')) sub(CARD, () => '[银行卡号]');
  if (kinds.includes('phone')) {
    sub(MOBILE, () => '[电话]');
    sub(LANDLINE, () => '[电话]');
  }
  if (kinds.includes('name')) {
    sub(MARKED, () => '[姓名]');
    sub(LABELLED, (_m, label) => `${label}[姓名]`);
  }
  return { text: out, count };
}
