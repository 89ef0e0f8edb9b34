/**
 * The case register (登记台账): matters with dated events, their statutory limits computed by the deadline service
 * on the official calendar, "我的事项" by due date, the daily reminder digest (claimed once across instances) and
 * the yearly figures. One object serves the CLI, Slack and the chat engine (`fromClassification`).
 */
import {
  CaseClassification,
  CaseEventType,
  type CaseForm,
  type CaseIntake,
  type CaseStatus,
  EVENT_LABEL,
  FIELD_LABEL,
  NewCase,
  NewCaseEvent,
  type NewCaseParsed,
} from '../../domain/cases.ts';
import type { Classification } from '../../domain/classification.ts';
import type { DeadlineCode } from '../../domain/deadlines.ts';
import type { ArticleRef } from '../../domain/law.ts';
import { AppError } from '../../errors.ts';
import type { Db, Queryable } from '../../storage/db.ts';
import {
  type CaseQuery,
  type CaseRow,
  claimDigest,
  type EventRow,
  eventsOf,
  type FullSummaries,
  findCases,
  getCase,
  getSetting,
  insertCase,
  insertEvent,
  type ListRow,
  listRows,
  lockCase,
  markDigestSent,
  type PetitionerRow,
  petitionersById,
  putSetting,
  saveListed,
  savePetitioner,
  setClosed,
  setOfficer,
  summariesOf,
} from '../../storage/repositories/cases.ts';
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { addDays, type IsoDate, isValidIsoDate } from '../deadlines/dates.ts';
import type { DeadlineService } from '../deadlines/deadlines.ts';
import {
  type CaseLimits,
  computeLimits,
  decodeOpenLimits,
  encodeOpenLimits,
  LIMITS_VERSION,
  LimitMemo,
  type LimitStep,
  type NextStep,
  type OpenLimit,
  openLimits,
  standing,
  statusOf,
  workdaysUntil,
} from './limits.ts';
import {
  ACCUSATION_HIDDEN,
  isEntitled,
  MASKING_VERSION,
  maskAddress,
  maskDigits,
  maskName,
  maskSummary,
  type Viewer,
} from './privacy.ts';
import { buildReport, type RegisterReport } from './report.ts';

type Classify = (text: string) => Promise<Classification & { engine?: string }>;

export interface RegisterSettings {
  /** Register managers (Slack user ids or names): see every matter in full. */
  managers: string[];
  /** Local hour (0–23) at which the daily digest goes out. */
  digestHour: number;
  /** Channel that gets the whole digest (redacted), besides each officer's DM. */
  digestChannel: string | null;
  /** Limits due within this many working days are reminded of (and shown as 临近期限). */
  dueSoonWorkdays: number;
  /** Open matters received this many days ago or more count as long-running (积案) in the figures. */
  longRunningDays: number;
  /** Time zone of "today" and of the digest hour. */
  timeZone: string;
}

const DEFAULT_SETTINGS: RegisterSettings = {
  managers: [],
  digestHour: 9,
  digestChannel: null,
  dueSoonWorkdays: 3,
  longRunningDays: 90,
  timeZone: 'Asia/Shanghai',
};

interface PetitionerView {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  masked: boolean;
}

export interface CaseSummary {
  id: string;
  receivedDate: IsoDate;
  form: CaseForm;
  summary: string;
  officer: string | null;
  category: string | null;
  status: CaseStatus;
  next: NextStep | null;
  /** An accusation matter the viewer may not read. */
  hidden: boolean;
}

export interface CaseView extends CaseSummary {
  intake: CaseIntake;
  petitioner: PetitionerView | null;
  classification: CaseClassification | null;
  field: string | null;
  receivingBody: string | null;
  subjectBody: string | null;
  externalRef: string | null;
  closedOn: IsoDate | null;
  events: {
    type: string;
    label: string;
    date: IsoDate;
    deliveredOn: IsoDate | null;
    days: number | null;
    reason: string | null;
    note: string | null;
    attachment: string | null;
    by: string | null;
  }[];
  steps: LimitStep[];
  warnings: string[];
}

