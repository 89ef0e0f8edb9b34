/** Checker contract (../shared/domain/checks.md): finding codes, severities and the finding JSON. */
import { z } from 'zod';
import { ArticleRef } from './law.ts';

export const FindingCode = z.enum([
  'MISSING_PETITIONER',
  'MISSING_REQUEST',
  'MISSING_FACTS',
  'FACTS_UNSUPPORTED',
  'MISSING_LEGAL_BASIS',
  'INVALID_CITATION',
  'OUTDATED_CITATION',
  'UNCLEAR_CONCLUSION',
  'MISSING_REMEDY',
  'WRONG_REMEDY_DEADLINE',
  'WRONG_REMEDY_BODY',
  'WRONG_REMEDY_CHANNEL',
  'MISSING_FINALITY_NOTICE',
  'OVERDUE',
  'EXTENSION_UNNOTIFIED',
  'LITIGATION_MATTER_IN_PETITION',
  'MISSING_ISSUER_OR_DATE',
  'PII_EXPOSURE',
  'WHISTLEBLOWER_EXPOSURE',
]);
export type FindingCode = z.infer<typeof FindingCode>;

export const Severity = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof Severity>;

/** Fixed severity per code, as the contract table states. */
export const SEVERITY: Record<FindingCode, Severity> = {
  MISSING_PETITIONER: 'error',
  MISSING_REQUEST: 'error',
  MISSING_FACTS: 'error',
  FACTS_UNSUPPORTED: 'warning',
  MISSING_LEGAL_BASIS: 'error',
  INVALID_CITATION: 'error',
  OUTDATED_CITATION: 'warning',
  UNCLEAR_CONCLUSION: 'error',
  MISSING_REMEDY: 'error',
  WRONG_REMEDY_DEADLINE: 'error',
  WRONG_REMEDY_BODY: 'error',
  WRONG_REMEDY_CHANNEL: 'error',
  MISSING_FINALITY_NOTICE: 'warning',
  OVERDUE: 'error',
  EXTENSION_UNNOTIFIED: 'warning',
  LITIGATION_MATTER_IN_PETITION: 'error',
  MISSING_ISSUER_OR_DATE: 'error',
  PII_EXPOSURE: 'warning',
  WHISTLEBLOWER_EXPOSURE: 'error',
};

export const Finding = z.object({
  code: FindingCode,
  severity: Severity,
  message: z.string().min(1),
  span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).nullable(),
  basis: z.array(ArticleRef),
  suggestion: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;
