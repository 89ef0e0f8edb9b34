/**
 * Case timeline (时限图): from the dates known about one case, every statutory step with its due date and status.
 * Missing dates are named rather than guessed.
 */
import { z } from 'zod';
import type { DeadlineCode } from '../../domain/deadlines.ts';
import { AppError } from '../../errors.ts';
import { daysBetween, formatChineseDate, type IsoDate, isValidIsoDate } from './dates.ts';
import type { DeadlineService } from './deadlines.ts';

const D = z.string().refine(isValidIsoDate, '应为 YYYY-MM-DD 格式的真实日期');

export const CaseDates = z.object({
  received: D.optional(),
  accepted: D.optional(),
  extensionDays: z.number().int().min(1).max(30, '延长期限不得超过30日').optional(),
  replyIssued: D.optional(),
  replyReceived: D.optional(),
  reviewRequestReceived: D.optional(),
  reviewReplyIssued: D.optional(),
  reviewReplyReceived: D.optional(),
  recheckRequestReceived: D.optional(),
  recheckReplyIssued: D.optional(),
});
export type CaseDates = z.infer<typeof CaseDates>;

/**
 * `overdue` is an authority's step not done in time; `lapsed` is a petitioner's window (请求复查、复核) that passed
 * unused — the petitioner's choice, never the agency's failure.
 */
type StepStatus = 'done' | 'overdue' | 'lapsed' | 'upcoming' | 'not_started';

export interface TimelineStep {
  code: DeadlineCode;
  what: string;
  party: 'authority' | 'petitioner';
  start: IsoDate | null;
  due: IsoDate | null;
  doneOn: IsoDate | null;
  status: StepStatus;
  /** Done, but after the due date. */
  late: boolean;
  daysLeft: number | null;
  rule: string | null;
}

export interface Timeline {
  today: IsoDate;
  steps: TimelineStep[];
  warnings: string[];
}

interface StepSpec {
  code: DeadlineCode;
  start: keyof CaseDates;
  done: keyof CaseDates | null;
}

const STEPS: StepSpec[] = [
  { code: 'register_transfer', start: 'received', done: 'accepted' },
  { code: 'handle', start: 'accepted', done: 'replyIssued' },
  { code: 'review_request', start: 'replyReceived', done: 'reviewRequestReceived' },
  { code: 'review_reply', start: 'reviewRequestReceived', done: 'reviewReplyIssued' },
  { code: 'recheck_request', start: 'reviewReplyReceived', done: 'recheckRequestReceived' },
  { code: 'recheck_reply', start: 'recheckRequestReceived', done: 'recheckReplyIssued' },
];

const LABELS: Partial<Record<keyof CaseDates, string>> = {
  received: '收到信访事项日期',
  accepted: '受理日期',
  replyIssued: '处理意见书出具日期',
  replyReceived: '信访人收到处理意见书的日期',
  reviewRequestReceived: '收到复查请求日期',
  reviewReplyIssued: '复查意见出具日期',
  reviewReplyReceived: '信访人收到复查意见的日期',
  recheckRequestReceived: '收到复核请求日期',
};

export function buildTimeline(service: DeadlineService, input: unknown, today: IsoDate): Timeline {
  const parsed = CaseDates.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new AppError('input_invalid', `案件日期 ${i?.path.join('.') ?? ''} 无效：${i?.message ?? ''}`);
  }
  const dates = parsed.data;
  const warnings: string[] = [];
  const steps: TimelineStep[] = [];
  for (const spec of STEPS) {
    const start = dates[spec.start] as IsoDate | undefined;
    const doneOn = spec.done ? ((dates[spec.done] as IsoDate | undefined) ?? null) : null;
    const rule = service.rule(spec.code);
    if (!start) {
      if (doneOn) warnings.push(`缺少${LABELS[spec.start] ?? spec.start}，无法计算“${rule.what}”的期限。`);
      steps.push({
        code: spec.code,
        what: rule.what,
        party: rule.party,
        start: null,
        due: null,
        doneOn,
        status: doneOn ? 'done' : 'not_started',
        late: false,
        daysLeft: null,
        rule: null,
      });
      continue;
    }
    const extended = spec.code === 'handle' && dates.extensionDays !== undefined;
    const result = extended
      ? service.compute('handle_extended', start, dates.extensionDays)
      : service.compute(spec.code, start);
    warnings.push(...result.warnings);
    const item = result.items[0];
    if (!item) continue;
    const late = doneOn !== null && doneOn > item.due;
    const expired: StepStatus = rule.party === 'authority' ? 'overdue' : 'lapsed';
    const status: StepStatus = doneOn ? 'done' : today > item.due ? expired : 'upcoming';
    steps.push({
      code: spec.code,
      what: rule.what,
      party: rule.party,
      start,
      due: item.due,
      doneOn,
      status,
      late,
      daysLeft: doneOn ? null : daysBetween(today, item.due),
      rule: item.rule,
    });
  }
  return { today, steps, warnings: [...new Set(warnings)] };
}

const STATUS_TEXT: Record<StepStatus, string> = {
  done: '已完成',
  overdue: '已逾期',
  lapsed: '期限已届满',
  upcoming: '未到期',
  not_started: '未开始',
};

export function formatTimeline(t: Timeline): string {
  const lines = [`时限图（截至${formatChineseDate(t.today)}）`];
  for (const s of t.steps) {
    const who = s.party === 'authority' ? '机关' : '信访人';
    if (!s.due) {
      lines.push(
        `○ ${s.what}（${who}）：${STATUS_TEXT[s.status]}${s.doneOn ? `，${formatChineseDate(s.doneOn)}` : ''}`,
      );
      continue;
    }
    let tail = '';
    const lateText = s.party === 'authority' ? '（超过期限）' : '（超过请求期限，由受理机关依法研判）';
    if (s.status === 'done') tail = `，${formatChineseDate(s.doneOn ?? s.due)}完成${s.late ? lateText : ''}`;
    else if (s.status === 'overdue') tail = `，已超期${-(s.daysLeft ?? 0)}日`;
    else if (s.status === 'lapsed') tail = '，信访人未在期限内提出（不属于机关超期）';
    else if (s.status === 'upcoming') tail = `，剩余${s.daysLeft}日`;
    const authorityLate = s.status === 'overdue' || (s.late && s.party === 'authority');
    const mark = authorityLate ? '✗' : s.status === 'lapsed' ? '–' : s.status === 'done' ? '✓' : '…';
    lines.push(
      `${mark} ${s.what}（${who}）：期限至${formatChineseDate(s.due)}，${STATUS_TEXT[s.status]}${tail}`,
    );
  }
  for (const w of t.warnings) lines.push(`提示：${w}`);
  return lines.join('\n');
}
