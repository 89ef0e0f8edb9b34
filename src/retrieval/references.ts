/**
 * Article references in free text: 第三十一条 / 第31条 / 条例31条 / 三十一条第六项 / 《行政复议法》第二十条 /
 * 第三十六条第三款. Used for direct lookup before any ranking, and by the citation checkers.
 */
import { CN_NUMERAL_CHARS, parseChineseNumber } from '../knowledge/numerals.ts';

export interface LawCatalog {
  /**
   * Law short name by every name, title and alias it is known by. `bracketed` is true for a name written in
   * 《》: then a superseded law's exact name means that law (《信访条例》 = the 2005 text), while in running
   * text officers say 信访条例 for the current regulation.
   */
  resolve(name: string, bracketed: boolean): string | null;
  /** All names and aliases, longest first (for scanning text). */
  names(): string[];
  defaultLaw: string;
}

export interface ArticleReference {
  law: string;
  /** True when the text named the law; false when the default law (信访工作条例) was assumed. */
  lawNamed: boolean;
  article: number;
  sub: number;
  paragraph: number | null;
  item: number | null;
  /** [start, end) in the text. */
  span: [number, number];
  raw: string;
}

const NUM = `[${CN_NUMERAL_CHARS}\\d]+`;
const REF = new RegExp(
  `(《[^》]{2,40}》)?(第)?[ \u3000]?(${NUM})[ \u3000]?条(?:之(${NUM}))?(?:[ \u3000]?第(${NUM})款)?(?:[ \u3000]?第?[（(]?(${NUM})[）)]?项)?`,
  'g',
);

/** Same-length normalisation: full-width digits, traditional 條/項 (第４４条, 第49條). */
function normalizeRefText(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/條/g, '条')
    .replace(/項/g, '项');
}

/** Finds the law named right before position `end` in text (《…》 or a known name/alias). */
function lawBefore(text: string, end: number, catalog: LawCatalog): { law: string | null; start: number } {
  const before = text.slice(Math.max(0, end - 40), end);
  for (const name of catalog.names()) {
    if (before.endsWith(name)) {
      return { law: catalog.resolve(name, false), start: end - name.length };
    }
  }
  return { law: null, start: end };
}

export function findReferences(raw: string, catalog: LawCatalog): ArticleReference[] {
  const out: ArticleReference[] = [];
  const text = normalizeRefText(raw);
  for (const m of text.matchAll(REF)) {
    const [whole, bracketed, di, numText, subText, paraText, itemText] = m;
    const article = parseChineseNumber(numText ?? '');
    if (article === null || article <= 0 || article > 2000) continue;
    let start = m.index ?? 0;
    let law: string | null = null;
    if (bracketed) {
      const name = bracketed.slice(1, -1);
      law = catalog.resolve(name, true);
      if (law === null) continue; // a law we do not know: never guess
    } else {
      const found = lawBefore(text, start, catalog);
      law = found.law;
      start = found.start;
      // 该法第八十六条, 同法, 上述条例: the law named last before it, or nothing (never the default law).
      const anaphora =
        law === null ? /(该|同|上述|前述)(法律|法|条例|规定|办法|解释)$/.exec(text.slice(0, start)) : null;
      if (anaphora) {
        const named = [...out].reverse().find((r) => r.lawNamed);
        if (!named) continue;
        law = named.law;
        start -= anaphora[0].length;
      }
    }
    // Without 第 and without a law name, require a multi-character numeral: "一条" in prose is not a reference.
    if (!di && law === null && (numText ?? '').length < 2) continue;
    out.push({
      law: law ?? catalog.defaultLaw,
      lawNamed: law !== null,
      article,
      sub: subText ? (parseChineseNumber(subText) ?? 0) : 0,
      paragraph: paraText ? parseChineseNumber(paraText) : null,
      item: itemText ? parseChineseNumber(itemText) : null,
      span: [start, (m.index ?? 0) + whole.length],
      raw: raw.slice(start, (m.index ?? 0) + whole.length),
    });
  }
  // 本条例第二十条、第二十六条: a reference without a law right after one with a law inherits it.
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1];
    const cur = out[i];
    if (
      prev &&
      cur &&
      !cur.lawNamed &&
      prev.lawNamed &&
      /^[、和及与或，,至到\s]*$/.test(text.slice(prev.span[1], cur.span[0]))
    ) {
      cur.law = prev.law;
      cur.lawNamed = true;
    }
  }
  return out;
}

/** True when the query is essentially only references (e.g. "第十九条", "条例31条是什么"). */
export function isPureReference(text: string, refs: ArticleReference[]): boolean {
  let rest = text;
  for (const r of refs) rest = rest.replace(r.raw, '');
  return (
    rest.replace(
      /[\s，。？?！!、：:；;]|是什么|讲的|说的|规定|内容|什么|的|了|吗|呢|看看|查|查询|原文|全文/g,
      '',
    ).length <= 2
  );
}
