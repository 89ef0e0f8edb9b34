/**
 * Case register storage: matters, their events, the petitioner's personal data (one row per person, referenced by
 * the matters), register settings and the daily digest claim. No time limit is stored here.
 */
import { randomUUID } from 'node:crypto';
import { withoutControls } from '../../domain/cases.ts';
import type { Queryable } from '../db.ts';

export interface PetitionerRow {
  id: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  address: string | null;
}

export interface CaseRow {
  id: string;
  received_date: string;
  form: string;
  intake: string;
  summary: string;
  petitioner_id: string | null;
  officer: string | null;
  category: string | null;
  classification: unknown;
  field: string | null;
  receiving_body: string | null;
  subject_body: string | null;
  external_ref: string | null;
  closed_on: string | null;
}

export interface EventRow {
  id: number;
  case_id: string;
  type: string;
  date: string;
  delivered_on: string | null;
  days: number | null;
  reason: string | null;
  note: string | null;
  attachment: string | null;
  recorded_by: string | null;
}

export type NewCaseRow = Omit<CaseRow, 'id' | 'closed_on'>;
export type NewEventRow = Omit<EventRow, 'id' | 'case_id'>;

/** Stores a petitioner once: the same ID number finds the existing person (whose details are updated). */
export async function savePetitioner(
  db: Queryable,
  p: {
    name: string;
    idNumber?: string | undefined;
    phone?: string | undefined;
    address?: string | undefined;
  },
): Promise<string> {
  if (p.idNumber) {
    const rows = await db.query<{ id: string }>(
      `INSERT INTO petitioners (id, name, id_number, phone, address) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id_number) WHERE id_number IS NOT NULL DO UPDATE SET name = EXCLUDED.name,
         phone = COALESCE(EXCLUDED.phone, petitioners.phone), address = COALESCE(EXCLUDED.address, petitioners.address)
       RETURNING id`,
      [randomUUID(), p.name, p.idNumber, p.phone ?? null, p.address ?? null],
    );
    return rows[0]?.id ?? '';
  }
  const id = randomUUID();
  await db.query('INSERT INTO petitioners (id, name, phone, address) VALUES ($1, $2, $3, $4)', [
    id,
    p.name,
    p.phone ?? null,
    p.address ?? null,
  ]);
  return id;
}

export async function petitionersById(db: Queryable, ids: string[]): Promise<Map<string, PetitionerRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<PetitionerRow>(
    'SELECT id, name, id_number, phone, address FROM petitioners WHERE id = ANY($1::text[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** A new matter with the id `YYYY-NNNNNN` (year received, register sequence). */
export async function insertCase(db: Queryable, c: NewCaseRow): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO cases (id, received_date, form, intake, summary, petitioner_id, officer, category, classification,
       field, receiving_body, subject_body, external_ref)
     VALUES (substr($1, 1, 4) || '-' || lpad(nextval('case_seq')::text, 6, '0'), $1, $2, $3, $4, $5, $6, $7, $8,
       $9, $10, $11, $12)
     RETURNING id`,
    [
      c.received_date,
      c.form,
      c.intake,
      c.summary,
      c.petitioner_id,
      c.officer,
      c.category,
      c.classification === null ? null : JSON.stringify(c.classification),
      c.field,
      c.receiving_body,
      c.subject_body,
      c.external_ref,
    ],
  );
  return rows[0]?.id ?? '';
}

export async function insertEvent(db: Queryable, caseId: string, e: NewEventRow): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO case_events (case_id, type, date, delivered_on, days, reason, note, attachment, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [caseId, e.type, e.date, e.delivered_on, e.days, e.reason, e.note, e.attachment, e.recorded_by],
  );
  return Number(rows[0]?.id ?? 0);
}

export async function setClosed(db: Queryable, caseId: string, closedOn: string | null): Promise<void> {
  await db.query('UPDATE cases SET closed_on = $2, updated_at = now() WHERE id = $1', [caseId, closedOn]);
}

export async function setOfficer(db: Queryable, caseId: string, officer: string | null): Promise<void> {
  await db.query('UPDATE cases SET officer = $2, updated_at = now() WHERE id = $1', [
    caseId,
    officer === null ? null : (withoutControls(officer) as string),
  ]);
}

const CASE_COLUMNS = `id, received_date, form, intake, summary, petitioner_id, officer, category, classification,
  field, receiving_body, subject_body, external_ref, closed_on`;
const EVENT_COLUMNS = 'id, case_id, type, date, delivered_on, days, reason, note, attachment, recorded_by';

/**
 * The matter's row, locked until the transaction ends: whatever the transaction reads after this (events, officer)
 * includes every change committed by another writer before it, so stored listing data is never computed from a
 * stale view (PostgreSQL's read-committed isolation; PGlite has one connection).
 */
export async function lockCase(db: Queryable, id: string): Promise<CaseRow | null> {
  const rows = await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

export async function getCase(db: Queryable, id: string): Promise<CaseRow | null> {
  const rows = await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export interface CaseQuery {
  /** Only matters not closed. */
  open?: boolean;
  officer?: string;
  /** Received on or after / on or before (ISO days). */
  receivedFrom?: string;
  receivedTo?: string;
}

export async function findCases(db: Queryable, q: CaseQuery = {}): Promise<CaseRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.open) where.push('closed_on IS NULL');
  if (q.officer !== undefined) {
    params.push(q.officer);
    where.push(`officer = $${params.length}`);
  }
  if (q.receivedFrom !== undefined) {
    params.push(q.receivedFrom);
    where.push(`received_date >= $${params.length}`);
  }
  if (q.receivedTo !== undefined) {
    params.push(q.receivedTo);
    where.push(`received_date <= $${params.length}`);
  }
  return db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`,
    params,
  );
}

