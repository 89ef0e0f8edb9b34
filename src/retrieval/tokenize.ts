/**
 * Tokenizer for Chinese legal text: jieba words (with a legal user dictionary) plus CJK character bigrams.
 * Terms are prefixed (`w:` words, `b:` bigrams) so one BM25 index can hold both vocabularies.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { KNOWLEDGE_DIR } from '../knowledge/load.ts';

/** jieba's dictionary, read directly: the package's dict.js also reads its 6 MB idf.txt, which we never use. */
const JIEBA_DICT = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');

// Function words and question words that carry no legal meaning in a query.
const STOPWORDS = new Set(
  (
    '的 了 是 在 和 与 或 及 等 对 向 把 被 将 由 从 为 以 之 其 这 那 个 也 都 就 又 还 吗 呢 吧 啊 么 呀 ' +
    '什么 怎么 怎么办 如何 哪些 哪个 哪里 哪 谁 是否 能否 能不能 可不可以 要不要 有没有 应该 应当 可以 需要 ' +
    '我 我们 你 你们 他 她 他们 有关 相关 规定 进行 一个 一些 没有 不 有 要 会 能 该 怎样 多少 几'
  ).split(' '),
);

const CJK = /[\u4e00-\u9fff]/;
const CJK_RUN = /[\u4e00-\u9fff]+/g;

export function readLegalDictionary(dir = KNOWLEDGE_DIR): string[] {
  return readFileSync(path.join(dir, 'legal-dict.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(/\s+/)[0] ?? '')
    .filter((w) => w.length >= 2);
}

export class Tokenizer {
  private readonly jieba: Jieba;
  /** Phrases of how a question is put, not what it is about (knowledge/laws.json `framingPhrases`), longest first. */
  private readonly framing: RegExp | null;
  /**
   * Identifies the segmentation (user words and framing phrases, each sorted): stored beside the index, so a change
   * of the dictionary or of the framing phrases re-segments the stored terms once (index-sync.ts).
   */
  readonly signature: string;

  constructor(userWords: Iterable<string>, framingPhrases: Iterable<string> = []) {
    this.jieba = Jieba.withDict(readFileSync(JIEBA_DICT));
    const words = [...new Set([...userWords].filter((w) => w.length >= 2 && CJK.test(w) && !/\s/.test(w)))];
    if (words.length > 0)
      this.jieba.loadDict(Buffer.from(words.map((w) => `${w} 2000 n`).join('\n'), 'utf8'));
    const framing = [...new Set([...framingPhrases].filter((f) => f !== ''))].sort(
      (a, b) => b.length - a.length,
    );
    // A run of framing phrases counts only as a clause of its own or as the opening of the text (各位老师请教下，…;
    // 请问…): inside a clause the same characters belong to real words (申请教师资格, 提请问责).
    const run = `(?:${framing.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})+`;
    const edge = '[，。？！：；、,.?!:;\\s]';
    this.framing = framing.length > 0 ? new RegExp(`^\\s*${run}|(?<=${edge})${run}(?=${edge}|$)`, 'g') : null;
    this.signature = createHash('sha1')
      .update([...words].sort().join('\n'))
      .update('\u0000')
      .update([...framing].sort().join('\n'))
      .digest('hex')
      .slice(0, 16);
  }

  /**
   * The text with its framing phrases (各位老师请教, 领导您好, 单选题…) replaced by a comma: they say how a question
   * is put, and a voice that one law's questions happen to use must not become evidence for that law.
   */
  private content(text: string): string {
    return this.framing ? text.replace(this.framing, '，') : text;
  }

  /** Words in search mode (compounds and their parts), stopwords, punctuation and framing phrases removed. */
  words(text: string): string[] {
    return this.segment(this.content(text));
  }

  private segment(content: string): string[] {
    return this.jieba
      .cutForSearch(content, true)
      .map((w) => w.trim())
      .filter((w) => w !== '' && (CJK.test(w) || /^[a-z0-9]+$/i.test(w)) && !STOPWORDS.has(w));
  }

  /** Overlapping character bigrams of each CJK run. */
  static bigrams(text: string): string[] {
    const out: string[] = [];
    for (const m of text.matchAll(CJK_RUN)) {
      const run = m[0];
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    }
    return out;
  }

  /** Index terms: prefixed words and bigrams, framing phrases left out. */
  terms(text: string): string[] {
    const content = this.content(text);
    return [
      ...this.segment(content).map((w) => `w:${w}`),
      ...Tokenizer.bigrams(content).map((b) => `b:${b}`),
    ];
  }
}
