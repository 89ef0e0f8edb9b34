import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { Catalog } from '../src/retrieval/catalog.ts';
import { findReferences, isPureReference } from '../src/retrieval/references.ts';

const catalog = new Catalog(loadKnowledge());
const refs = (t: string) =>
  findReferences(t, catalog).map((r) => ({
    law: r.law,
    article: r.article,
    paragraph: r.paragraph,
    item: r.item,
  }));

describe('article references', () => {
  it.each([
    ['第三十一条', { law: '信访工作条例', article: 31, paragraph: null, item: null }],
    ['第31条', { law: '信访工作条例', article: 31, paragraph: null, item: null }],
    ['条例31条', { law: '信访工作条例', article: 31, paragraph: null, item: null }],
    ['三十一条第六项', { law: '信访工作条例', article: 31, paragraph: null, item: 6 }],
    ['第三十六条第三款', { law: '信访工作条例', article: 36, paragraph: 3, item: null }],
    ['第三十二条第一款第（三）项', { law: '信访工作条例', article: 32, paragraph: 1, item: 3 }],
    ['《行政复议法》第二十条', { law: '行政复议法', article: 20, paragraph: null, item: null }],
    [
      '《中华人民共和国行政诉讼法》第四十六条',
      { law: '行政诉讼法', article: 46, paragraph: null, item: null },
    ],
    ['行政复议法第23条', { law: '行政复议法', article: 23, paragraph: null, item: null }],
    ['信访条例第十九条', { law: '信访工作条例', article: 19, paragraph: null, item: null }],
  ])('%s', (text, expected) => {
    expect(refs(text)).toEqual([expected]);
  });

  it('《信访条例》 in book marks names the superseded 2005 regulation', () => {
    expect(refs('《信访条例》第十四条')[0]?.law).toBe('信访条例');
  });

  it('does not read prose as references', () => {
    expect(refs('有一条规定说')).toEqual([]);
    expect(refs('《某某不存在的法》第三条')).toEqual([]);
  });

  it('lets a bare reference inherit the law of the one before it', () => {
    expect(refs('依照《行政复议法》第十一条、第二十三条')).toEqual([
      { law: '行政复议法', article: 11, paragraph: null, item: null },
      { law: '行政复议法', article: 23, paragraph: null, item: null },
    ]);
  });

  it('knows when a query is only a reference', () => {
    const q = '条例第十九条是什么';
    expect(isPureReference(q, findReferences(q, catalog))).toBe(true);
    const q2 = '第十九条和走访有什么关系';
    expect(isPureReference(q2, findReferences(q2, catalog))).toBe(false);
  });
});
