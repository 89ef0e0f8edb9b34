/**
 * Drafter: turns a validated case (letters.md §4) into a compliant letter. Templates are editable files in
 * knowledge/templates; the remedy paragraph comes only from the remedy table; time limits are computed from the
 * dates and enforced; every cited article must exist. The result is run through the checker before it is returned.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DRAFT_FIELDS, fieldOf, isRequired } from '../../domain/fields.ts';
import type { Finding } from '../../domain/findings.ts';
import type { ArticleRef } from '../../domain/law.ts';
import { DraftInput, DraftType, type LetterType } from '../../domain/letters.ts';
import { AppError } from '../../errors.ts';
import { KNOWLEDGE_DIR } from '../../knowledge/load.ts';
import { toChineseNumber } from '../../knowledge/numerals.ts';
import type { LawLibrary } from '../../retrieval/library.ts';
import type { LetterChecker } from '../check/checker.ts';
import { formatChineseDate } from '../deadlines/dates.ts';
import type { DeadlineService } from '../deadlines/deadlines.ts';
import { judgeSuperior } from './organs.ts';
import type { RemedyTable } from './remedies.ts';

export interface DraftResult {
  letterType: LetterType;
  text: string;
  findings: Finding[];
  input: DraftInput;
}

const ENUM_HINTS: Record<string, string> = {
  decision: '应为 supported（予以支持）、explained（解释说明）或 not_supported（不予支持）',
  letterType: `应为 ${DraftType.options.join('、')} 之一`,
};

const DECISION_ITEM = { supported: 1, explained: 2, not_supported: 3 } as const;

/** A problem with one draft field: `key` is the registry key; `field` its Chinese label, for display only. */
export interface FieldProblem {
  key: string;
  field: string;
  message: string;
}

function labelOf(key: string): string {
  return (
    fieldOf(key)?.label ??
    (
      {
        letterType: '文书类型',
        extension: '延期',
        originalOpinion: '原意见',
        redirect: '导入途径',
      } as Record<string, string>
    )[key.split('.')[0] ?? ''] ??
    key
  );
}

export class DraftValidationError extends AppError {
  constructor(readonly problems: FieldProblem[]) {
    super('input_invalid', `起草信息有误：\n${problems.map((p) => `· ${p.field}：${p.message}`).join('\n')}`);
  }
}

export class Drafter {
  private readonly templates = new Map<string, string>();

  constructor(
    private readonly deps: {
      library: LawLibrary;
      deadlines: DeadlineService;
      remedies: RemedyTable;
      checker: LetterChecker;
      templateDir?: string;
    },
  ) {}

