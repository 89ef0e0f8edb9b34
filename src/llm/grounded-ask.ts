/**
 * Grounded answers with a model: the model sees only the retrieved articles; its answer is released sentence by
 * sentence, and a sentence is released only when every article it cites exists and was among those it was given.
 * A sentence with an unverifiable citation is withheld and reported; an answer left without a verified citation is
 * replaced by the offline answer. Failures of the model fall back to the offline engine, which says so.
 */
import type { ArticleRef } from '../domain/law.ts';
import { modelFailure } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Catalog } from '../retrieval/catalog.ts';
import { displayText, type LibraryArticle } from '../retrieval/library.ts';
import { findReferences } from '../retrieval/references.ts';
import type { Searcher } from '../retrieval/search.ts';
import type { AskResult, AskService } from '../skills/ask/ask.ts';
import type { ChatModel } from './model.ts';
import type { PromptLibrary } from './prompts.ts';

const CONTEXT_ARTICLES = 6;

export type TokenSink = (text: string) => void;

export class ModelAskService {
  constructor(
    private readonly deps: {
      offline: AskService;
      searcher: Searcher;
      catalog: Catalog;
      model: ChatModel;
      prompts: PromptLibrary;
      log: Logger;
    },
  ) {}

  async ask(question: unknown, onText?: TokenSink): Promise<AskResult> {
    const result = await this.deps.searcher.search(question, { limit: CONTEXT_ARTICLES });
    const articles = result.hits
      .filter((h) => h.via.includes('lexical') || h.via.includes('reference'))
      .map((h) => this.deps.searcher.library.get(h.law, h.article, h.sub))
      .filter((a): a is LibraryArticle => a !== undefined);
    if (articles.length === 0) return this.deps.offline.ask(question);
    const allowed = new Set(articles.map((a) => `${a.law}#${a.article}`));
    const context = articles
      .map((a) => `《${a.law}》第${a.article}条（${a.title ?? a.label}）：${displayText(a)}`)
      .join('\n');
    const { text: prompt } = await this.deps.prompts.render('ask', {
      articles: context,
      question: String(question),
    });

    const verified = new Map<string, ArticleRef>();
    const unverified = new Map<string, ArticleRef>();
    const released: string[] = [];
    let buffer = '';
    const flush = (final: boolean) => {
      const parts = buffer.split(/(?<=[。！？；\n])/);
      buffer = final ? '' : (parts.pop() ?? '');
      for (const sentence of final ? parts : parts) {
        if (sentence.trim() === '') {
          // A bare line break between sentences is kept, so paragraphs survive in the terminal and in Slack.
          if (sentence.includes('\n') && released.length > 0) {
            released.push(sentence);
            onText?.(sentence);
          }
          continue;
        }
        const refs = findReferences(sentence, this.deps.catalog);
        const bad = refs.filter((r) => !allowed.has(`${r.law}#${r.article}`));
        if (bad.length > 0) {
          for (const r of bad) unverified.set(`${r.law}#${r.article}`, { law: r.law, article: r.article });
          continue; // withheld: never shown as valid
        }
        for (const r of refs) verified.set(`${r.law}#${r.article}`, { law: r.law, article: r.article });
        released.push(sentence);
        onText?.(sentence);
      }
    };
    try {
      for await (const token of this.deps.model.stream([{ role: 'user', content: prompt }])) {
        buffer += token;
        if (/[。！？；\n]/.test(token)) flush(false);
      }
      flush(true);
    } catch (e) {
      const named = modelFailure(e);
      if (!named) throw e;
      this.deps.log.warn({ code: named.code, err: e }, 'model ask failed; offline engine answers');
      const offline = await this.deps.offline.ask(question);
      return { ...offline, answer: `（语言模型服务暂不可用，以下由离线规则引擎回答。）\n${offline.answer}` };
    }
    const unverifiedCitations = [...unverified.values()];
    if (verified.size === 0) {
      const offline = await this.deps.offline.ask(question);
      const note =
        unverifiedCitations.length > 0
          ? '（模型回答中的引用无法核实，已改由离线规则引擎回答。）'
          : '（模型回答未给出可核实的依据，已改由离线规则引擎回答。）';
      return { ...offline, answer: `${note}\n${offline.answer}`, unverifiedCitations };
    }
    const citations = [...verified.values()];
    return {
      answer: released.join('').trim(),
      citations,
      engine: 'model',
      unverifiedCitations,
      articles: articles.filter((a) => verified.has(`${a.law}#${a.article}`)),
    };
  }
}
