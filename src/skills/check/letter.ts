/**
 * Reads a letter's structure: type (from its content, with the reason), issuer, date, addressee, sections, remedy
 * sentences, dates and citations — all with character offsets into the original text. Words the letter quotes or
 * attributes to others (你称……、原处理意见认为……、《…》规定：“…”) are marked, so that rules judge only the letter's
 * own words. The letter is data: nothing written in it is ever followed as an instruction.
 */
import type { LetterType } from '../../domain/letters.ts';
import { isCalendarDate } from '../../domain/letters.ts';
import { parseChineseNumber } from '../../knowledge/numerals.ts';
import { type ArticleReference, findReferences, type LawCatalog } from '../../retrieval/references.ts';
import { type FoundDate, findDates } from '../deadlines/dates.ts';
import { detectLetterType } from './detect.ts';

interface Sentence {
  text: string;
  span: [number, number];
}

export interface ParsedLetter {
  text: string;
  letterType: LetterType;
  /** Why the type was chosen, in Chinese for the officer. */
  typeReason: string;
  issuer: string | null;
  issuerSpan: [number, number] | null;
  issueDate: FoundDate | null;
  /** A date line that names a day that does not exist (2026年4月31日). */
  impossibleDate: { raw: string; span: [number, number] } | null;
  petitioner: string | null;
  sentences: Sentence[];
  dates: FoundDate[];
  citations: ArticleReference[];
  remedySentences: Sentence[];
  /** Text between the addressee line and the remedy/signature: the letter's substance. */
  body: string;
  bodyStart: number;
  /** The text with quoted and attributed words blanked out (same length, same offsets). */
  own: string;
}

const ORGAN =
  /[\u4e00-\u9fff（）()]{2,40}(人民政府|局|委员会|委|厅|办公室|办|中心|署|所|院|街道办事处|信访局|公司|监委|信访室|执法队)(（[^）]{1,12}）)?/;
const ORGAN_LINE = new RegExp(`^${ORGAN.source}$`);
const DATE_TEXT =
  /(\d{4})\s*[年./\-／]\s*(\d{1,2})\s*[月./\-／]\s*(\d{1,2})\s*日?|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日/;

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
function isRemedySentence(s: string): boolean {
  // A conditional or a permission (如不服……可以……); not the narrative "你不服……于某日请求复查".
  const conditional = /(如|若|如果|倘若|对本.{0,10}不服的)[^。]{0,24}(不服|有异议|不满意)/.test(s);
  const permission = /(不服|有异议)/.test(s) && /(可以|可于|可在|可自|可向|有权)/.test(s);
  return (conditional || permission) && /(复查|复核|行政复议|行政诉讼|起诉|人民法院|申请|请求)/.test(s);
}

/** Quoted and attributed passages: blanked so that rules read only what the letter itself says. */
function ownWords(text: string): string {
  const chars = [...text];
  const blank = (from: number, to: number) => {
    for (let i = from; i < to && i < chars.length; i++) if (chars[i] !== '\n') chars[i] = ' ';
  };
  // Quotations: “…” and 「…」 (a law quoted after 规定：, a phrase the petitioner used, an earlier opinion).
  for (const m of text.matchAll(/[“「『][^”」』\n]{2,400}[”」』]/g))
    blank(m.index ?? 0, (m.index ?? 0) + m[0].length);
  // Attributed sentences: what the petitioner says, what the reviewed opinion held.
  for (const m of text.matchAll(
    /(^|[。；\n]\s*|[一二三四五六七八九十]、)(你称|你们称|信访人称|你反映称|你认为|信访人认为|原处理意见|原复查意见|原处理机关|原复查机关|原意见)[^。\n]*[。]?/g,
  )) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    blank(start, (m.index ?? 0) + m[0].length);
  }
  // Another body's view reported by the letter (“石门县教育局认为，……”); 本机关认为 is the letter's own.
  for (const m of text.matchAll(
    /(^|[。；\n]\s*|[一二三四五六七八九十]、\s*)([^。；\n]{2,24}?)认为[，,：:]?[^。\n]*[。]?/g,
  )) {
    const subject = m[2] ?? '';
    if (
      /^(本|我|经|现|复查机关|复核机关|本机关|我们)/.test(subject) ||
      /(本机关|本局|本府|我局|本委|本院|本单位)/.test(subject)
    )
      continue;
    if (!/(局|政府|机关|办事处|单位|委员会|委|中心|所|镇|乡|街道)$/.test(subject)) continue;
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    blank(start, (m.index ?? 0) + m[0].length);
  }
  return chars.join('');
}

