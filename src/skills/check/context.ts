/** What every check rule receives, and the helpers that build a contract finding from the facts in knowledge/. */
import type { Finding, FindingCode, Severity } from '../../domain/findings.ts';
import { SEVERITY } from '../../domain/findings.ts';
import type { ArticleRef } from '../../domain/law.ts';
import type { LetterType } from '../../domain/letters.ts';
import type { CheckFacts, Regulation } from '../../knowledge/checks.ts';
import type { LawLibrary } from '../../retrieval/library.ts';
import type { DeadlineService } from '../deadlines/deadlines.ts';
import type { RemedyTable } from '../letters/remedies.ts';
import type { ParsedLetter } from './letter.ts';

export interface CheckContext {
  letter: ParsedLetter;
  library: LawLibrary;
  deadlines: DeadlineService;
  remedies: RemedyTable;
  facts: CheckFacts;
  /** The petition regulation in force on the letter's date (the 2005 《信访条例》 before 2022-05-01). */
  regulation: Regulation;
}

export type Rule = (ctx: CheckContext) => Finding[];

const OPINIONS: LetterType[] = ['handling_opinion', 'review_opinion', 'recheck_opinion'];

export function isOpinion(t: LetterType): boolean {
  return OPINIONS.includes(t);
}

/** The articles a finding code rests on (knowledge/checks.json). */
export function basisOf(ctx: CheckContext, code: FindingCode): ArticleRef[] {
  return ctx.facts.findings[code] ?? [];
}

export function finding(
  code: FindingCode,
  message: string,
  span: [number, number] | null,
  basis: ArticleRef[],
  suggestion?: string,
  severity: Severity = SEVERITY[code],
): Finding {
  return { code, severity, message, span, basis, ...(suggestion ? { suggestion } : {}) };
}

/** The regulation of the letter's era: the latest whose effective date is not after the letter's date. */
export function regulationFor(facts: CheckFacts, issued: string | null): Regulation {
  const sorted = [...facts.regulations].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const current = sorted[0] as Regulation;
  if (!issued) return current;
  return sorted.find((r) => r.effectiveFrom <= issued) ?? current;
}
