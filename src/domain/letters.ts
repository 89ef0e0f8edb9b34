/** Letter contract (../shared/domain/letters.md): letter types and the draft input JSON (§4). */
import { z } from 'zod';
import { ArticleRef } from './law.ts';

export const LetterType = z.enum([
  'handling_opinion',
  'review_opinion',
  'recheck_opinion',
  'acceptance_notice',
  'redirect_notice',
  'non_acceptance_notice',
  'complaint_result_notice',
  'other',
]);
export type LetterType = z.infer<typeof LetterType>;

/** The types the drafter writes: every formal petition letter (not `other`). */
export const DraftType = LetterType.exclude(['other']);
export type DraftType = z.infer<typeof DraftType>;

/** A real calendar date (2026-02-30 and 2026-04-31 are refused). */
export function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const Decision = z.enum(['supported', 'explained', 'not_supported']);

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，例如 2026-04-20')
  .refine(isCalendarDate, '日期不存在（如2月30日、4月31日），请核对');

const Extension = z.object({
  approvedBy: z.string().min(1, '须写明批准延期的负责人'),
  days: z.number().int().min(1).max(30, '延长期限不得超过30日（条例第三十四条）'),
  notifiedDate: IsoDate,
  reason: z.string().min(1, '须写明延期理由'),
});

export const DraftInput = z.object({
  letterType: DraftType,
  caseNo: z.string().min(1, '须填写文号'),
  petitioner: z.object({
    name: z.string().min(1, '须填写信访人姓名（名称）'),
    address: z.string().optional(),
  }),
  receivedDate: IsoDate,
  acceptedDate: IsoDate.optional(),
  requestReceivedDate: IsoDate.optional(),
  issueDate: IsoDate,
  request: z.string().min(1, '须载明投诉请求'),
  // Which of the following a letter type requires is in the field registry (domain/fields.ts).
  petitionerFacts: z.string().min(1, '须载明信访人陈述的事实和理由').optional(),
  investigatedFacts: z.string().min(1, '须载明调查核实查明的事实').optional(),
  decision: Decision.optional(),
  decisionReason: z.string().min(1, '须说明处理理由').optional(),
  legalBasis: z.array(ArticleRef).default([]),
  handlingBody: z.string().min(1, '须填写办理机关'),
  superiorBody: z.string().min(1, '须填写上一级机关（复查/复核机关）').optional(),
  extension: Extension.nullable().optional(),
  /** Review and recheck letters: the opinion being reviewed. */
  originalOpinion: z
    .object({ body: z.string().min(1), caseNo: z.string().optional(), date: IsoDate })
    .optional(),
  /** Redirect notices: where and how the matter must be pursued. */
  redirect: z
    .object({
      body: z.string().min(1, '须写明有权处理的机关'),
      procedure: z.string().min(1, '须写明法定途径，如“申请劳动争议仲裁”'),
      timeLimit: z.string().optional(),
      article31Item: z.number().int().min(1).max(5),
    })
    .optional(),
  /** How the matter was received, e.g. “来信”“来访”“通过网上信访平台”. */
  channel: z.string().optional(),
});
export type DraftInput = z.infer<typeof DraftInput>;