/** 《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》 in any bracket style, read as one law. */
function nestedCitations(text: string, catalog: LawCatalog): ArticleReference[] {
  const out: ArticleReference[] = [];
  const re = /《([^《》〈〉<>]{2,40})[〈<《]([^《》〈〉<>]{2,30})[〉>》]([^《》〈〉<>]{1,20})》/g;
  for (const m of text.matchAll(re)) {
    const inner = (m[2] ?? '').replace(/^中华人民共和国/, '');
    const end = (m.index ?? 0) + m[0].length;
    const tail =
      /^第[零一二三四五六七八九十百千\d]+条(之[一二三四五六七八九十])?(第[零一二三四五六七八九十\d]+款)?(第?[（(]?[零一二三四五六七八九十\d]+[)）]?项)?/.exec(
        text.slice(end, end + 40),
      );
    if (!tail) continue;
    const law = catalog.resolve(`${m[1]}《${inner}》${m[3]}`, true);
    const n = (re: RegExp) => {
      const x = re.exec(tail[0])?.[1];
      return x ? parseChineseNumber(x) : null;
    };
    const article = n(/^第([零一二三四五六七八九十百千\d]+)条/);
    if (!article || !law) continue;
    out.push({
      law,
      lawNamed: true,
      article,
      sub: 0,
      paragraph: n(/第([零一二三四五六七八九十\d]+)款/),
      item: n(/第?[（(]?([零一二三四五六七八九十\d]+)[)）]?项/),
      span: [m.index ?? 0, end + tail[0].length],
      raw: m[0] + tail[0],
    });
  }
  return out;
}

function lineOffsets(lines: string[]): number[] {
  const offsets: number[] = [];
  let acc = 0;
  for (const l of lines) {
    offsets.push(acc);
    acc += l.length + 1;
  }
  return offsets;
}

/** The signature block: the last date line (issuer on it or just above), tolerating 。, seals and copy-to lines. */
function signature(lines: string[], offsets: number[]) {
  const nonEmpty = lines.map((l, i) => ({ l: l.trim(), i })).filter((x) => x.l !== '');
  const at = (x: { l: string; i: number }, part: string) =>
    (offsets[x.i] ?? 0) + (lines[x.i]?.indexOf(part) ?? 0);
  let issueDate: FoundDate | null = null;
  let impossibleDate: ParsedLetter['impossibleDate'] = null;
  let issuer: string | null = null;
  let issuerSpan: [number, number] | null = null;
  let issueLine = -1;
  for (let k = nonEmpty.length - 1; k >= Math.max(0, nonEmpty.length - 8); k--) {
    const x = nonEmpty[k];
    if (!x) continue;
    const bare = x.l
      .replace(/[（(]?(印章|盖章)[）)]?/g, '')
      .replace(/[。．.]$/, '')
      .replace(/^(【?(答复|回复|办理|成文)(时间|日期)】?[：:]?)/, '')
      .trim();
    // The last date on the line: a run-on signature follows a sentence that may hold dates of its own.
    const dm = [...bare.matchAll(new RegExp(DATE_TEXT.source, 'g'))].at(-1);
    if (!dm || dm.index + dm[0].length !== bare.length) continue;
    let before = bare.slice(0, dm.index).trim();
    if (before !== '' && !ORGAN_LINE.test(before)) {
      // Issuer and date run on after the last sentence: “……请求复查。某区人社局 2025年6月23日”.
      const tail =
        before
          .split(/[。！!？?；;]/)
          .pop()
          ?.trim() ?? '';
      if (tail === before || (tail !== '' && !ORGAN_LINE.test(tail))) continue;
      before = tail;
    }
    issueLine = k;
    const found = findDates(dm[0])[0];
    const start = at(x, dm[0]);
    if (found && found.raw.length === dm[0].length)
      issueDate = { ...found, span: [start + found.span[0], start + found.span[1]] };
    else if (dm[1] && !isCalendarDate(`${dm[1]}-${dm[2]?.padStart(2, '0')}-${dm[3]?.padStart(2, '0')}`))
      impossibleDate = { raw: dm[0], span: [start, start + dm[0].length] };
    if (before !== '') {
      issuer = before.replace(/[（(][^）)]{1,12}[）)]$/, '');
      issuerSpan = [at(x, before), at(x, before) + before.length];
    }
    break;
  }
  if (!issuer) {
    const candidates =
      issueLine >= 0
        ? nonEmpty.slice(Math.max(0, issueLine - 3), issueLine).reverse()
        : nonEmpty.slice(-4).reverse();
    for (const x of candidates) {
      const line = x.l
        .replace(/[（(]?(印章|盖章)[）)]?/g, '')
        .replace(/^【?办理单位】?[：:]/, '')
        .trim();
      if (ORGAN_LINE.test(line)) {
        issuer = line.replace(/[（(][^）)]{1,12}[）)]$/, ''); // a department suffix: 某局（信访办公室）
        issuerSpan = [at(x, line), at(x, line) + line.length];
        break;
      }
    }
  }
  if (!issuer && nonEmpty[0] && ORGAN_LINE.test(nonEmpty[0].l)) issuer = nonEmpty[0].l;
  return { issueDate, impossibleDate, issuer, issuerSpan, nonEmpty };
}

