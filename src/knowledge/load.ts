/**
 * Loads and validates /knowledge: built-in article key points per law, the law registry (versions, superseded
 * texts), the colloquial→statutory thesaurus and the everyday questions asked about each article (document
 * expansion). Pure data access; no storage.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.ts';
import { type DecisionTables, loadDecisionTables } from './decision.ts';
import { readJson } from './read-json.ts';
import {
  type ArticleQuestions,
  DeadlineRules,
  KnowledgeLaw,
  LawRegistry,
  QuestionFile,
  type Route,
  RouteFile,
  Thesaurus,
} from './schema.ts';

export const KNOWLEDGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');

export interface Knowledge {
  laws: KnowledgeLaw[];
  registry: LawRegistry;
  thesaurus: Thesaurus;
  deadlines: DeadlineRules;
  routes: Route[];
  /** Classification facts, decision rules and departments' powers (knowledge/decision/). */
  decision: DecisionTables;
  /** Everyday questions (and liability links) per article, keyed by law then article number. */
  questions: Map<string, Map<number, ArticleQuestions>>;
}

/**
 * Reads knowledge/questions/*.json and checks every entry against the built-in articles: a question set for a law
 * or an article we do not describe is a mistake in the data, reported with the file name.
 */
function loadQuestions(dir: string, laws: KnowledgeLaw[]): Map<string, Map<number, ArticleQuestions>> {
  const questionDir = path.join(dir, 'questions');
  const out = new Map<string, Map<number, ArticleQuestions>>();
  if (!existsSync(questionDir)) return out;
  const known = new Map(laws.map((l) => [l.law, new Set(l.articles.map((a) => a.article))]));
  for (const f of readdirSync(questionDir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const file = readJson(path.join(questionDir, f), QuestionFile);
    const articles = known.get(file.law);
    if (!articles)
      throw new AppError('knowledge_invalid', `知识库文件 ${f} 引用了知识库中没有的法律《${file.law}》`);
    if (out.has(file.law))
      throw new AppError('knowledge_invalid', `知识库文件 ${f}：《${file.law}》的问题已在另一个文件中给出`);
    const byArticle = new Map<number, ArticleQuestions>();
    for (const a of file.articles) {
      for (const n of [a.article, ...a.liability]) {
        if (!articles.has(n))
          throw new AppError(
            'knowledge_invalid',
            `知识库文件 ${f} 引用了《${file.law}》第${n}条，但知识库中没有该条的要点`,
          );
      }
      byArticle.set(a.article, a);
    }
    out.set(file.law, byArticle);
  }
  return out;
}

export function loadKnowledge(dir = KNOWLEDGE_DIR): Knowledge {
  const articleDir = path.join(dir, 'articles');
  const laws = readdirSync(articleDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson(path.join(articleDir, f), KnowledgeLaw));
  return {
    questions: loadQuestions(dir, laws),
    laws,
    registry: readJson(path.join(dir, 'laws.json'), LawRegistry),
    thesaurus: readJson(path.join(dir, 'thesaurus.json'), Thesaurus),
    deadlines: readJson(path.join(dir, 'deadlines.json'), DeadlineRules),
    decision: loadDecisionTables(dir),
    routes: readdirSync(path.join(dir, 'routes'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((f) => readJson(path.join(dir, 'routes', f), RouteFile).routes),
  };
}
