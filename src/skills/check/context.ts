/** What every check rule receives, and the helper that builds a contract finding. */
import type { Finding, FindingCode } from '../../domain/findings.ts';
import { SEVERITY } from '../../domain/findings.ts';
import type { ArticleRef } from '../../domain/law.ts';
import type { LetterType } from '../../domain/letters.ts';
import type { LawLibrary } from '../../retrieval/library.ts';
import type { DeadlineService } from '../deadlines/deadlines.ts';
import type { RemedyTable } from '../letters/remedies.ts';
import type { ParsedLetter } from './letter.ts';

export interface CheckContext {
  letter: ParsedLetter;
  library: LawLibrary;
  deadlines: DeadlineService;
  remedies: RemedyTable;
}

export type Rule = (ctx: CheckContext) => Finding[];

export const OPINIONS: LetterType[] = ['handling_opinion', 'review_opinion', 'recheck_opinion'];

export function isOpinion(t: LetterType): boolean {
  return OPINIONS.includes(t);
}

export const REG = '信访工作条例';

export function finding(
  code: FindingCode,
  message: string,
  span: [number, number] | null,
  basis: ArticleRef[],
  suggestion?: string,
): Finding {
  return { code, severity: SEVERITY[code], message, span, basis, ...(suggestion ? { suggestion } : {}) };
}

export function art(article: number, law = REG): ArticleRef {
  return { law, article };
}