  /** Field-by-field validation; returns the problems (empty when the case can be drafted). */
  validate(raw: unknown): { input: DraftInput | null; problems: FieldProblem[] } {
    const parsed = DraftInput.safeParse(raw);
    if (!parsed.success) {
      const problems: FieldProblem[] = parsed.error.issues.map((i) => {
        const key = i.path.join('.');
        const given = i.path.reduce<unknown>(
          (o, k) => (o && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined),
          raw,
        );
        return {
          key,
          field: labelOf(key),
          message:
            given === undefined || given === null
              ? '未填写'
              : (ENUM_HINTS[key] ?? chineseIssue(i.message, i.code)),
        };
      });
      // The registry's per-type requirements are reported together with the schema's problems.
      const type = DraftType.safeParse((raw as { letterType?: unknown } | null)?.letterType);
      if (type.success)
        for (const f of DRAFT_FIELDS) {
          const v = (raw as Record<string, unknown>)[f.key];
          if (
            isRequired(f, type.data) &&
            Array.isArray(v) &&
            v.length === 0 &&
            !problems.some((p) => p.key === f.key)
          )
            problems.push({ key: f.key, field: f.label, message: '须至少填写一项' });
        }
      return { input: null, problems };
    }
    const input = parsed.data;
    const problems: FieldProblem[] = [];
    const p = (key: string, message: string) => problems.push({ key, field: labelOf(key), message });
    for (const f of DRAFT_FIELDS) {
      const v = (input as Record<string, unknown>)[f.key];
      if (isRequired(f, input.letterType) && (v === undefined || (Array.isArray(v) && v.length === 0)))
        p(f.key, f.kind === 'basis' ? '须至少引用一条法律法规依据' : '未填写');
    }
    if (input.acceptedDate && input.acceptedDate < input.receivedDate)
      p('acceptedDate', '受理日期早于收到日期');
    if (input.issueDate < input.receivedDate) p('issueDate', '出具日期早于收到日期');
    for (const b of input.legalBasis) {
      if (this.deps.library.articleExists(b.law, b.article) === false)
        p('legalBasis', `《${b.law}》没有第${b.article}条`);
      if (b.law === '信访条例') p('legalBasis', '《信访条例》（2005年）不是现行依据，请引用《信访工作条例》');
    }
    const superior = input.superiorBody ? judgeSuperior(input.handlingBody, input.superiorBody) : 'unknown';
    if (input.letterType === 'handling_opinion' || input.letterType === 'review_opinion') {
      if (superior === 'self') p('superiorBody', '复查、复核机关不能是本机关');
      if (superior === 'not_superior')
        p('superiorBody', `“${input.superiorBody}”不是“${input.handlingBody}”的上一级机关`);
    }
    if (input.letterType === 'handling_opinion') {
      if (!input.acceptedDate) p('acceptedDate', '处理意见书须填写受理日期（用于计算60日办理期限）');
      else this.checkHandlingTime(input, p);
    }
    if (input.letterType === 'review_opinion' || input.letterType === 'recheck_opinion') {
      if (!input.requestReceivedDate) p('requestReceivedDate', '须填写收到复查（复核）请求的日期');
      else {
        const code = input.letterType === 'review_opinion' ? 'review_reply' : 'recheck_reply';
        const due = this.deps.deadlines.compute(code, input.requestReceivedDate).items[0]?.due;
        if (due && input.issueDate > due)
          p('issueDate', `已超过30日期限（应于${formatChineseDate(due)}前出具）`);
        if (input.issueDate < input.requestReceivedDate) p('issueDate', '出具日期早于收到请求日期');
      }
      if (!input.originalOpinion) p('originalOpinion', '须填写被复查（复核）的原意见：作出机关和日期');
    }
    if (input.letterType === 'redirect_notice' && !input.redirect)
      p('redirect', '告知书须写明有权处理的机关和法定途径');
    return { input, problems };
  }

  private checkHandlingTime(input: DraftInput, p: (field: string, message: string) => void): void {
    const accepted = input.acceptedDate as string;
    const due = this.deps.deadlines.compute('handle', accepted).items[0]?.due;
    if (!due || input.issueDate <= due) return;
    const ext = input.extension;
    if (!ext) {
      p(
        'issueDate',
        `已超过60日办理期限（应于${formatChineseDate(due)}前办结）；确需延长的，须填写经负责人批准的延期（不超过30日）及告知信访人的日期`,
      );
      return;
    }
    const extended = this.deps.deadlines.compute('handle_extended', accepted, ext.days).items[0]?.due;
    if (extended && input.issueDate > extended)
      p('issueDate', `已超过延长后的期限（应于${formatChineseDate(extended)}前办结）`);
    if (ext.notifiedDate > due) p('extension', `延期须在原期限（${formatChineseDate(due)}）届满前告知信访人`);
  }

  /** Drafts the letter, or throws a field-by-field error and writes nothing. */
  draft(raw: unknown): DraftResult {
    const { input, problems } = this.validate(raw);
    if (!input || problems.length > 0) throw new DraftValidationError(problems);
    const text = this.render(input);
    const findings = this.deps.checker.check(text).findings;
    return { letterType: input.letterType, text, findings, input };
  }

