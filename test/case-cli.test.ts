/** `xinfang case …` as a user runs it: a real process on a temporary data directory. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnAsync } from './helpers.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-case-cli-'));
const dataDir = path.join(dir, 'db');

async function run(args: string[], input = '') {
  const r = await spawnAsync(process.execPath, [path.join(ROOT, 'bin/xinfang.js'), 'case', ...args], {
    input,
    env: { ...process.env, XINFANG_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('xinfang case', () => {
  it('adds from JSON, records events, lists by status, imports with bad rows and reports with a chart', async () => {
    const add = await run(
      ['add', '--json'],
      JSON.stringify({ receivedDate: '2026-03-02', form: '来访', summary: '反映噪音扰民', officer: 'U1' }),
    );
    expect(add.code).toBe(0);
    const id = JSON.parse(add.out).id as string;
    expect(id).toMatch(/^2026-\d{6}$/);
    expect((await run(['event', id, '--type', 'transferred', '--date', '2026-03-20'])).code).toBe(0);
    const bad = await run(['event', id, '--type', 'extended', '--date', '2026-03-21', '--days', '10']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('延期须写明理由');
    const csv = path.join(dir, 'cases.csv');
    writeFileSync(csv, '收到日期,信访形式,事项概要\n2026-03-10,来信,甲\n2026-13-01,来信,乙\n');
    const imp = await run(['import', csv]);
    expect(imp.code).toBe(2);
    expect(imp.err).toContain('第3行未导入');
    const list = JSON.parse((await run(['list', '--json', '--today', '2026-03-30'])).out) as {
      cases: { id: string; status: string; next: { code: string; due: string } | null }[];
    };
    expect(list.cases.map((c) => [c.status, c.next?.code, c.next?.due])).toEqual([
      ['overdue', 'register_transfer', '2026-03-25'],
      ['on_track', undefined, undefined],
    ]);
    const overdue = JSON.parse((await run(['list', '--json', '--overdue', '--today', '2026-03-30'])).out);
    expect(overdue.cases).toHaveLength(1);
    const chart = path.join(dir, 'report.svg');
    const report = await run(['report', '--year', '2026', '--today', '2026-04-01', '--chart', chart]);
    expect(report.code).toBe(0);
    expect(report.out).toContain('共 2 件');
    expect(readFileSync(chart, 'utf8')).toContain('<svg');
    writeFileSync(path.join(dir, 'x.xlsx'), 'not a workbook');
    expect((await run(['import', path.join(dir, 'x.xlsx')])).err).toContain('无法读取 Excel 文件');
    writeFileSync(path.join(dir, 'x.xls'), '');
    expect((await run(['import', path.join(dir, 'x.xls')])).err).toContain('另存为 .xlsx');
  });
});
