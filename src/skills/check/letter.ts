/**
 * Reads a letter's structure: type (from its title, else its content), issuer, date, addressee, sections,
 * remedy sentences, dates and citations — all with character offsets into the original text.
 * The letter is data: nothing written in it is ever followed as an instruction.
 */
import type { LetterType } from '../../domain/letters.ts';
import { type ArticleReference, findReferences, type LawCatalog } from '../../retrieval/references.ts';
import { type FoundDate, findDates } from '../deadlines/dates.ts';

export interface Sentence {
  text: string;
  span: [number, number];
}

export interface ParsedLetter {
  text: string;
  letterType: LetterType;
  issuer: string | null;
  issuerSpan: [number, number] | null;
  issueDate: FoundDate | null;
  petitioner: string | null;
  sentences: Sentence[];
  dates: FoundDate[];
  citations: ArticleReference[];
  remedySentences: Sentence[];
  /** Text between the addressee line and the remedy/signature: the letter's substance. */
  body: string;
  bodyStart: number;
}

const TITLE_TYPES: [RegExp, LetterType][] = [
  [/复核意见书/, 'recheck_opinion'],
  [/复查意见书/, 'review_opinion'],
  [/(投诉|举报).{0,6}(处理情况|处理结果|办理情况).{0,2}告知书/, 'complaint_result_notice'],
  [/不予受理.{0,4}告知书/, 'non_acceptance_notice'],
  [/受理告知书/, 'acceptance_notice'],
  [/处理意见书|答复意见书|处理决定书/, 'handling_opinion'],
  [/告知书/, 'redirect_notice'],
];

const ORGAN_LINE =
  /^[\u4e00-\u9fff（）()]{2,40}(人民政府|局|委员会|委|厅|办公室|办|中心|署|所|院|街道办事处|信访局|公司)$/;

export function detectLetterType(text: string): LetterType {
  const head = text.slice(0, 200);
  for (const [re, type] of TITLE_TYPES) if (re.test(head)) return type;
  // No recognisable title: judge by content.
  if (/复核请求|请求复核/.test(text) && /复核意见/.test(text)) return 'recheck_opinion';
  if (/复查请求|请求复查/.test(text) && /复查意见/.test(text) && !/向.{0,20}请求复查/.test(text))
    return 'review_opinion';
  if (/不予受理|不再受理/.test(text) && !/处理意见/.test(text)) return 'non_acceptance_notice';
  return 'handling_opinion';
}

function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^。！？\n]+[。！？]?/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const start = (m.index ?? 0) + (raw.length - raw.trimStart().length);
    const t = raw.trim();
    if (t !== '') out.push({ text: t, span: [start, start + t.length] });
  }
  return out;
}

/** A sentence telling the petitioner what to do if not satisfied. */
export function isRemedySentence(s: string): boolean {
  // A conditional or a permission (如不服……可以……); not the narrative "你不服……于某日请求复查".
  const conditional = /(如|若|如果|倘若|对本.{0,10}不服的)[^。]{0,24}(不服|有异议|不满意)/.test(s);
  const permission = /(不服|有异议)/.test(s) && /(可以|可于|可在|可自|可向|有权)/.test(s);
  return (conditional || permission) && /(复查|复核|行政复议|行政诉讼|起诉|人民法院|申请|请求)/.test(s);
}

export function parseLetter(raw: string, catalog: LawCatalog): ParsedLetter {
  const text = raw.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const nonEmpty = lines.map((l, i) => ({ l: l.trim(), i })).filter((x) => x.l !== '');
  const offsets: number[] = [];
  let acc = 0;
  for (const l of lines) {
    offsets.push(acc);
    acc += l.length + 1;
  }
  const dates = findDates(text);
  // The issue date is the last line that is only a date (a copy-to line or a stamp note may follow it); the issuer
  // is the organ line just above it.
  const isDateLine = (line: string) => {
    const bare = line.replace(/[（(]?(印章|盖章)[）)]?/g, '').trim();
    const found = findDates(bare);
    return found.length === 1 && found[0]?.raw.length === bare.length ? found[0] : null;
  };
  let issueDate: FoundDate | null = null;
  let issueLine = -1;
  for (let k = nonEmpty.length - 1; k >= Math.max(0, nonEmpty.length - 8); k--) {
    const x = nonEmpty[k];
    if (x && isDateLine(x.l)) {
      issueLine = k;
      const start = (offsets[x.i] ?? 0) + (lines[x.i]?.indexOf(x.l) ?? 0);
      const d = isDateLine(x.l);
      if (d) issueDate = { ...d, span: [start + d.span[0], start + d.span[1]] };
      break;
    }
  }

  let issuer: string | null = null;
  let issuerSpan: [number, number] | null = null;
  const candidates =
    issueLine >= 0
      ? nonEmpty.slice(Math.max(0, issueLine - 3), issueLine).reverse()
      : nonEmpty.slice(-4).reverse();
  for (const x of candidates) {
    const line = x.l.replace(/[（(]?印章[）)]?|（盖章）|\(盖章\)/g, '').trim();
    if (ORGAN_LINE.test(line)) {
      issuer = line;
      const start = (offsets[x.i] ?? 0) + (lines[x.i]?.indexOf(line) ?? 0);
      issuerSpan = [start, start + line.length];
      break;
    }
  }
  if (!issuer && nonEmpty[0] && ORGAN_LINE.test(nonEmpty[0].l)) issuer = nonEmpty[0].l;

  // Addressee: a short line ending with a colon, in the first lines.
  let petitioner: string | null = null;
  let bodyStart = 0;
  for (const x of nonEmpty.slice(0, 8)) {
    const m =
      /^([^：:\n]{1,40})[：:]\s*$/.exec(x.l) ?? /^([^：:，。\n]{1,40}?(?:（[^）]*）)?)[：:]/.exec(x.l);
    if (
      m &&
      !/(信访请求|投诉请求|事实|理由|处理意见|复查请求|复核请求|一、|二、|三、|文号|编号|发文|抄送|主送|附件|日期|时间|地址|电话|签发)/.test(
        (m[1] ?? '').replace(/[（(].*[）)]/, ''),
      )
    ) {
      petitioner = (m[1] ?? '').replace(/[（(].*[）)]/, '').trim() || null;
      bodyStart = (offsets[x.i] ?? 0) + x.l.length;
      break;
    }
  }
  const labelled = /信访人[：:]\s*([^\s，。；]{1,20})/.exec(text);
  if (!petitioner && labelled?.[1]) petitioner = labelled[1];

  const sentences = splitSentences(text);
  const remedySentences = sentences.filter((s) => s.span[0] >= bodyStart && isRemedySentence(s.text));
  const bodyEnd = issuerSpan ? issuerSpan[0] : text.length;
  return {
    text,
    letterType: detectLetterType(text),
    issuer,
    issuerSpan,
    issueDate,
    petitioner,
    sentences,
    dates,
    citations: findReferences(text, catalog),
    remedySentences,
    body: text.slice(bodyStart, bodyEnd),
    bodyStart,
  };
}
