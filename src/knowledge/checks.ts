/**
 * Loads knowledge/checks.json and knowledge/remedies.json: the facts the letter checker and drafter apply (finding
 * bases, the petition regulation of each era with its article and 款 counts and procedural articles, remedy
 * sentences). Schema checks only; whether every cited article exists is checked against the law library by
 * `validateLetterFacts`, which the checker runs when it is built.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FindingCode } from '../domain/findings.ts';
import { ArticleRef } from '../domain/law.ts';
import { LetterType } from '../domain/letters.ts';
import { AppError } from '../errors.ts';
import { KNOWLEDGE_DIR } from './load.ts';

const Procedural = z.object({
  article: z.number().int().positive(),
  governs: z.string().min(1),
  /** The opinion this article is the procedure of (复查意见 → 第35条): that opinion cites it, not its neighbour. */
  decides: LetterType.optional(),
  cues: z.array(z.string().min(1)).min(1),
});

const Regulation = z.object({
  law: z.string().min(1),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  articles: z.number().int().positive(),
  /** 款 counts of articles with more than one 款. */
  paragraphs: z.record(z.string().regex(/^\d+$/), z.number().int().min(2)),
  procedural: z.array(Procedural),
});
export type Regulation = z.infer<typeof Regulation>;

export const CheckFacts = z.object({
  findings: z.record(FindingCode, z.array(ArticleRef)),
  regulations: z.array(Regulation).min(1),
});
export type CheckFacts = z.infer<typeof CheckFacts>;

export const Remedy = z.object({
  sentence: z.string().min(10),
  days: z.number().int().positive().nullable(),
  next: z.enum(['复查', '复核']).nullable(),
  basis: z.array(ArticleRef).min(1),
});
export type Remedy = z.infer<typeof Remedy>;
const RemedyFile = z.object({ remedies: z.partialRecord(LetterType, Remedy) });
export type Remedies = Partial<Record<LetterType, Remedy>>;

function read<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AppError('knowledge_invalid', `${what} ${path.basename(file)} 无法读取或不是合法的 JSON。`, {
      cause,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new AppError('knowledge_invalid', `${what} ${path.basename(file)} 格式错误。`, {
      cause: parsed.error,
    });
  return parsed.data;
}

export function loadCheckFacts(dir = KNOWLEDGE_DIR): CheckFacts {
  return read(path.join(dir, 'checks.json'), CheckFacts, '文书检查规则表');
}

export function loadRemedies(dir = KNOWLEDGE_DIR): Remedies {
  return read(path.join(dir, 'remedies.json'), RemedyFile, '救济途径表').remedies;
}

/**
 * Every article the check facts and the remedy table cite must exist. `exists` answers true, false, or undefined
 * for a law the library does not know (its citations are then reported too: a fact must be checkable).
 */
export function validateLetterFacts(
  facts: CheckFacts,
  remedies: Remedies,
  exists: (law: string, article: number) => boolean | null | undefined,
): void {
  const cited: { where: string; ref: z.infer<typeof ArticleRef> }[] = [];
  for (const [code, refs] of Object.entries(facts.findings))
    for (const ref of refs) cited.push({ where: `checks.json ${code}`, ref });
  for (const reg of facts.regulations)
    for (const p of reg.procedural)
      if (p.article > reg.articles)
        throw new AppError(
          'knowledge_invalid',
          `checks.json：《${reg.law}》共${reg.articles}条，没有第${p.article}条。`,
        );
  for (const [type, r] of Object.entries(remedies))
    for (const ref of r?.basis ?? []) cited.push({ where: `remedies.json ${type}`, ref });
  const bad = cited.filter(({ ref }) => exists(ref.law, ref.article) !== true);
  if (bad.length > 0)
    throw new AppError(
      'knowledge_invalid',
      `文书规则引用了不存在或无法核对的条文：${bad.map((b) => `${b.where}《${b.ref.law}》第${b.ref.article}条`).join('；')}`,
    );
}