export interface ListOptions {
  today: IsoDate;
  overdue?: boolean;
  /** Next limit due within this many working days (overdue ones included). */
  dueWithin?: number;
  officer?: string;
  includeClosed?: boolean;
}

export interface DigestItem {
  caseId: string;
  summary: string;
  officer: string | null;
  code: DeadlineCode;
  what: string;
  due: IsoDate;
  basis: ArticleRef;
  overdue: boolean;
  workdaysLeft: number | null;
  /** The event that meets this limit (the reminder's button records it). */
  doneBy: string;
  hidden: boolean;
}

export interface Digest {
  day: IsoDate;
  /** Everything due soon or overdue, redacted for a channel. */
  all: DigestItem[];
  /** Per officer (Slack user id or name), in full for that officer. */
  byOfficer: Map<string, DigestItem[]>;
}

/** The event that meets each limit, for the reminder's button. */
export const DONE_BY: Record<string, string> = {
  register_transfer: 'transferred',
  notify_direct: 'notified',
  notify_transferred: 'notified',
  object_transfer: 'accepted',
  handle: 'replied',
  handle_extended: 'replied',
  review_request: 'review_requested',
  review_reply: 'review_replied',
  recheck_request: 'recheck_requested',
  recheck_reply: 'recheck_replied',
};

/** What a summary line shows of a matter. */
type SummaryRow = Pick<CaseRow, 'id' | 'received_date' | 'form' | 'officer' | 'category'>;

interface Loaded {
  row: CaseRow;
  events: EventRow[];
  limits: CaseLimits;
}

export interface RegisterDeps {
  db: Db;
  deadlines: DeadlineService;
  calendar: WorkCalendar;
  /** Classifies a matter's text (the same classifier chat uses); only the route is kept. */
  classify?: Classify;
}

export class RegisterService {
  constructor(private readonly deps: RegisterDeps) {}

  // ── settings ────────────────────────────────────────────────────────────────────────────────────────────────

  async settings(): Promise<RegisterSettings> {
    const stored = (await getSetting<Partial<RegisterSettings>>(this.deps.db, 'register')) ?? {};
    return { ...DEFAULT_SETTINGS, ...stored };
  }

