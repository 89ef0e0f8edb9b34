/**
 * Letter checker (checks.md): detects the letter type and runs every rule family over the parsed letter.
 * The letter is treated strictly as data.
 */
import { Finding } from '../../domain/findings.ts';
import type { LetterType } from '../../domain/letters.ts';
import { AppError } from '../../errors.ts';
import type { LawLibrary } from '../../retrieval/library.ts';
import type { LawCatalog } from '../../retrieval/references.ts';
import type { DeadlineService } from '../deadlines/deadlines.ts';
import type { RemedyTable } from '../letters/remedies.ts';
import type { Rule } from './context.ts';
import { parseLetter } from './letter.ts';
import { citationRules } from './rules/citations.ts';
import { elementRules } from './rules/elements.ts';
import { privacyRules } from './rules/privacy.ts';
import { remedyRules } from './rules/remedy.ts';
import { routingRules } from './rules/routing.ts';
import { timingRules } from './rules/timing.ts';

export const MAX_LETTER_CHARS = 50_000;

export interface CheckReport {
  letterType: LetterType;
  findings: Finding[];
}

const RULES: Rule[] = [
  ...elementRules,
  ...citationRules,
  ...remedyRules,
  ...timingRules,
  ...routingRules,
  ...privacyRules,
];

export class LetterChecker {
  constructor(
    private readonly deps: {
      library: LawLibrary;
      catalog: LawCatalog;
      deadlines: DeadlineService;
      remedies: RemedyTable;
    },
  ) {}

  check(input: unknown): CheckReport {
    if (typeof input !== 'string' || input.trim() === '')
      throw new AppError('input_invalid', '文书内容为空，请粘贴或上传要检查的文书。');
    if (input.length > MAX_LETTER_CHARS)
      throw new AppError(
        'input_invalid',
        `文书过长（${input.length} 字），超过 ${MAX_LETTER_CHARS} 字的上限。`,
      );
    if ((input.match(/[\u4e00-\u9fff]/g) ?? []).length < 20)
      throw new AppError('input_invalid', '无法识别为中文文书，请检查文件内容。');
    const letter = parseLetter(input, this.deps.catalog);
    const ctx = {
      letter,
      library: this.deps.library,
      deadlines: this.deps.deadlines,
      remedies: this.deps.remedies,
    };
    const findings = RULES.flatMap((rule) => rule(ctx)).map((f) => Finding.parse(f));
    findings.sort(
      (a, b) => (a.span?.[0] ?? Number.MAX_SAFE_INTEGER) - (b.span?.[0] ?? Number.MAX_SAFE_INTEGER),
    );
    return { letterType: letter.letterType, findings };
  }
}
