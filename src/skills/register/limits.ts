/**
 * The time limits of one registered matter, computed from its events by the deadline service (never stored): which
 * limit each event starts, which event meets it, and where each stands today. Steps have the shape of the case
 * timeline (时限图), so the timeline text and SVG renderers draw a registered matter as they draw any case.
 */
import type { CaseEventType, CaseIntake, CaseStatus } from '../../domain/cases.ts';
import { DeadlineCode } from '../../domain/deadlines.ts';
import type { ArticleRef } from '../../domain/law.ts';
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { addDays, daysBetween, formatChineseDate, type IsoDate } from '../deadlines/dates.ts';
import type { DeadlineService } from '../deadlines/deadlines.ts';
import type { Timeline, TimelineStep } from '../deadlines/timeline.ts';

export interface RegisterEvent {
  type: CaseEventType;
  date: IsoDate;
  deliveredOn?: IsoDate | null | undefined;
  days?: number | null | undefined;
}

export interface LimitStep extends TimelineStep {
  basis: ArticleRef;
  /** An option window of the agency (提出异议): passing it unused is not a failure. */
  optional: boolean;
  /** Working days from today to the due date, counted up to a small horizon (null beyond it or when not open). */
  workdaysLeft: number | null;
  /** Days of an approved extension (办理期限), when one applies. */
  extendedDays: number | null;
}

export interface CaseLimits {
  steps: LimitStep[];
  warnings: string[];
  closedOn: IsoDate | null;
}

interface Spec {
  code: DeadlineCode;
  /** The event that starts it; `delivered` takes the event's delivery date (the petitioner's receipt). */
  start: CaseEventType;
  delivered?: boolean;
  done: CaseEventType[];
  intake?: CaseIntake[];
  optional?: boolean;
  /** What is missing when the start event has no delivery date. */
  missing?: string;
}

/** Which events start and meet each limit of deadlines.md, by how the matter came in. */
const SPECS: Spec[] = [
  { code: 'register_transfer', start: 'received', done: ['transferred', 'accepted'], intake: ['bureau'] },
  { code: 'notify_direct', start: 'received', done: ['notified'], intake: ['direct'] },
  { code: 'notify_transferred', start: 'received', done: ['notified'], intake: ['transferred'] },
  {
    code: 'object_transfer',
    start: 'received',
    done: ['accepted', 'notified', 'transferred'],
    intake: ['transferred'],
    optional: true,
  },
  { code: 'handle', start: 'accepted', done: ['replied'] },
  {
    code: 'review_request',
    start: 'replied',
    delivered: true,
    done: ['review_requested'],
    missing: '信访人收到处理意见书的日期（记录“出具处理意见书”时填写送达日期）',
  },
  { code: 'review_reply', start: 'review_requested', done: ['review_replied'] },
  {
    code: 'recheck_request',
    start: 'review_replied',
    delivered: true,
    done: ['recheck_requested'],
    missing: '信访人收到复查意见的日期（记录“出具复查意见”时填写送达日期）',
  },
  { code: 'recheck_reply', start: 'recheck_requested', done: ['recheck_replied'] },
];

/** The limit's name, with the approved extension when there is one. */
function limitWhat(what: string, extendedDays: number | null): string {
  return extendedDays ? `${what}（经批准延长${extendedDays}日）` : what;
}

/**
 * Names the logic below (which events start and meet which limit). Stored open limits are keyed with it: change it
 * when SPECS or computeLimits change, and stored ones are recomputed.
 */
export const LIMITS_VERSION = 'limits-2';

/** How far ahead working days are counted (reminders look a few working days ahead). */
const WORKDAY_HORIZON = 30;

function closedOn(events: RegisterEvent[]): IsoDate | null {
  let closed: IsoDate | null = null;
  for (const e of events) {
    if (e.type === 'closed') closed = e.date;
    else if (e.type === 'reopened' && closed !== null && e.date >= closed) closed = null;
  }
  return closed;
}

/**
 * Memo of one listing: many matters share start dates, so each (limit, start) is computed once per call. Built per
 * call (never module state), so a changed holiday arrangement is seen by the next call.
 */