  async updateSettings(patch: Partial<RegisterSettings>): Promise<RegisterSettings> {
    if (
      patch.digestHour !== undefined &&
      !(Number.isInteger(patch.digestHour) && patch.digestHour >= 0 && patch.digestHour <= 23)
    )
      throw new AppError('input_invalid', '提醒时间应为 0 到 23 之间的整点。');
    if (
      patch.dueSoonWorkdays !== undefined &&
      !(Number.isInteger(patch.dueSoonWorkdays) && patch.dueSoonWorkdays >= 0 && patch.dueSoonWorkdays <= 30)
    )
      throw new AppError('input_invalid', '提前提醒的工作日数应为 0 到 30 之间的整数。');
    if (patch.timeZone !== undefined) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: patch.timeZone });
      } catch (cause) {
        throw new AppError('input_invalid', `时区“${patch.timeZone}”无效，例如 Asia/Shanghai。`, { cause });
      }
    }
    const next = { ...(await this.settings()), ...patch };
    await putSetting(this.deps.db, 'register', next);
    return next;
  }

  /** Today's date (and hour) in the register's time zone. */
  async now(at = new Date()): Promise<{ day: IsoDate; hour: number }> {
    return localNow((await this.settings()).timeZone, at);
  }

  // ── writing ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** Registers a matter: validated, classified when text is given, the petitioner stored once. */
  async add(input: unknown, by?: string): Promise<CaseView> {
    const c = parseOrThrow(NewCase, input, '事项');
    let classification = c.classification ?? null;
    if (!classification && c.text && this.deps.classify)
      classification = keepRoute(await this.deps.classify(c.text));
    const id = await this.deps.db.transaction(async (tx) => {
      const petitionerId = c.petitioner ? await savePetitioner(tx, c.petitioner) : null;
      const caseId = await insertCase(tx, toRow(c, petitionerId, classification));
      await insertEvent(tx, caseId, {
        type: 'received',
        date: c.receivedDate,
        delivered_on: null,
        days: null,
        reason: null,
        note: null,
        attachment: null,
        recorded_by: by ?? null,
      });
      await this.storeListed(tx, caseId);
      return caseId;
    });
    return this.show(id, { manager: true, reveal: false });
  }

  /**
   * The chat hook (“登记这个事项” after a classification): registers the matter in focus with its route. The
   * summary is the officer's description; the date defaults to today.
   */
  async fromClassification(args: {
    classification: Classification & { engine?: string };
    summary: string;
    officer?: string;
    receivedDate?: IsoDate;
    form?: CaseForm;
    petitioner?: { name: string; idNumber?: string; phone?: string; address?: string };
  }): Promise<CaseView> {
    return this.add(
      {
        receivedDate: args.receivedDate ?? (await this.now()).day,
        form: args.form ?? 'letter',
        summary: args.summary,
        classification: keepRoute(args.classification),
        ...(args.officer ? { officer: args.officer } : {}),
        ...(args.petitioner ? { petitioner: args.petitioner } : {}),
      },
      args.officer,
    );
  }

  async addEvent(caseId: string, input: unknown, by?: string): Promise<CaseView> {
    const e = parseOrThrow(NewCaseEvent, input, '事件');
    const loaded = await this.load(caseId, (await this.now()).day);
    if (loaded.limits.closedOn !== null && e.type !== 'reopened')
      throw new AppError(
        'input_invalid',
        `事项 ${caseId} 已于 ${loaded.limits.closedOn} 办结；如需继续办理，请先记录“重新办理”（reopened）。`,
      );
    if (e.type === 'reopened' && loaded.limits.closedOn === null)
      throw new AppError('input_invalid', `事项 ${caseId} 尚未办结，无需重新办理。`);
    if (e.type === 'reopened' && loaded.limits.closedOn !== null && e.date < loaded.limits.closedOn)
      throw new AppError(
        'input_invalid',
        `重新办理的日期 ${e.date} 早于办结日期 ${loaded.limits.closedOn}。`,
      );
    if (e.date < loaded.row.received_date)
      throw new AppError(
        'input_invalid',
        `事件日期 ${e.date} 早于收到信访事项的日期 ${loaded.row.received_date}。`,
      );
    if (e.type === 'extended' && !loaded.events.some((x) => x.type === 'accepted'))
      throw new AppError('input_invalid', '尚未记录受理，无法延长办理期限。');
    await this.deps.db.transaction(async (tx) => {
      // The matter is locked before anything is written, so concurrent writers of one matter run one after the other.
      await lockCase(tx, caseId);
      await insertEvent(tx, caseId, {
        type: e.type,
        date: e.date,
        delivered_on: e.deliveredOn ?? null,
        days: e.days ?? null,
        reason: e.reason ?? null,
        note: e.note ?? null,
        attachment: e.attachment ?? null,
        recorded_by: e.by ?? by ?? null,
      });
      if (e.type === 'closed') await setClosed(tx, caseId, e.date);
      if (e.type === 'reopened') await setClosed(tx, caseId, null);
      await this.storeListed(tx, caseId);
    });
    return this.show(caseId, { manager: true, reveal: false });
  }

  async assign(caseId: string, officer: string | null): Promise<void> {
    await this.load(caseId, (await this.now()).day);
    await this.deps.db.transaction(async (tx) => {
      await lockCase(tx, caseId);
      await setOfficer(tx, caseId, officer);
      await this.storeListed(tx, caseId);
    });
  }

  // ── reading ─────────────────────────────────────────────────────────────────────────────────────────────────

  async show(caseId: string, viewer: Viewer, today?: IsoDate): Promise<CaseView> {
    const settings = await this.settings();
    const day = today ?? localNow(settings.timeZone).day;
    const loaded = await this.load(caseId, day);
    const petitioners = await petitionersById(
      this.deps.db,
      loaded.row.petitioner_id ? [loaded.row.petitioner_id] : [],
    );
    return this.view(loaded, viewer, settings, petitioners);
  }

  /**
   * Matters with their next limit, most pressing first. Reads each matter's stored open limits (kept when its events
   * change) rather than every event, so a register of ten thousand matters lists in tens of milliseconds.
   */
  async list(opts: ListOptions, viewer: Viewer): Promise<CaseSummary[]> {
    const settings = await this.settings();
    const q: CaseQuery = {};
    if (!opts.includeClosed) q.open = true;
    if (opts.officer !== undefined) q.officer = opts.officer;
    const memo = new LimitMemo();
    const out: CaseSummary[] = [];
    const full: FullSummaries = !viewer.reveal
      ? 'none'
      : viewer.manager || (viewer.userId && settings.managers.includes(viewer.userId))
        ? 'all'
        : viewer.userId
          ? { officer: viewer.userId }
          : 'none';
    // Matters sharing the same open limits (most do: the same dates) stand the same today: computed once each.
    const standings = new Map<string, ReturnType<typeof statusOf>>();
    for (const { row, open } of await this.openRows(q, full)) {
      const hidden = row.category === 'accusation' && !isEntitled(viewer, row.officer, settings.managers);
      const key = `${row.closed_on ?? ''}|${row.open_limits ?? ''}`;
      let standingToday = standings.get(key);
      if (!standingToday) {
        standingToday = statusOf(
          {
            steps: standing(open, this.deps.deadlines, this.deps.calendar, opts.today, memo),
            closedOn: row.closed_on,
          },
          settings.dueSoonWorkdays,
        );
        standings.set(key, standingToday);
      }
      const s = this.summaryOf(
        row,
        standingToday,
        hidden,
        hidden ? ACCUSATION_HIDDEN : (row.summary ?? row.summary_masked ?? ''),
      );
      if (opts.overdue && s.status !== 'overdue') continue;
      if (opts.dueWithin !== undefined) {
        if (!s.next) continue;
        const left = s.next.overdue
          ? 0
          : workdaysUntil(this.deps.calendar, opts.today, s.next.due, opts.dueWithin);
        if (left === null || left > opts.dueWithin) continue;
      }
      out.push(s);
    }
    return sortByUrgency(out);
  }

  /** “我的事项”: the officer's open matters by due date. */
  async mine(officer: string, today: IsoDate): Promise<CaseSummary[]> {
    return this.list({ today, officer }, { userId: officer, reveal: true });
  }

  /** Whether this user is a register manager (configured). */
  async isManager(user: string): Promise<boolean> {
    return (await this.settings()).managers.includes(user);
  }

  /** Every matter in full (export); personal data masked unless `reveal`. */
  async exportAll(reveal: boolean, today: IsoDate): Promise<CaseView[]> {
    const settings = await this.settings();
    const rows = await findCases(this.deps.db, {});
    const events = await eventsOf(this.deps.db, null);
    const petitioners = await petitionersById(
      this.deps.db,
      rows.map((r) => r.petitioner_id).filter((x): x is string => x !== null),
    );
    const memo = new LimitMemo();
    return rows.map((row) =>
      this.view(
        this.limitsOf(row, events.get(row.id) ?? [], today, memo),
        { manager: true, reveal },
        settings,
        petitioners,
      ),
    );
  }

  /** The yearly figures (条例第四十一条) of matters received from `from` to `to`. */
  async report(from: IsoDate, to: IsoDate, today: IsoDate): Promise<RegisterReport> {
    return buildReport(this.deps.db, this, from, to, today);
  }

  // ── reminders ───────────────────────────────────────────────────────────────────────────────────────────────

  /** Limits due within the configured working days, and overdue ones, of every open matter. */
  async digest(today: IsoDate): Promise<Digest> {
    const settings = await this.settings();
    const all: DigestItem[] = [];
    const byOfficer = new Map<string, DigestItem[]>();
    const memo = new LimitMemo();
    const standings = new Map<string, ReturnType<typeof standing>>();
    for (const { row, open } of await this.openRows({ open: true }, 'all')) {
      const key = row.open_limits ?? '';
      let steps = standings.get(key);
      if (!steps) {
        steps = standing(open, this.deps.deadlines, this.deps.calendar, today, memo);
        standings.set(key, steps);
      }
      for (const s of steps) {
        if (s.party !== 'authority' || s.optional) continue;
        const overdue = s.status === 'overdue';
        const soon =
          s.status === 'upcoming' && s.workdaysLeft !== null && s.workdaysLeft <= settings.dueSoonWorkdays;
        if (!overdue && !soon) continue;
        const full: DigestItem = {
          caseId: row.id,
          summary: row.summary ?? '',
          officer: row.officer,
          code: s.code,
          what: s.what,
          due: s.due,
          basis: s.basis,
          overdue,
          workdaysLeft: s.workdaysLeft,
          doneBy: DONE_BY[s.code] ?? 'closed',
          hidden: false,
        };
        if (row.officer) {
          const mine = byOfficer.get(row.officer);
          if (mine) mine.push(full);
          else byOfficer.set(row.officer, [full]);
        }
        const accusation = row.category === 'accusation';
        all.push({
          ...full,
          summary: accusation ? ACCUSATION_HIDDEN : (row.summary_masked ?? ''),
          hidden: accusation,
        });
      }
    }
    // ISO days and ids in plain string order.
    const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const order = (a: DigestItem, b: DigestItem) => cmp(a.due, b.due) || cmp(a.caseId, b.caseId);
    all.sort(order);
    for (const list of byOfficer.values()) list.sort(order);
    return { day: today, all, byOfficer };
  }

  /**
   * Sends today's digest if it is time and no instance has sent it yet: the day is claimed in the database first,
   * so two instances (or a restart) never send it twice. Returns whether this call sent it.
   */
  async sendDailyDigest(
    instance: string,
    send: (digest: Digest, settings: RegisterSettings) => Promise<void>,
    at = new Date(),
  ): Promise<boolean> {
    const settings = await this.settings();
    const { day, hour } = localNow(settings.timeZone, at);
    if (hour < settings.digestHour) return false;
    if (!(await claimDigest(this.deps.db, day, instance))) return false;
    const digest = await this.digest(day);
    await send(digest, settings);
    await markDigestSent(this.deps.db, day);
    return true;
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────────────

  /** The key stored listing data is computed under: deadline rules and calendar, limit logic, masking. */
  private get listKey(): string {
    return `${this.deps.deadlines.fingerprint}.${LIMITS_VERSION}.${MASKING_VERSION}`;
  }

  /** Recomputes and stores what listings read of a matter (inside the transaction that changed it). */
  private async storeListed(tx: Queryable, caseId: string): Promise<void> {
    // Locked first: another writer's committed events and officer are then all seen (no lost update).
    const row = await lockCase(tx, caseId);
    if (!row) return;
    const events = (await eventsOf(tx, [caseId])).get(caseId) ?? [];
    const petitioner = row.petitioner_id
      ? (await petitionersById(tx, [row.petitioner_id])).get(row.petitioner_id)
      : undefined;
    const { limits } = this.limitsOf(row, events, row.received_date);
    await saveListed(
      tx,
      [
        {
          row: {
            ...row,
            summary_masked: maskSummary(row.summary, petitioner?.name ?? null),
            open_limits: encodeOpenLimits(openLimits(limits)),
          },
        },
      ],
      this.listKey,
    );
  }

  /**
   * The listing rows with their open limits. What was stored under another key (the holiday arrangement, the rules
   * or the masking changed since, or the matter predates stored listing data) is recomputed and written back.
   */
  private async openRows(q: CaseQuery, full: FullSummaries): Promise<{ row: ListRow; open: OpenLimit[] }[]> {
    const key = this.listKey;
    const rows = await listRows(this.deps.db, q, full, key);
    const out: { row: ListRow; open: OpenLimit[] }[] = [];
    const stale: ListRow[] = [];
    const decoded = new Map<string, OpenLimit[] | null>();
    for (const row of rows) {
      let open: OpenLimit[] | null = null;
      if (row.open_limits !== null) {
        open = decoded.get(row.open_limits) ?? null;
        if (!decoded.has(row.open_limits)) {
          open = decodeOpenLimits(row.open_limits);
          decoded.set(row.open_limits, open);
        }
      }
      if (open) out.push({ row, open });
      else stale.push(row);
    }
    if (stale.length === 0) return out;
    const ids = stale.map((r) => r.id);
    const events = await eventsOf(this.deps.db, stale.length > 2000 ? null : ids);
    const texts = await summariesOf(this.deps.db, ids);
    const petitioners = await petitionersById(
      this.deps.db,
      [...texts.values()].flatMap((t) => (t.petitioner_id ? [t.petitioner_id] : [])),
    );
    const memo = new LimitMemo();
    const fresh = stale.map((row) => {
      const limits = this.eventLimits(row.intake, events.get(row.id) ?? [], row.received_date, memo);
      const text = texts.get(row.id);
      const name = text?.petitioner_id ? (petitioners.get(text.petitioner_id)?.name ?? null) : null;
      const open = openLimits(limits);
      row.summary_masked = maskSummary(text?.summary ?? '', name);
      row.open_limits = encodeOpenLimits(open);
      return { row, open };
    });
    await saveListed(
      this.deps.db,
      fresh.map((f) => ({ row: f.row })),
      key,
      true,
    );
    return [...out, ...fresh];
  }

  async load(caseId: string, today: IsoDate): Promise<Loaded> {
    const row = await getCase(this.deps.db, caseId);
    if (!row) throw new AppError('not_found', `没有编号为 ${caseId} 的事项。`);
    const events = (await eventsOf(this.deps.db, [caseId])).get(caseId) ?? [];
    return this.limitsOf(row, events, today);
  }

  limitsOf(row: CaseRow, events: EventRow[], today: IsoDate, memo?: LimitMemo): Loaded {
    return { row, events, limits: this.eventLimits(row.intake, events, today, memo) };
  }

  private eventLimits(intake: string, events: EventRow[], today: IsoDate, memo?: LimitMemo): CaseLimits {
    return computeLimits(
      this.deps.deadlines,
      this.deps.calendar,
      intake as CaseIntake,
      events.flatMap((e) => {
        const type = CaseEventType.safeParse(e.type);
        return type.success
          ? [{ type: type.data, date: e.date, deliveredOn: e.delivered_on, days: e.days }]
          : [];
      }),
      today,
      memo,
    );
  }

  private summaryOf(
    row: SummaryRow,
    { status, next }: ReturnType<typeof statusOf>,
    hidden: boolean,
    summary: string,
  ): CaseSummary {
    return {
      id: row.id,
      receivedDate: row.received_date,
      form: row.form as CaseForm,
      summary,
      officer: row.officer,
      category: row.category,
      status,
      next,
      hidden,
    };
  }

  private view(
    loaded: Loaded,
    viewer: Viewer,
    settings: RegisterSettings,
    petitioners: Map<string, PetitionerRow>,
  ): CaseView {
    const { row, events, limits } = loaded;
    const p = row.petitioner_id ? (petitioners.get(row.petitioner_id) ?? null) : null;
    const entitled = isEntitled(viewer, row.officer, settings.managers);
    const hidden = row.category === 'accusation' && !entitled;
    const s = this.summaryOf(
      row,
      statusOf(limits, settings.dueSoonWorkdays),
      hidden,
      hidden
        ? ACCUSATION_HIDDEN
        : entitled && viewer.reveal
          ? row.summary
          : maskSummary(row.summary, p?.name ?? null),
    );
    const full = entitled && viewer.reveal === true;
    const classification = row.classification ? CaseClassification.safeParse(row.classification) : null;
    return {
      ...s,
      intake: row.intake as CaseIntake,
      petitioner: s.hidden || !p ? null : petitionerView(p, full),
      classification: classification?.success
        ? s.hidden
          ? { ...classification.data, facts: [] }
          : classification.data
        : null,
      field: row.field,
      receivingBody: row.receiving_body,
      subjectBody: s.hidden ? null : row.subject_body,
      externalRef: row.external_ref,
      closedOn: limits.closedOn,
      events: events.map((e) => ({
        type: e.type,
        label: EVENT_LABEL[e.type as keyof typeof EVENT_LABEL] ?? e.type,
        date: e.date,
        deliveredOn: e.delivered_on,
        days: e.days,
        reason: s.hidden ? null : e.reason,
        note: s.hidden ? null : e.note,
        attachment: s.hidden ? null : e.attachment,
        by: e.recorded_by,
      })),
      steps: limits.steps,
      warnings: limits.warnings,
    };
  }
}

