import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectVersion, parseStatute, shortLawName } from '../src/ingest/parse.ts';
import { CORPUS, corpusFiles, hasCorpus } from './helpers.ts';

const corpus = hasCorpus();

const parse = (name: string) => parseStatute(readFileSync(path.join(CORPUS, name), 'utf8'), name);

describe('statute parser', () => {
  it.skipIf(!corpus)('parses every file of the reference corpus into consecutive articles', () => {
    for (const f of corpusFiles()) {
      const p = parseStatute(readFileSync(f, 'utf8'), path.basename(f));
      expect(p.articles.length, f).toBeGreaterThan(20);
      expect(p.version, f).toMatch(/^\d{4}$/);
      expect(
        p.articles.map((a) => a.article),
        f,
      ).toEqual(p.articles.map((_, i) => i + 1));
      for (const a of p.articles) expect(a.body.length, `${f} ${a.label}`).toBeGreaterThan(3);
    }
  });

  it.skipIf(!corpus)('finds exactly 50 articles in 信访工作条例 and 90 in 行政复议法(2023)', () => {
    expect(parse('信访工作条例(2022).md').articles).toHaveLength(50);
    const fy = parse('行政复议法(2023).md');
    expect(fy.articles).toHaveLength(90);
    expect(fy.law).toBe('行政复议法');
    expect(fy.version).toBe('2023');
  });

  it.skipIf(!corpus)('records chapter, section, paragraphs and items', () => {
    const reg = parse('信访工作条例(2022).md');
    const a31 = reg.articles[30];
    expect(a31?.label).toBe('第三十一条');
    expect(a31?.chapter).toBe('第四章 信访事项的办理');
    expect(a31?.paragraphs[0]?.items).toHaveLength(6);
    const a36 = reg.articles[35];
    expect(a36?.paragraphs).toHaveLength(3);
    const fy = parse('行政复议法(2023).md');
    expect(fy.articles.find((a) => a.article === 20)?.chapter).toMatch(/^第二章/);
    expect(parse('仲裁法(2017).md').articles.some((a) => a.section !== null)).toBe(true);
  });

  it('handles 条之一, Arabic numerals, plain text without headings, and ignores in-text references', () => {
    const text = [
      '某某管理办法',
      '2020年1月1日公布',
      '第一章 总则',
      '第一条　为了规范管理，制定本办法。',
      '第二条 本办法适用于本市。',
      '第二条之一 新增的规定。',
      '依照第一条的规定执行。',
      '第三条 有下列情形之一的：',
      '（一）甲；',
      '（二）乙。',
      '第三条规定的情形另行处理。',
      '第4条 最后一条。',
    ].join('\n');
    const p = parseStatute(text);
    expect(p.title).toBe('某某管理办法');
    expect(p.version).toBe('2020');
    expect(p.articles.map((a) => [a.article, a.sub])).toEqual([
      [1, 0],
      [2, 0],
      [2, 1],
      [3, 0],
      [4, 0],
    ]);
    expect(p.articles[2]?.label).toBe('第二条之一');
    expect(p.articles[2]?.paragraphs).toHaveLength(2);
    expect(p.articles[3]?.paragraphs[0]?.items).toEqual(['（一）甲；', '（二）乙。']);
    expect(p.articles[3]?.paragraphs).toHaveLength(2);
  });

  it('derives short names and versions', () => {
    expect(shortLawName('中华人民共和国行政复议法')).toBe('行政复议法');
    expect(shortLawName('最高人民法院关于适用《中华人民共和国行政诉讼法》的解释')).toBe(
      '最高人民法院关于适用《行政诉讼法》的解释',
    );
    expect(detectVersion('民法典总则编(2020).md', '')).toBe('2020');
    expect(detectVersion(null, '1999年通过\n2023年9月1日修订')).toBe('2023');
    expect(detectVersion(null, '')).toBeNull();
  });
});