export class LimitMemo {
  private readonly results = new Map<string, ReturnType<DeadlineService['compute']>>();
  private readonly workdays = new Map<string, number | null>();
  compute(deadlines: DeadlineService, code: string, start: IsoDate, amount?: number) {
    const key = `${code}|${start}|${amount ?? ''}`;
    let r = this.results.get(key);
    if (!r) {
      r = deadlines.compute(code, start, amount);
      this.results.set(key, r);
    }
    return r;
  }
  workdaysUntil(calendar: WorkCalendar, today: IsoDate, due: IsoDate): number | null {
    const key = `${today}|${due}`;
    if (!this.workdays.has(key)) this.workdays.set(key, workdaysUntil(calendar, today, due));
    return this.workdays.get(key) ?? null;
  }
}

export function computeLimits(
  deadlines: DeadlineService,
  calendar: WorkCalendar,
  intake: CaseIntake,
  events: RegisterEvent[],
  today: IsoDate,
  memo: LimitMemo = new LimitMemo(),
): CaseLimits {
  const warnings: string[] = [];
  const steps: LimitStep[] = [];
  const closed = closedOn(events);
  const latest = (type: CaseEventType) => events.filter((e) => e.type === type).at(-1);
  for (const spec of SPECS) {
    if (spec.intake && !spec.intake.includes(intake)) continue;
    const rule = deadlines.rule(spec.code);
    const startEvent = latest(spec.start);
    const start = startEvent ? (spec.delivered ? (startEvent.deliveredOn ?? null) : startEvent.date) : null;
    const base: Omit<LimitStep, 'start' | 'due' | 'doneOn' | 'status' | 'late' | 'daysLeft' | 'rule'> = {
      code: spec.code,
      what: rule.what,
      party: rule.party,
      basis: rule.basis,
      optional: spec.optional ?? false,
      workdaysLeft: null,
      extendedDays: null,
    };
    if (!start) {
      if (startEvent && spec.missing) warnings.push(`缺少${spec.missing}，“${rule.what}”的期限暂无法计算。`);
      steps.push({
        ...base,
        start: null,
        due: null,
        doneOn: null,
        status: 'not_started',
        late: false,
        daysLeft: null,
        rule: null,
      });
      continue;
    }
    const extension =
      spec.code === 'handle'
        ? events.filter((e) => e.type === 'extended' && e.date >= start && e.days != null)
        : [];
    const ext = extension.at(-1);
    const result =
      ext?.days != null
        ? memo.compute(deadlines, 'handle_extended', start, ext.days)
        : memo.compute(deadlines, spec.code, start);
    warnings.push(...result.warnings);
    const item = result.items[0];
    if (!item) continue;
    if (ext) {
      if (extension.length > 1)
        warnings.push('办理期限只能延长一次（条例第三十四条），已按最后一次批准的延期计算。');
      const original = memo.compute(deadlines, 'handle', start).items[0];
      if (original && ext.date > original.due)
        warnings.push(
          `延期于${formatChineseDate(ext.date)}批准，晚于原办理期限届满日${formatChineseDate(original.due)}：延期应在期限内批准。`,
        );
    }
    const doneEvent = events.find((e) => spec.done.includes(e.type) && e.date >= start);
    const doneOn = doneEvent?.date ?? null;
    const late = doneOn !== null && doneOn > item.due;
    let status: TimelineStep['status'];
    if (doneOn) status = 'done';
    else if (closed !== null || today <= item.due) status = closed !== null ? 'not_started' : 'upcoming';
    else status = rule.party === 'authority' && !spec.optional ? 'overdue' : 'lapsed';
    steps.push({
      ...base,
      what: limitWhat(rule.what, ext?.days ?? null),
      extendedDays: ext?.days ?? null,
      basis: item.basis,
      start,
      due: item.due,
      doneOn,
      status,
      late,
      daysLeft: status === 'upcoming' || status === 'overdue' ? daysBetween(today, item.due) : null,
      rule: item.rule,
      workdaysLeft: status === 'upcoming' ? memo.workdaysUntil(calendar, today, item.due) : null,
    });
  }
  return { steps, warnings: [...new Set(warnings)], closedOn: closed };
}

/** Working days after `today` up to and including `due` (0 when due today), or null beyond the horizon. */
export function workdaysUntil(
  calendar: WorkCalendar,
  today: IsoDate,
  due: IsoDate,
  horizon = WORKDAY_HORIZON,
): number | null {
  if (due <= today) return 0;
  let n = 0;
  let d = today;
  while (d < due) {
    d = addDays(d, 1);
    if (calendar.isWorkday(d)) n++;
    if (n > horizon) return null;
  }
  return n;
}