/** Events of the given matters (all matters when `ids` is null), in the order they happened. */
export async function eventsOf(db: Queryable, ids: string[] | null): Promise<Map<string, EventRow[]>> {
  const rows =
    ids === null
      ? await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM case_events ORDER BY case_id, date, id`)
      : ids.length === 0
        ? []
        : await db.query<EventRow>(
            `SELECT ${EVENT_COLUMNS} FROM case_events WHERE case_id = ANY($1::text[]) ORDER BY case_id, date, id`,
            [ids],
          );
  const out = new Map<string, EventRow[]>();
  for (const r of rows) {
    const list = out.get(r.case_id);
    const row = { ...r, id: Number(r.id) };
    if (list) list.push(row);
    else out.set(r.case_id, [row]);
  }
  return out;
}

/** What a listing reads of a matter. */
export interface ListRow {
  id: string;
  received_date: string;
  form: string;
  intake: string;
  /** The summary in full: only where the listing may show it (see `listRows`), else null. */
  summary: string | null;
  summary_masked: string | null;
  petitioner_id: string | null;
  officer: string | null;
  category: string | null;
  closed_on: string | null;
  /** Stored open limits; null when the matter's listing data is stale (computed under another key, or never). */
  open_limits: string | null;
}

/** Whose summaries a listing reads in full: every matter's, none, or those of one officer's matters. */
export type FullSummaries = 'all' | 'none' | { officer: string };

// A matter's listing line: its listed fields joined by the unit separator, kept in cases.list_line under the key
// it was computed with, so that a listing reads one short string per matter (per-row, per-column results are slow
// on the embedded driver). Separators are replaced in every value, so a line always splits into LINE_FIELDS.
const UNIT = '\x1f';
const RECORD = '\x1e';
const NULL = '\x15';
const LINE_FIELDS = [
  'id',
  'received_date',
  'form',
  'intake',
  'summary_masked',
  'petitioner_id',
  'officer',
  'category',
  'closed_on',
  'open_limits',
] as const;
type LineRow = Pick<ListRow, (typeof LINE_FIELDS)[number]>;

function listLine(row: LineRow): string {
  return LINE_FIELDS.map((f) => {
    const v = row[f];
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the separators are what is replaced.
    return v === null ? NULL : v.replace(/[\x15\x1e\x1f]/g, ' ');
  }).join(UNIT);
}

function filters(q: CaseQuery, params: unknown[]): string[] {
  const where: string[] = [];
  if (q.open) where.push('closed_on IS NULL');
  if (q.officer !== undefined) {
    params.push(q.officer);
    where.push(`officer = $${params.length}`);
  }
  return where;
}

/**
 * The listing rows of matters: from the stored lines computed under `key`; matters without one (stale) come back
 * with `open_limits` null, for the caller to recompute and store. Full summaries only as `full` allows.
 */
export async function listRows(
  db: Queryable,
  q: CaseQuery,
  full: FullSummaries,
  key: string,
): Promise<ListRow[]> {
  const params: unknown[] = [key];
  const where = filters(q, params);
  const and = where.map((w) => ` AND ${w}`).join('');
  const lines = await db.query<{ j: string | null }>(
    `SELECT string_agg(list_line, chr(30)) AS j FROM cases WHERE limits_key = $1 AND list_line IS NOT NULL${and}`,
    params,
  );
  const out: ListRow[] = [];
  const broken: string[] = [];
  for (const line of lines[0]?.j ? lines[0].j.split(RECORD) : []) {
    const v = line.split(UNIT);
    if (v.length !== LINE_FIELDS.length) {
      broken.push(v[0] ?? '');
      continue;
    }
    const at = (k: number) => (v[k] === NULL ? null : (v[k] ?? null));
    out.push({
      id: v[0] ?? '',
      received_date: v[1] ?? '',
      form: v[2] ?? '',
      intake: v[3] ?? '',
      summary: null,
      summary_masked: at(4),
      petitioner_id: at(5),
      officer: at(6),
      category: at(7),
      closed_on: at(8),
      open_limits: at(9),
    });
  }
  const stale = await db.query<Omit<ListRow, 'summary' | 'summary_masked' | 'open_limits'>>(
    `SELECT id, received_date, form, intake, petitioner_id, officer, category, closed_on FROM cases
     WHERE (limits_key IS DISTINCT FROM $1 OR list_line IS NULL OR id = ANY($${params.length + 1}::text[]))${and}`,
    [...params, broken],
  );
  for (const r of stale) out.push({ ...r, summary: null, summary_masked: null, open_limits: null });
  if (full !== 'none') {
    const p2: unknown[] = [];
    const w2 = filters(q, p2);
    if (full !== 'all') {
      p2.push(full.officer);
      w2.push(`officer = $${p2.length}`);
    }
    const texts = await db.query<{ j: string | null }>(
      `SELECT string_agg(id || chr(31) || translate(summary, chr(30) || chr(31), '  '), chr(30)) AS j FROM cases
       ${w2.length ? `WHERE ${w2.join(' AND ')}` : ''}`,
      p2,
    );
    const byId = new Map<string, string>();
    for (const t of texts[0]?.j ? texts[0].j.split(RECORD) : []) {
      const cut = t.indexOf(UNIT);
      byId.set(t.slice(0, cut), t.slice(cut + 1));
    }
    for (const r of out) r.summary = byId.get(r.id) ?? null;
  }
  return out;
}

/**
 * Stores what listings read of matters (open limits, masked summary, the listing line), computed under `key`.
 * `onlyStale` leaves a matter alone when another writer has meanwhile stored it under the same key.
 */
export async function saveListed(
  db: Queryable,
  items: { row: LineRow }[],
  key: string,
  onlyStale = false,
): Promise<void> {
  if (items.length === 0) return;
  await db.query(
    `UPDATE cases SET open_limits = v.o, summary_masked = v.m, list_line = v.l, limits_key = $5
     FROM (SELECT unnest($1::text[]) AS id, unnest($2::text[]) AS o, unnest($3::text[]) AS m,
                  unnest($4::text[]) AS l) v
     WHERE cases.id = v.id${onlyStale ? ' AND cases.limits_key IS DISTINCT FROM $5' : ''}`,
    [
      items.map((i) => i.row.id),
      items.map((i) => i.row.open_limits),
      items.map((i) => i.row.summary_masked),
      items.map((i) => listLine(i.row)),
      key,
    ],
  );
}

/** Summaries and petitioners of the given matters. */
export async function summariesOf(
  db: Queryable,
  ids: string[],
): Promise<Map<string, { summary: string; petitioner_id: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; summary: string; petitioner_id: string | null }>(
    'SELECT id, summary, petitioner_id FROM cases WHERE id = ANY($1::text[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function getSetting<T>(db: Queryable, key: string): Promise<T | undefined> {
  const rows = await db.query<{ value: T }>('SELECT value FROM register_settings WHERE key = $1', [key]);
  return rows[0]?.value;
}

export async function putSetting(db: Queryable, key: string, value: unknown): Promise<void> {
  await db.query(
    `INSERT INTO register_settings (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [key, JSON.stringify(value)],
  );
}

/** True for exactly one caller per day, across all instances sharing the database. */
export async function claimDigest(db: Queryable, day: string, instance: string): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO register_digests (day, claimed_by) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING RETURNING day',
    [day, instance],
  );
  return rows.length === 1;
}

export async function markDigestSent(db: Queryable, day: string): Promise<void> {
  await db.query('UPDATE register_digests SET sent_at = now() WHERE day = $1', [day]);
}