  /** Renders without validation — used by tests to show the checker rejects what validation would reject. */
  render(input: DraftInput): string {
    const template = this.template(input.letterType);
    const basis = this.basisText(input);
    const remedySuperior = input.superiorBody ?? null;
    const values: Record<string, string> = {
      issuer: input.handlingBody,
      caseNo: input.caseNo,
      petitioner: input.petitioner.name,
      receivedDate: formatChineseDate(input.receivedDate),
      acceptedDate: input.acceptedDate ? formatChineseDate(input.acceptedDate) : '',
      requestReceivedDate: input.requestReceivedDate ? formatChineseDate(input.requestReceivedDate) : '',
      channel: input.channel ?? '来信来访',
      request: sentence(input.request),
      petitionerFacts: sentence(input.petitionerFacts ?? ''),
      investigatedFacts: sentence(input.investigatedFacts ?? ''),
      decisionReason: sentence(input.decisionReason ?? ''),
      basis,
      decisionSentence: decisionSentence(input),
      extensionSentence: input.extension
        ? `因情况复杂，经${input.extension.approvedBy}批准，本事项办理期限延长${input.extension.days}日，已于${formatChineseDate(input.extension.notifiedDate)}告知你延期理由：${sentence(input.extension.reason)}`
        : '',
      remedy: this.deps.remedies.sentence(input.letterType, remedySuperior) ?? '',
      originalBody: input.originalOpinion?.body ?? '',
      originalDate: input.originalOpinion ? formatChineseDate(input.originalOpinion.date) : '',
      originalCaseNo: input.originalOpinion?.caseNo ?? '',
      redirectBody: input.redirect?.body ?? '',
      redirectProcedure: input.redirect?.procedure ?? '',
      redirectLimit: input.redirect?.timeLimit ? `请注意：${sentence(input.redirect.timeLimit)}` : '',
      issueDate: formatChineseDate(input.issueDate),
    };
    return template
      .replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '')
      .replace(/\n {4}\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n');
  }

  private template(type: LetterType): string {
    let t = this.templates.get(type);
    if (!t) {
      const file = path.join(this.deps.templateDir ?? path.join(KNOWLEDGE_DIR, 'templates'), `${type}.txt`);
      try {
        t = readFileSync(file, 'utf8');
      } catch (cause) {
        throw new AppError('knowledge_invalid', `缺少文书模板：${path.basename(file)}`, { cause });
      }
      this.templates.set(type, t);
    }
    return t;
  }

  private basisText(input: DraftInput): string {
    const refs: string[] = [];
    const own: ArticleRef[] = [...input.legalBasis];
    const fixed = FIXED_BASIS[input.letterType];
    if (fixed !== undefined) {
      if (fixed !== '') refs.push(fixed);
    } else if (input.letterType === 'redirect_notice') {
      const item = input.redirect?.article31Item;
      refs.push(`《信访工作条例》第三十一条${item ? `第（${toChineseNumber(item)}）项` : ''}`);
    } else {
      const item = DECISION_ITEM[input.decision ?? 'not_supported'];
      refs.push(`《信访工作条例》第三十二条第一款第（${toChineseNumber(item)}）项`);
      if (input.letterType === 'review_opinion') own.push({ law: '信访工作条例', article: 35 });
      if (input.letterType === 'recheck_opinion') own.push({ law: '信访工作条例', article: 36 });
    }
    for (const b of own) {
      if (
        b.law === '信访工作条例' &&
        (b.article === 32 ||
          (b.article === 31 && input.letterType === 'redirect_notice') ||
          (fixed?.includes(`第${toChineseNumber(b.article)}条`) ?? false))
      )
        continue;
      const a = `《${b.law}》第${toChineseNumber(b.article)}条`;
      if (!refs.includes(a)) refs.push(a);
    }
    return refs.join('、');
  }
}

/** The regulation's own basis written into notices whose basis is fixed by their type (letters.md §1). */
const FIXED_BASIS: Partial<Record<LetterType, string>> = {
  acceptance_notice: '《信访工作条例》第二十三条',
  complaint_result_notice: '《信访工作条例》第三十一条第（五）项',
  non_acceptance_notice: '', // the officer's basis: 第三十六条第三款 or 第十九条第三款
};

function sentence(s: string): string {
  const t = s.trim();
  if (t === '') return '';
  return /[。！？]$/.test(t) ? t : `${t}。`;
}

function decisionSentence(input: DraftInput): string {
  const review = input.letterType === 'review_opinion' || input.letterType === 'recheck_opinion';
  switch (input.decision ?? 'not_supported') {
    case 'supported':
      return review
        ? '撤销原意见，对你的请求予以支持，本机关将督促有关机关、单位执行。'
        : '对你的信访请求予以支持，本机关将督促有关单位落实。';
    case 'explained':
      return '你的请求事由合理但缺乏法律依据，现作出解释说明如上。';
    default:
      return review ? '维持原意见，对你的请求不予支持。' : '对你的信访请求不予支持，希望你理解。';
  }
}

function chineseIssue(message: string, code: string): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  if (code === 'invalid_type') return '缺少或类型不正确';
  if (code === 'invalid_value') return '取值不在允许范围内';
  if (code === 'too_small') return '内容过少或为空';
  if (code === 'too_big') return '超出允许范围';
  return `格式不正确（${message}）`;
}