export function asTimeline(limits: CaseLimits, today: IsoDate): Timeline {
  return { today, steps: limits.steps, warnings: limits.warnings };
}

export interface NextStep {
  code: DeadlineCode;
  what: string;
  due: IsoDate;
  basis: ArticleRef;
  party: 'authority' | 'petitioner';
  overdue: boolean;
  workdaysLeft: number | null;
}

/** What `statusOf` reads of a step. */
type StandingStep = Pick<
  LimitStep,
  'code' | 'what' | 'due' | 'basis' | 'party' | 'optional' | 'status' | 'workdaysLeft'
>;

/**
 * A limit that has started and is not yet met: [limit code, due day, extension days]. Its due day does not depend
 * on the day it is looked at; name, party and basis come from the rules when it is read.
 */
export type OpenLimit = [code: DeadlineCode, due: IsoDate, extendedDays: number | null];

const CODES = new Set<string>(DeadlineCode.options);
const STORED = /^([a-z_]+),(\d{4}-\d{2}-\d{2}),(\d{0,2})$/;

/** Stored form of open limits: `code,due,days` joined by `;` (compact: a listing reads thousands at once). */
export function encodeOpenLimits(open: OpenLimit[]): string {
  return open.map(([code, due, days]) => `${code},${due},${days ?? ''}`).join(';');
}

/** The stored form read back; null when it is not well formed (then the limits are recomputed). */
export function decodeOpenLimits(text: string): OpenLimit[] | null {
  if (text === '') return [];
  const out: OpenLimit[] = [];
  for (const part of text.split(';')) {
    const m = STORED.exec(part);
    if (!m || !CODES.has(m[1] as string)) return null;
    out.push([m[1] as DeadlineCode, m[2] as IsoDate, m[3] ? Number(m[3]) : null]);
  }
  return out;
}

/** The limits of a matter still open, as stored with it for listings (none once it is closed). */
export function openLimits(limits: CaseLimits): OpenLimit[] {
  if (limits.closedOn !== null) return [];
  return limits.steps.flatMap((s): OpenLimit[] =>
    s.due && s.start && !s.doneOn ? [[s.code, s.due, s.extendedDays]] : [],
  );
}

/** Where stored open limits stand on `today`: the same statuses `computeLimits` gives. */
export function standing(
  open: OpenLimit[],
  deadlines: DeadlineService,
  calendar: WorkCalendar,
  today: IsoDate,
  memo: LimitMemo = new LimitMemo(),
): (StandingStep & { due: IsoDate })[] {
  return open.map(([code, due, days]) => {
    const rule = deadlines.rule(code);
    const optional = SPECS.find((s) => s.code === code)?.optional ?? false;
    const upcoming = today <= due;
    return {
      code,
      what: limitWhat(rule.what, days),
      due,
      basis: days ? deadlines.rule('handle_extended').basis : rule.basis,
      party: rule.party,
      optional,
      status: upcoming ? 'upcoming' : rule.party === 'authority' && !optional ? 'overdue' : 'lapsed',
      workdaysLeft: upcoming ? memo.workdaysUntil(calendar, today, due) : null,
    };
  });
}

export function statusOf(
  limits: { steps: StandingStep[]; closedOn: IsoDate | null },
  dueSoonWorkdays: number,
): { status: CaseStatus; next: NextStep | null } {
  const pick = (s: StandingStep): NextStep => ({
    code: s.code,
    what: s.what,
    due: s.due ?? '',
    basis: s.basis,
    party: s.party,
    overdue: s.status === 'overdue',
    workdaysLeft: s.workdaysLeft,
  });
  const byDue = (a: StandingStep, b: StandingStep) => (a.due ?? '').localeCompare(b.due ?? '');
  if (limits.closedOn !== null) return { status: 'closed', next: null };
  const overdue = limits.steps.filter((s) => s.status === 'overdue').sort(byDue);
  if (overdue[0]) return { status: 'overdue', next: pick(overdue[0]) };
  const open = limits.steps.filter((s) => s.status === 'upcoming' && s.due);
  const authority = open.filter((s) => s.party === 'authority' && !s.optional).sort(byDue);
  const first = authority[0] ?? [...open].sort(byDue)[0];
  if (!first) return { status: 'on_track', next: null };
  const soon =
    first.party === 'authority' &&
    !first.optional &&
    first.workdaysLeft !== null &&
    first.workdaysLeft <= dueSoonWorkdays;
  return { status: soon ? 'due_soon' : 'on_track', next: pick(first) };
}
