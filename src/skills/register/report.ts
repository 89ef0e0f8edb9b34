/**
 * The yearly figures of the register (信访情况年度报告, 条例第四十一条第一款第（一）项; 第四十条 on analysing
 * them): counts of matters received in a period by form, category, route, field and receiving body, the bodies
 * complained about most, on-time rates for acceptance notices and replies, and overdue and long-running matters.
 */
import { type CaseForm, FORM_LABEL } from '../../domain/cases.ts';
import type { Db } from '../../storage/db.ts';
import { eventsOf, findCases } from '../../storage/repositories/cases.ts';
import { CHANNEL_NAME } from '../classify/format.ts';
import { addDays, daysBetween, type IsoDate } from '../deadlines/dates.ts';
import { LimitMemo, statusOf } from './limits.ts';
import type { RegisterService } from './service.ts';

export const CATEGORY_LABEL: Record<string, string> = {
  suggestion: '建议意见类',
  accusation: '检举控告类',
  claim: '申诉求决类',
};

interface Count {
  key: string;
  label: string;
  count: number;
}

interface OnTime {
  /** Limits whose due date has passed or that were met, in the period. */
  counted: number;
  onTime: number;
  late: number;
  /** Open and past due. */
  overdue: number;
  rate: number | null;
}

export interface RegisterReport {
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
  total: number;
  closed: number;
  byForm: Count[];
  byCategory: Count[];
  byRoute: Count[];
  byField: Count[];
  byReceivingBody: Count[];
  topSubjects: Count[];
  notices: OnTime;
  replies: OnTime;
  overdue: { id: string; code: string; due: IsoDate }[];
  longRunning: { id: string; receivedDate: IsoDate; days: number }[];
  longRunningDays: number;
}

const NOTICE_CODES = new Set(['register_transfer', 'notify_direct', 'notify_transferred']);
const REPLY_CODES = new Set(['handle', 'review_reply', 'recheck_reply']);
const UNSET = '未填写';

