/** CLI manners as a user meets them: Chinese argument errors with exit 2, file errors, closed pipes, gibberish. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeQuestion } from '../src/adapters/cli/manners.ts';
import { ROOT, spawnAsync } from './helpers.ts';

const BIN = path.join(ROOT, 'bin/xinfang.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'xinfang-manners-'));
const env = {
  ...process.env,
  XINFANG_DATA_DIR: path.join(tmp, 'data'),
  DATABASE_URL: '',
  LOG_LEVEL: 'silent',
};

async function run(args: string[], input = '') {
  const r = await spawnAsync(process.execPath, [BIN, ...args], { input, env, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('argument errors', () => {
  it.each([
    [['search', '--bogus', 'x'], '不认识的选项 --bogus。用 xinfang search --help 查看用法。'],
    [['ingest'], '缺少参数 files。用 xinfang ingest --help 查看用法。'],
    [['nosuch'], '没有 nosuch 这个命令。用 xinfang --help 查看全部命令。'],
    [['search', '-n'], '选项 -n, --limit <n> 后面需要一个值。'],
    [['feedback', '--days', 'abc'], '--days 应为 1 到 3650 之间的整数'],
    [
      [
        'draft',
        path.join(ROOT, 'examples/handling-opinion.json'),
        '--docx',
        path.join(tmp, 'no/such/dir/a.docx'),
      ],
      `无法写入文件 ${path.join(tmp, 'no/such/dir/a.docx')}：文件夹 ${path.join(tmp, 'no/such/dir')} 不存在。`,
    ],
    [['timeline', '--received', '2026-03-02', '--svg', path.join(tmp, 'missing/t.svg')], '无法写入文件'],
  ])('%j → exit 2 with a Chinese message', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`错误：${message}`);
    expect(r.err).not.toMatch(/error:|Error|at /);
  });

  it('help is not an error', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('信访法治助手');
  });
});

describe('input that is not a question', () => {
  it('“12345” and random bytes get 没有看懂 with a hint, not cited answers', async () => {
    for (const q of ['12345', 'asdf qwer', '\u0001\u0002\uFFFD\uFFFD\u0003乱']) {
      const r = await run(['ask', q]);
      expect(r.code, q).toBe(2);
      expect(r.err).toContain('没有看懂这句话。请用中文描述问题');
      expect(r.out).not.toContain('引用');
    }
    const batch = await run(['search', '--jsonl'], `${JSON.stringify({ id: 'x', query: '12345' })}\n`);
    expect(JSON.parse(batch.out)).toMatchObject({ id: 'x', error: expect.stringContaining('没有看懂') });
  });

  it('article numbers and Chinese questions are questions', async () => {
    for (const q of ['第31条', '条例31条', '复查期限是多少', '《行政复议法》第20条'])
      expect(looksLikeQuestion(q), q).toBe(true);
    for (const q of ['12345', '   ', 'GB/T 9704', '\uFFFD\uFFFD\uFFFD复查'])
      expect(looksLikeQuestion(q), q).toBe(q.trim() === '');
  });
});

describe('a closed pipe', () => {
  it('ends quietly when the reader goes away (| head)', async () => {
    // One output line per input line: the writes after the reader has gone meet EPIPE.
    const child = spawn(process.execPath, [BIN, 'classify', '--jsonl'], { env });
    child.stdin.end(
      Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: i, text: '公司拖欠我三个月工资不发' })).join(
        '\n',
      ),
    );
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(err).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});
