/**
 * Letter checker (checks.md): detects the letter type (with the reason) and runs every rule family over the parsed
 * letter. A text that is not a formal petition letter (`other`) gets only the checks that apply to any text
 * (citations, personal data, informants' data, dates); what it would lack as a 处理意见书 is given as notes.
 * The letter is treated strictly as data.
 */
import { Finding } from '../../domain/findings.ts';
import type { LetterType } from '../../domain/letters.ts';
import { AppError } from '../../errors.ts';
import { type CheckFacts, loadCheckFacts, validateLetterFacts } from '../../knowledge/checks.ts';
import type { LawLibrary } from '../../retrieval/library.ts';
import type { LawCatalog } from '../../retrieval/references.ts';
import type { DeadlineService } from '../deadlines/deadlines.ts';
import type { RemedyTable } from '../letters/remedies.ts';
import { type CheckContext, type Rule, regulationFor } from './context.ts';
import { parseLetter } from './letter.ts';
import { citationRules } from './rules/citations.ts';
import { elementRules } from './rules/elements.ts';
import { privacyRules } from './rules/privacy.ts';
import { remedyRules } from './rules/remedy.ts';
import { routingRules } from './rules/routing.ts';
import { timingRules } from './rules/timing.ts';

const MAX_LETTER_CHARS = 50_000;

export interface CheckReport {
  letterType: LetterType;
  /** Why the checker read the text as this type. */
  typeReason: string;
  findings: Finding[];
  /** Hints that are not findings: for `other`, what the text would lack as a 信访处理意见书. */
  notes: string[];
}

const RULES: Rule[] = [
  ...elementRules,
  ...citationRules,
  ...remedyRules,
  ...timingRules,
  ...routingRules,
  ...privacyRules,
];

/** What an element finding means as a hint on a text that is not a formal letter. */
const ELEMENT_HINTS: Partial<Record<Finding['code'], string>> = {
  MISSING_PETITIONER: '信访人姓名（名称）',
  MISSING_REQUEST: '信访人的投诉请求',
  MISSING_FACTS: '调查核实查明的事实',
  FACTS_UNSUPPORTED: '具体的调查核实情况（时间、对象、证据来源）',
  UNCLEAR_CONCLUSION: '明确的处理结论（予以支持、解释说明或不予支持）',
  MISSING_LEGAL_BASIS: '具体的法律法规依据',
  MISSING_REMEDY: '请求复查的救济告知',
  MISSING_ISSUER_OR_DATE: '落款机关和成文日期',
};

export class LetterChecker {
  private readonly facts: CheckFacts;

  constructor(
    private readonly deps: {
      library: LawLibrary;
      catalog: LawCatalog;
      deadlines: DeadlineService;
      remedies: RemedyTable;
      facts?: CheckFacts;
    },
  ) {
    this.facts = deps.facts ?? loadCheckFacts();
    const regulations = new Map(this.facts.regulations.map((r) => [r.law, r.articles]));
    validateLetterFacts(this.facts, deps.remedies.table, (law, article) => {
      const count = regulations.get(law);
      return count !== undefined ? article <= count : deps.library.articleExists(law, article);
    });
  }

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
    const ctx: CheckContext = {
      letter,
      library: this.deps.library,
      deadlines: this.deps.deadlines,
      remedies: this.deps.remedies,
      facts: this.facts,
      regulation: regulationFor(this.facts, letter.issueDate?.date ?? null),
    };
    const findings = RULES.flatMap((rule) => rule(ctx)).map((f) => Finding.parse(f));
    findings.sort(
      (a, b) => (a.span?.[0] ?? Number.MAX_SAFE_INTEGER) - (b.span?.[0] ?? Number.MAX_SAFE_INTEGER),
    );
    return { letterType: letter.letterType, typeReason: letter.typeReason, findings, notes: this.notes(ctx) };
  }

  /** For `other`: the elements a 信访处理意见书 would need that this text lacks. */
  private notes(ctx: CheckContext): string[] {
    if (ctx.letter.letterType !== 'other') return [];
    const probe: CheckContext = { ...ctx, letter: { ...ctx.letter, letterType: 'handling_opinion' } };
    const missing = [
      ...new Set(
        [...elementRules, ...citationRules, ...remedyRules]
          .flatMap((rule) => rule(probe))
          .map((f) => ELEMENT_HINTS[f.code])
          .filter((h): h is string => h !== undefined),
      ),
    ];
    return missing.length > 0 ? [`如作为信访处理意见书出具，还缺少：${missing.join('、')}。`] : [];
  }
}
