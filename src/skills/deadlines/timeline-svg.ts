/** The case timeline as an SVG picture: one row per step, from its start to its due date, coloured by status. */
import { daysBetween, type IsoDate } from './dates.ts';
import type { Timeline } from './timeline.ts';

const COLORS = {
  done: '#2e7d32',
  late: '#ef6c00',
  overdue: '#c62828',
  lapsed: '#757575',
  upcoming: '#1565c0',
  not_started: '#9e9e9e',
};

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function timelineSvg(t: Timeline): string {
  const rows = t.steps.filter((s) => s.start && s.due);
  const width = 960;
  const left = 260;
  const right = 40;
  const rowH = 44;
  const height = 70 + rows.length * rowH + 30;
  const dates: IsoDate[] = [
    t.today,
    ...rows.flatMap((r) => [r.start, r.due, r.doneOn].filter((d): d is IsoDate => d !== null)),
  ];
  const sorted = [...dates].sort();
  const min = sorted[0] ?? t.today;
  const max = sorted.at(-1) ?? t.today;
  const span = Math.max(1, daysBetween(min, max));
  const x = (d: IsoDate) => left + ((width - left - right) * daysBetween(min, d)) / span;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="20" y="30" font-size="18" font-weight="bold">时限图（截至 ${t.today}）</text>`,
    `<line x1="${x(t.today)}" y1="45" x2="${x(t.today)}" y2="${height - 25}" stroke="#555" stroke-dasharray="4 3"/>`,
    `<text x="${x(t.today) + 4}" y="${height - 10}" fill="#555">今天</text>`,
  ];
  rows.forEach((s, i) => {
    const y = 70 + i * rowH;
    const color = s.late && s.party === 'authority' ? COLORS.late : COLORS[s.status];
    const start = s.start as IsoDate;
    const due = s.due as IsoDate;
    out.push(`<text x="20" y="${y + 5}">${esc(s.what.slice(0, 18))}</text>`);
    out.push(
      `<line x1="${x(start)}" y1="${y}" x2="${x(due)}" y2="${y}" stroke="${color}" stroke-width="8" stroke-linecap="round" opacity="0.85"/>`,
    );
    out.push(
      `<text x="${x(due)}" y="${y - 9}" text-anchor="end" fill="${color}" font-size="11">${due}</text>`,
    );
    if (s.doneOn)
      out.push(
        `<circle cx="${x(s.doneOn)}" cy="${y}" r="6" fill="#fff" stroke="${color}" stroke-width="3"/>`,
      );
  });
  const legend: [string, string][] = [
    [COLORS.done, '按期完成'],
    [COLORS.late, '超期完成'],
    [COLORS.overdue, '已逾期'],
    [COLORS.upcoming, '未到期'],
    [COLORS.lapsed, '信访人期限届满'],
  ];
  legend.forEach(([color, label], i) => {
    const x0 = 20 + i * 90;
    out.push(`<rect x="${x0}" y="${height - 18}" width="14" height="8" fill="${color}"/>`);
    out.push(`<text x="${x0 + 18}" y="${height - 10}" font-size="11" fill="#333">${label}</text>`);
  });
  out.push(
    `<circle cx="${20 + legend.length * 90 + 6}" cy="${height - 14}" r="4" fill="#fff" stroke="#333" stroke-width="2"/>`,
  );
  out.push(
    `<text x="${20 + legend.length * 90 + 16}" y="${height - 10}" font-size="11" fill="#333">完成日期</text>`,
  );
  out.push('</svg>');
  return out.join('\n');
}
