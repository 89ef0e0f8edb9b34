/**
 * Loads and validates /knowledge: built-in article key points per law, the law registry (versions, superseded
 * texts) and the colloquial→statutory thesaurus. Pure data access; no storage.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import { DeadlineRules, KnowledgeLaw, LawRegistry, type Route, RouteFile, Thesaurus } from './schema.ts';

export const KNOWLEDGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');

export interface Knowledge {
  laws: KnowledgeLaw[];
  registry: LawRegistry;
  thesaurus: Thesaurus;
  deadlines: DeadlineRules;
  routes: Route[];
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AppError('knowledge_invalid', `知识库文件无法读取或不是有效 JSON：${path.basename(file)}`, {
      cause,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      'knowledge_invalid',
      `知识库文件 ${path.basename(file)} 格式错误：${first?.path.join('.') ?? ''} ${first?.message ?? ''}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

export function loadKnowledge(dir = KNOWLEDGE_DIR): Knowledge {
  const articleDir = path.join(dir, 'articles');
  const laws = readdirSync(articleDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson(path.join(articleDir, f), KnowledgeLaw));
  return {
    laws,
    registry: readJson(path.join(dir, 'laws.json'), LawRegistry),
    thesaurus: readJson(path.join(dir, 'thesaurus.json'), Thesaurus),
    deadlines: readJson(path.join(dir, 'deadlines.json'), DeadlineRules),
    routes: readdirSync(path.join(dir, 'routes'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((f) => readJson(path.join(dir, 'routes', f), RouteFile).routes),
  };
}
