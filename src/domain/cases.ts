/**
 * Case register contract (issue 20): a matter (信访事项) with its dated events. Time limits are never part of a
 * case: they are computed from the events by the deadline service every time they are shown.
 */
import { z } from 'zod';
import { Category, Channel, Subchannel } from './classification.ts';

const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期')
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, day));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
  }, '日期不存在');

/** How the matter reached us (信访形式, 条例第17条): 来信、来访、网上、电话. */
export const CaseForm = z.enum(['letter', 'visit', 'online', 'phone']);
export type CaseForm = z.infer<typeof CaseForm>;
export const FORM_LABEL: Record<CaseForm, string> = {
  letter: '来信',
  visit: '来访',
  online: '网上信访',
  phone: '电话',
};
/** Chinese labels accepted on input (spreadsheets, chat) for each form. */
export const FORM_ALIASES: Record<string, CaseForm> = {
  来信: 'letter',
  书信: 'letter',
  信件: 'letter',
  来访: 'visit',
  走访: 'visit',
  网上: 'online',
  网上信访: 'online',
  网信: 'online',
  电话: 'phone',
  传真: 'letter',
};

/**
 * Where the register stands: a 信访部门 that received the matter (登记并转送、交办, 第22条), another organ the
 * petitioner went to directly (书面告知, 第23条第2款), or an organ that received it by transfer (第23条第3款).
 */
export const CaseIntake = z.enum(['bureau', 'direct', 'transferred']);
export type CaseIntake = z.infer<typeof CaseIntake>;
export const INTAKE_LABEL: Record<CaseIntake, string> = {
  bureau: '信访部门收到',
  direct: '直接向本机关提出',
  transferred: '收到转送、交办',
};

export const CaseEventType = z.enum([
  'received',
  'registered',
  'transferred',
  'accepted',
  'notified',
  'extended',
  'replied',
  'review_requested',
  'review_replied',
  'recheck_requested',
  'recheck_replied',
  'closed',
  'reopened',
]);
export type CaseEventType = z.infer<typeof CaseEventType>;
export const EVENT_LABEL: Record<CaseEventType, string> = {
  received: '收到信访事项',
  registered: '登记',
  transferred: '转送、交办',
  accepted: '受理',
  notified: '书面告知信访人',
  extended: '批准延长办理期限',
  replied: '出具处理意见书',
  review_requested: '收到复查请求',
  review_replied: '出具复查意见',
  recheck_requested: '收到复核请求',
  recheck_replied: '出具复核意见',
  closed: '办结归档',
  reopened: '重新办理',
};

/** The petitioner's personal data: stored once (petitioners table), shown redacted to anyone else. */
const Petitioner = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(30).optional(),
  address: z.string().trim().max(200).optional(),
});

/** What the register keeps of a classification: the route, never the evidence words (they may name people). */
export const CaseClassification = z.object({
  category: Category,
  channel: Channel,
  subchannel: Subchannel.nullable(),
  article31Item: z.number().int().min(1).max(6).nullable(),
  handlingBody: z.string(),
  facts: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
  engine: z.string().optional(),
});
export type CaseClassification = z.infer<typeof CaseClassification>;

/** Control characters (other than tab and line breaks) never reach the register: listings use them as separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
export const withoutControls = (v: unknown) => (typeof v === 'string' ? v.replace(CONTROL, ' ') : v);

/** `xinfang case add --json`, the Slack modal and the chat hook all build this. */
export const NewCase = z.object({
  receivedDate: IsoDay,
  form: z.preprocess((v) => (typeof v === 'string' && v in FORM_ALIASES ? FORM_ALIASES[v] : v), CaseForm),
  summary: z.preprocess(
    withoutControls,
    z.string().trim().min(1, '事项概要不能为空').max(2000, '事项概要不超过2000字'),
  ),
  intake: CaseIntake.default('bureau'),
  petitioner: Petitioner.optional(),
  /** A Slack user id (U…) or a name. */
  officer: z.preprocess(withoutControls, z.string().trim().min(1).max(100)).optional(),
  /** Text to classify (not stored: only the resulting route is). */
  text: z.string().trim().min(1).max(20_000).optional(),
  classification: CaseClassification.optional(),
  /** 领域 (e.g. 劳动社保、城乡建设), for the yearly figures. */
  field: z.string().trim().min(1).max(50).optional(),
  /** The body that received the matter (for the yearly figures), e.g. “某市信访局”. */
  receivingBody: z.string().trim().min(1).max(100).optional(),
  /** The organ or unit complained about (被反映的机关、单位). */
  subjectBody: z.string().trim().min(1).max(100).optional(),
  /** An outside reference (the agency's own 信访件编号). */
  externalRef: z.string().trim().min(1).max(100).optional(),
});
export type NewCase = z.input<typeof NewCase>;
export type NewCaseParsed = z.output<typeof NewCase>;

export const NewCaseEvent = z
  .object({
    type: CaseEventType,
    date: IsoDay,
    note: z.string().trim().max(1000).optional(),
    /** `replied`, `review_replied`: the day the petitioner received the letter (starts their 30 days). */
    deliveredOn: IsoDay.optional(),
    /** `extended`: days approved (≤30, 条例第34条) and the reason told to the petitioner. */
    days: z.number().int().min(1).max(30, '延长期限不得超过30日（条例第三十四条）').optional(),
    reason: z.string().trim().max(500).optional(),
    /** `replied`: the letter (a file name or a link). */
    attachment: z.string().trim().max(500).optional(),
    by: z.string().trim().max(100).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'extended') {
      if (e.days === undefined)
        ctx.addIssue({ code: 'custom', path: ['days'], message: '延期须写明批准延长的天数（不超过30日）' });
      if (!e.reason)
        ctx.addIssue({ code: 'custom', path: ['reason'], message: '延期须写明理由（应告知信访人延期理由）' });
    }
    if (e.deliveredOn && e.deliveredOn < e.date)
      ctx.addIssue({ code: 'custom', path: ['deliveredOn'], message: '送达日期不能早于出具日期' });
  });
export type NewCaseEvent = z.input<typeof NewCaseEvent>;

/** Chinese names of the fields, for error messages. */
export const FIELD_LABEL: Record<string, string> = {
  receivedDate: '收到日期',
  form: '信访形式',
  summary: '事项概要',
  intake: '来源',
  petitioner: '信访人',
  name: '姓名',
  idNumber: '身份证号',
  phone: '联系电话',
  address: '地址',
  officer: '承办人',
  text: '事项内容',
  classification: '分类结果',
  field: '领域',
  receivingBody: '受理机关',
  subjectBody: '被反映单位',
  externalRef: '信访件编号',
  type: '事件类型',
  date: '日期',
  deliveredOn: '送达日期',
  days: '延长天数',
  reason: '延期理由',
  note: '备注',
  attachment: '附件',
};

export const CaseStatus = z.enum(['on_track', 'due_soon', 'overdue', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const STATUS_LABEL: Record<CaseStatus, string> = {
  on_track: '正常',
  due_soon: '临近期限',
  overdue: '已超期',
  closed: '已办结',
};
