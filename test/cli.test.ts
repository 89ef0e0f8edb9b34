/** The `xinfang` command as a user runs it: a real process on a temporary data directory. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnAsync } from './helpers.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-cli-'));

async function run(args: string[], input = '') {
  const r = await spawnAsync(process.execPath, [path.join(ROOT, 'bin/xinfang.js'), ...args], {
    input,
    env: { ...process.env, XINFANG_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('xinfang CLI', () => {
  it('search --jsonl answers each line and reports a bad line without stopping', async () => {
    const input = [
      JSON.stringify({ id: 'a', query: '第十九条' }),
      'not json',
      JSON.stringify({ id: 'b', query: '' }),
      JSON.stringify({ id: 'c', query: '复查的期限' }),
    ].join('\n');
    const r = await run(['search', '--jsonl'], input);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].id).toBe('a');
    expect(lines[0].results[0]).toMatchObject({ law: '信访工作条例', article: 19 });
    expect(lines[0].results[0].snippet.length).toBeGreaterThan(5);
    expect(lines[1]).toMatchObject({ id: null, error: expect.stringContaining('JSON') });
    expect(lines[2]).toMatchObject({ id: 'b', error: expect.stringContaining('为空') });
    expect(lines[3].results[0]).toMatchObject({ law: '信访工作条例', article: 35 });
    expect(lines[3].results.length).toBeLessThanOrEqual(10);
  });

  it('ask --jsonl returns answer, citations and engine', async () => {
    const r = await run(
      ['ask', '--jsonl'],
      `${JSON.stringify({ id: 1, question: '多人走访代表人数最多几人' })}\n`,
    );
    const line = JSON.parse(r.out.trim());
    expect(line).toMatchObject({ id: '1', engine: 'offline', unverifiedCitations: [] });
    expect(line.citations).toContainEqual({ law: '信访工作条例', article: 20 });
  });

  it('exits non-zero with a Chinese message on bad input', async () => {
    const empty = await run(['search']);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('查询内容为空');
    const missing = await run(['ingest', '/no/such/file.md']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('无法读取文件');
    const badEnv = await spawnAsync(process.execPath, [path.join(ROOT, 'bin/xinfang.js'), 'search', '复查'], {
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
    });
    expect(badEnv.status).toBe(3);
    expect(badEnv.stderr).toContain('DATABASE_URL');
  });

  it('chat answers a question and quits', async () => {
    const r = await run(['chat'], '复查期限是多少\n/quit\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('第三十五条');
  });
});

describe('xinfang classify and deadline', () => {
  it('classify --jsonl returns the contract JSON with the id, and an error line for bad input', async () => {
    const input = [
      JSON.stringify({ id: 'c1', text: '隔壁烧烤店油烟噪声扰民，请求查处。' }),
      JSON.stringify({ id: 'c2', text: '' }),
    ].join('\n');
    const r = await run(['classify', '--jsonl'], input);
    const [a, b] = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(a).toMatchObject({
      id: 'c1',
      category: 'claim',
      channel: 'duty_performance',
      article31Item: 5,
      admissibility: 'accept',
    });
    expect(b).toMatchObject({ id: 'c2', error: expect.stringContaining('为空') });
  });

  it('deadline --json follows the contract and rejects a bad date', async () => {
    const r = await run(['deadline', '--event', 'accepted', '--from', '2026-08-02', '--json']);
    const out = JSON.parse(r.out);
    expect(out.items[0]).toMatchObject({
      code: 'handle',
      due: '2026-10-08',
      basis: { law: '信访工作条例', article: 34 },
    });
    expect(out.warnings).toEqual([]);
    const bad = await run(['deadline', '--code', 'handle', '--from', '2026-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('日期');
  });
});

describe('xinfang draft and check with Word files', () => {
  it('drafts a .docx that the checker then reads back without an error finding', async () => {
    const docx = path.join(dataDir, 'letter.docx');
    const drafted = await run([
      'draft',
      path.join(ROOT, 'examples/handling-opinion.json'),
      '--docx',
      docx,
      '--json',
    ]);
    expect(drafted.code).toBe(0);
    expect(JSON.parse(drafted.out).findings).toEqual([]);
    const checked = await run(['check', docx, '--json']);
    expect(checked.code).toBe(0);
    const report = JSON.parse(checked.out);
    expect(report.letterType).toBe('handling_opinion');
    expect(report.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  it('reports bad draft input field by field, as JSON and with exit code 2', async () => {
    const r = await run(['draft', '--json'], JSON.stringify({ letterType: 'handling_opinion', caseNo: '' }));
    expect(r.code).toBe(2);
    const out = JSON.parse(r.out);
    expect(out.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['文号', '信访人姓名', '出具日期']),
    );
  });
});
