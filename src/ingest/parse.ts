/**
 * Statute parser: official text (Markdown or plain text) → law title, version and articles with their
 * 章/节 path, 款 (paragraphs) and 项 (items). Handles Chinese numerals and 条之一.
 */
import { CN_NUMERAL_CHARS, parseChineseNumber } from '../knowledge/numerals.ts';

interface ParsedParagraph {
  text: string;
  items: string[];
}

interface ParsedArticle {
  article: number;
  sub: number;
  label: string;
  chapter: string | null;
  section: string | null;
  paragraphs: ParsedParagraph[];
  body: string;
}

export interface ParsedLaw {
  title: string;
  law: string;
  version: string | null;
  articles: ParsedArticle[];
}

const N = `[${CN_NUMERAL_CHARS}\\d]+`;
const CHAPTER = new RegExp(`^#*\\s*(第${N}[编章])[\\s　]*(.*)$`);
const SECTION = new RegExp(`^#*\\s*(第${N}节)[\\s　]*(.*)$`);
const ARTICLE = new RegExp(`^(第(${N})条(?:之(${N}))?)(?:[\\s　]+(.*))?$`);
const ITEM = new RegExp(`^[（(](${N})[）)]`);

/** Short law name as used in contracts: no 中华人民共和国, no 《》 around the whole title. */
export function shortLawName(title: string): string {
  return title
    .replace(/^《(.*)》$/, '$1')
    .replaceAll('中华人民共和国', '')
    .replace(/[（(]\d{4}[^）)]*[）)]$/, '')
    .trim();
}

/** Version: a year in the file name such as 行政复议法(2023).md wins; else the latest year in the header. */
export function detectVersion(fileName: string | null, header: string): string | null {
  const fromName = fileName?.match(/[（(](\d{4})[）)]/);
  if (fromName?.[1]) return fromName[1];
  const years = [...header.matchAll(/(\d{4})年/g)].map((m) => Number.parseInt(m[1] ?? '0', 10));
  return years.length > 0 ? String(Math.max(...years)) : null;
}

export function parseStatute(text: string, fileName: string | null = null): ParsedLaw {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let title = '';
  let i = 0;
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    title = line.replace(/^#+\s*/, '').trim();
    i++;
    break;
  }
  const infoEnd = lines.findIndex((l) => l.includes('<!-- INFO END -->'));
  const headerLines: string[] = [];
  const articles: ParsedArticle[] = [];
  let chapter: string | null = null;
  let section: string | null = null;
  let current: ParsedArticle | null = null;
  let bodyStart = infoEnd >= 0 ? infoEnd + 1 : i;
  if (infoEnd < 0) {
    // Plain text: the header runs until the first chapter or article line.
    while (bodyStart < lines.length) {
      const l = (lines[bodyStart] ?? '').replace(/\u3000/g, ' ').trim();
      if (CHAPTER.test(l) || ARTICLE.test(l)) break;
      bodyStart++;
    }
  }
  for (let k = i; k < bodyStart; k++) headerLines.push(lines[k] ?? '');

  const finish = () => {
    if (current) {
      current.body = current.paragraphs
        .map((p) => [p.text, ...p.items].filter((s) => s !== '').join('\n'))
        .join('\n');
      articles.push(current);
    }
    current = null;
  };

  for (let k = bodyStart; k < lines.length; k++) {
    const line = (lines[k] ?? '').replace(/\u3000/g, ' ').trim();
    if (line === '' || line.startsWith('<!--')) continue;
    const art = ARTICLE.exec(line);
    if (art) {
      const num = parseChineseNumber(art[2] ?? '');
      const sub = art[3] ? (parseChineseNumber(art[3]) ?? 0) : 0;
      const last = articles.at(-1) ?? null;
      const prev: ParsedArticle | null = current ?? last;
      const increasing =
        num !== null && (!prev || num > prev.article || (num === prev.article && sub > prev.sub));
      if (num !== null && increasing) {
        finish();
        current = {
          article: num,
          sub,
          label: art[1] ?? '',
          chapter,
          section,
          paragraphs: [{ text: (art[4] ?? '').trim(), items: [] }],
          body: '',
        };
        continue;
      }
    }
    const chap = CHAPTER.exec(line);
    if (chap && (line.startsWith('#') || !current || chap[2] !== undefined) && line.length < 40) {
      finish();
      chapter = `${chap[1]} ${(chap[2] ?? '').replace(/\s+/g, '')}`.trim();
      section = null;
      continue;
    }
    const sec = SECTION.exec(line);
    if (sec && line.length < 40) {
      finish();
      section = `${sec[1]} ${(sec[2] ?? '').replace(/\s+/g, '')}`.trim();
      continue;
    }
    if (!current) continue;
    const cur: ParsedArticle = current;
    const lastPara = cur.paragraphs.at(-1);
    if (ITEM.test(line) && lastPara) {
      lastPara.items.push(line);
    } else if (lastPara && lastPara.text === '' && lastPara.items.length === 0) {
      lastPara.text = line;
    } else {
      cur.paragraphs.push({ text: line, items: [] });
    }
  }
  finish();
  return {
    title,
    law: shortLawName(title),
    version: detectVersion(fileName, headerLines.join('\n')),
    articles,
  };
}