export async function buildReport(
  db: Db,
  register: RegisterService,
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
): Promise<RegisterReport> {
  const settings = await register.settings();
  const asOf = to < today ? to : today;
  const rows = await findCases(db, { receivedFrom: from, receivedTo: to });
  const events = await eventsOf(db, rows.length > 2000 ? null : rows.map((r) => r.id));
  const tally = () => new Map<string, number>();
  const form = tally();
  const category = tally();
  const route = tally();
  const field = tally();
  const receiving = tally();
  const subjects = tally();
  const bump = (m: Map<string, number>, k: string | null | undefined) =>
    m.set(k ?? UNSET, (m.get(k ?? UNSET) ?? 0) + 1);
  const notices = { counted: 0, onTime: 0, late: 0, overdue: 0 };
  const replies = { counted: 0, onTime: 0, late: 0, overdue: 0 };
  const overdue: RegisterReport['overdue'] = [];
  const longRunning: RegisterReport['longRunning'] = [];
  let closed = 0;
  const memo = new LimitMemo();
  for (const row of rows) {
    const loaded = register.limitsOf(row, events.get(row.id) ?? [], asOf, memo);
    bump(form, row.form);
    bump(category, row.category);
    const c = row.classification as { channel?: string } | null;
    bump(route, c?.channel ?? null);
    bump(field, row.field);
    bump(receiving, row.receiving_body);
    if (row.subject_body) bump(subjects, row.subject_body);
    if (loaded.limits.closedOn !== null) closed++;
    for (const s of loaded.limits.steps) {
      const bucket = NOTICE_CODES.has(s.code) ? notices : REPLY_CODES.has(s.code) ? replies : null;
      if (!bucket || !s.due) continue;
      if (s.status === 'done') {
        bucket.counted++;
        if (s.late) bucket.late++;
        else bucket.onTime++;
      } else if (s.status === 'overdue') {
        bucket.counted++;
        bucket.overdue++;
      }
    }
    const { status, next } = statusOf(loaded.limits, settings.dueSoonWorkdays);
    if (status === 'overdue' && next) overdue.push({ id: row.id, code: next.code, due: next.due });
    const age = daysBetween(row.received_date, asOf);
    if (loaded.limits.closedOn === null && age >= settings.longRunningDays)
      longRunning.push({ id: row.id, receivedDate: row.received_date, days: age });
  }
  const counts = (m: Map<string, number>, label: (k: string) => string): Count[] =>
    [...m.entries()]
      .map(([key, count]) => ({ key, label: key === UNSET ? UNSET : label(key), count }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const rate = (b: typeof notices): OnTime => ({ ...b, rate: b.counted ? b.onTime / b.counted : null });
  return {
    from,
    to,
    asOf,
    total: rows.length,
    closed,
    byForm: counts(form, (k) => FORM_LABEL[k as CaseForm] ?? k),
    byCategory: counts(category, (k) => CATEGORY_LABEL[k] ?? k),
    byRoute: counts(route, (k) => CHANNEL_NAME[k] ?? k),
    byField: counts(field, (k) => k),
    byReceivingBody: counts(receiving, (k) => k),
    topSubjects: counts(subjects, (k) => k).slice(0, 10),
    notices: rate(notices),
    replies: rate(replies),
    overdue: overdue.sort((a, b) => a.due.localeCompare(b.due)),
    longRunning: longRunning.sort((a, b) => b.days - a.days),
    longRunningDays: settings.longRunningDays,
  };
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export function formatReport(r: RegisterReport): string {
  const section = (title: string, xs: Count[]) =>
    xs.length ? [`${title}：`, ...xs.map((x) => `  ${x.label}  ${x.count}件`)] : [`${title}：无`];
  return [
    `信访事项统计（收到日期 ${r.from} 至 ${r.to}，状态截至 ${r.asOf}）`,
    `共 ${r.total} 件，已办结 ${r.closed} 件。`,
    ...section('按信访形式', r.byForm),
    ...section('按类别', r.byCategory),
    ...section('按法定途径', r.byRoute),
    ...section('按领域', r.byField),
    ...section('按受理机关', r.byReceivingBody),
    ...section('被反映较多的机关、单位', r.topSubjects),
    `告知（登记转送、书面告知）按期率：${pct(r.notices.rate)}（应计 ${r.notices.counted}，按期 ${r.notices.onTime}，逾期完成 ${r.notices.late}，超期未办 ${r.notices.overdue}）`,
    `答复（处理、复查、复核意见）按期率：${pct(r.replies.rate)}（应计 ${r.replies.counted}，按期 ${r.replies.onTime}，逾期完成 ${r.replies.late}，超期未办 ${r.replies.overdue}）`,
    `超期未办事项：${r.overdue.length ? r.overdue.map((o) => `${o.id}（${o.due}到期）`).join('、') : '无'}`,
    `积案（收到满${r.longRunningDays}日仍未办结）：${r.longRunning.length ? r.longRunning.map((o) => `${o.id}（${o.days}日）`).join('、') : '无'}`,
  ].join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const PALETTE = ['#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#c62828', '#5d4037', '#455a64'];

/** The figures as one picture: bar panels for the counts and two on-time gauges. */
export function reportSvg(r: RegisterReport): string {
  const width = 960;
  const panels: [string, Count[]][] = [
    ['信访形式', r.byForm],
    ['类别', r.byCategory],
    ['法定途径', r.byRoute.slice(0, 8)],
    ['领域', r.byField.slice(0, 8)],
    ['受理机关', r.byReceivingBody.slice(0, 8)],
    ['被反映较多的机关、单位', r.topSubjects.slice(0, 8)],
  ];
  const barH = 22;
  const out: string[] = [];
  let y = 40;
  out.push(
    `<text x="24" y="${y}" font-size="20" font-weight="bold">信访事项统计 ${esc(r.from)} 至 ${esc(r.to)}（共 ${r.total} 件，已办结 ${r.closed} 件）</text>`,
  );
  y += 30;
  // On-time gauges.
  const gauges: [string, OnTime][] = [
    ['告知按期率', r.notices],
    ['答复按期率', r.replies],
  ];
  gauges.forEach(([label, g], i) => {
    const x0 = 24 + i * 460;
    const w = 400;
    const share = g.rate ?? 0;
    const color =
      g.rate === null ? '#9e9e9e' : share >= 0.95 ? '#2e7d32' : share >= 0.8 ? '#ef6c00' : '#c62828';
    out.push(
      `<text x="${x0}" y="${y + 16}" font-size="14">${label}：${pct(g.rate)}（${g.onTime}/${g.counted}，超期未办 ${g.overdue}）</text>`,
      `<rect x="${x0}" y="${y + 24}" width="${w}" height="14" rx="7" fill="#eceff1"/>`,
      `<rect x="${x0}" y="${y + 24}" width="${(w * share).toFixed(1)}" height="14" rx="7" fill="${color}"/>`,
    );
  });
  y += 64;
  const colW = 450;
  let col = 0;
  let rowTop = y;
  let rowBottom = y;
  for (const [title, xs] of panels) {
    const x0 = 24 + col * (colW + 12);
    let py = rowTop;
    out.push(`<text x="${x0}" y="${py + 16}" font-size="15" font-weight="bold">${esc(title)}</text>`);
    py += 26;
    const max = Math.max(1, ...xs.map((x) => x.count));
    if (xs.length === 0) {
      out.push(`<text x="${x0}" y="${py + 14}" fill="#757575">无</text>`);
      py += barH;
    }
    xs.forEach((x, i) => {
      const label = x.label.length > 14 ? `${x.label.slice(0, 13)}…` : x.label;
      const w = ((colW - 200) * x.count) / max;
      out.push(
        `<text x="${x0}" y="${py + 15}" font-size="12">${esc(label)}</text>`,
        `<rect x="${x0 + 170}" y="${py + 3}" width="${w.toFixed(1)}" height="${barH - 8}" fill="${PALETTE[i % PALETTE.length]}"/>`,
        `<text x="${x0 + 176 + w}" y="${py + 15}" font-size="12">${x.count}</text>`,
      );
      py += barH;
    });
    rowBottom = Math.max(rowBottom, py + 16);
    col++;
    if (col === 2) {
      col = 0;
      rowTop = rowBottom;
    }
  }
  y = Math.max(rowBottom, rowTop) + 10;
  out.push(
    `<text x="24" y="${y}" font-size="13" fill="#c62828">超期未办 ${r.overdue.length} 件；积案（收到满${r.longRunningDays}日未办结）${r.longRunning.length} 件</text>`,
  );
  const height = y + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif">`,
    '<rect width="100%" height="100%" fill="#ffffff"/>',
    ...out,
    '</svg>',
  ].join('\n');
}

/** First and last day of a year, for `--year`. */
export function yearRange(year: number): { from: IsoDate; to: IsoDate } {
  return { from: `${year}-01-01`, to: addDays(`${year + 1}-01-01`, -1) };
}