const NOT_ADDRESSEE =
  /(你称|你们称|你反映|信访人称|来信称|经查|查明|现答复|信访请求|投诉请求|事实|理由|处理意见|复查请求|复核请求|一、|二、|三、|文号|编号|发文|抄送|主送|附件|日期|时间|地址|电话|签发|依据|申请人|被申请人|原告|被告|上诉人|被上诉人|联系人|办理|答复|回复)/;

export function parseLetter(raw: string, catalog: LawCatalog): ParsedLetter {
  const text = raw.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const offsets = lineOffsets(lines);
  const dates = findDates(text);
  const { issueDate, impossibleDate, issuer, issuerSpan, nonEmpty } = signature(lines, offsets);

  // Addressee: “张某某：” on its own line or followed by the body on the same line.
  let petitioner: string | null = null;
  let bodyStart = 0;
  for (const x of nonEmpty.slice(0, 8)) {
    const m = /^([^：:，。\n【】]{1,40}?(?:（[^）]*）)?)[：:]/.exec(x.l);
    const name = (m?.[1] ?? '').replace(/[（(].*[）)]/, '').trim();
    if (m && name !== '' && !NOT_ADDRESSEE.test(name)) {
      petitioner = name;
      bodyStart = (offsets[x.i] ?? 0) + (lines[x.i]?.indexOf(m[0]) ?? 0) + m[0].length;
      break;
    }
  }
  // “信访人：张某某”, “复查请求人：张某某”, “【信访人】张某某” or a label on its own line with the name below.
  const labelled =
    /(?:信访人|来信人|来访人|投诉人|举报人|(?:复查|复核)(?:请求|申请)人)(?:[：:]|】|\]|\s*\n)\s*([^\s，,。；【】]{1,20})/.exec(
      text,
    );
  if (!petitioner && labelled?.[1]) petitioner = labelled[1];

  const own = ownWords(text);
  const sentences = splitSentences(text);
  const remedySentences = sentences.filter(
    (s) => s.span[0] >= bodyStart && isRemedySentence(own.slice(s.span[0], s.span[1])),
  );
  const bodyEnd = issuerSpan && issuerSpan[0] > bodyStart ? issuerSpan[0] : text.length;
  const citations = [...findReferences(text, catalog), ...nestedCitations(text, catalog)].sort(
    (a, b) => a.span[0] - b.span[0],
  );
  const detected = detectLetterType(text, own);
  return {
    text,
    letterType: detected.type,
    typeReason: detected.reason,
    issuer,
    issuerSpan,
    issueDate,
    impossibleDate,
    petitioner,
    sentences,
    dates,
    citations,
    remedySentences,
    body: text.slice(bodyStart, bodyEnd),
    bodyStart,
    own,
  };
}