function petitionerView(p: PetitionerRow, full: boolean): PetitionerView {
  const v: PetitionerView = { name: full ? p.name : maskName(p.name), masked: !full };
  if (p.id_number) v.idNumber = full ? p.id_number : maskDigits(p.id_number, 3, 4);
  if (p.phone) v.phone = full ? p.phone : maskDigits(p.phone, 3, 4);
  if (p.address) v.address = full ? p.address : maskAddress(p.address);
  return v;
}

const STATUS_ORDER: Record<CaseStatus, number> = { overdue: 0, due_soon: 1, on_track: 2, closed: 3 };

/** Most pressing first: overdue, due soon, on track, closed; then by due day and id (plain string order). */
function sortByUrgency(list: CaseSummary[]): CaseSummary[] {
  const keyed = list.map((s) => ({ s, k: `${STATUS_ORDER[s.status]}${s.next?.due ?? '9999'}${s.id}` }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.s);
}

function keepRoute(c: Classification & { engine?: string }): CaseClassification {
  return {
    category: c.category,
    channel: c.channel,
    subchannel: c.subchannel,
    article31Item: c.article31Item,
    handlingBody: c.handlingBody,
    facts: (c.facts ?? []).map((f) => ({ name: f.name, value: f.value })),
    ...(c.engine ? { engine: c.engine } : {}),
  };
}

function toRow(c: NewCaseParsed, petitionerId: string | null, classification: CaseClassification | null) {
  return {
    received_date: c.receivedDate,
    form: c.form,
    intake: c.intake,
    summary: c.summary,
    petitioner_id: petitionerId,
    officer: c.officer ?? null,
    category: classification?.category ?? null,
    classification,
    field: c.field ?? null,
    receiving_body: c.receivingBody ?? null,
    subject_body: c.subjectBody ?? null,
    external_ref: c.externalRef ?? null,
  };
}

function parseOrThrow<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
  what: string,
): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const text = r.error.issues
    .map(
      (i) =>
        `${i.path.length ? `${i.path.map((k) => FIELD_LABEL[String(k)] ?? String(k)).join('.')}：` : ''}${i.message}`,
    )
    .join('；');
  throw new AppError('input_invalid', `${what}数据无效：${text}`);
}

function localNow(timeZone: string, at = new Date()): { day: IsoDate; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  return {
    day: isValidIsoDate(day) ? day : addDays(at.toISOString().slice(0, 10), 0),
    hour: Number(get('hour')),
  };
}
