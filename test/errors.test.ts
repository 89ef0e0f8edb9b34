import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runJsonl } from '../src/adapters/cli/jsonl.ts';
import { AppError, modelFailure, reportFailure } from '../src/errors.ts';

function recorder() {
  const lines: { obj: Record<string, unknown>; msg: string }[] = [];
  return { lines, log: { error: (obj: object, msg: string) => lines.push({ obj: { ...obj }, msg }) } };
}

describe('the failure reporter', () => {
  it('gives an expected failure its Chinese message and logs nothing', () => {
    const { lines, log } = recorder();
    const text = reportFailure(log, new AppError('input_invalid', '请写明问题。'), 'ask failed');
    expect(text).toBe('请写明问题。');
    expect(lines).toEqual([]);
  });

  it('logs a bug as { err } under an error id that the user is given', () => {
    const { lines, log } = recorder();
    const bug = new TypeError("Cannot read properties of undefined (reading 'law')");
    const text = reportFailure(log, bug, 'ask failed');
    const id = /错误编号 ([0-9A-F]{6})/.exec(text)?.[1];
    expect(id).toMatch(/^[0-9A-F]{6}$/);
    expect(lines).toEqual([{ obj: { errorId: id, code: 'internal', err: bug }, msg: 'ask failed' }]);
  });

  it('treats an internal AppError as a bug, keeping its cause for the log', () => {
    const { lines, log } = recorder();
    const e = new AppError('internal', '系统内部错误。', { cause: new RangeError('bad index') });
    expect(reportFailure(log, e, 'draft failed')).toMatch(/^抱歉，处理时出现问题（错误编号 [0-9A-F]{6}）/);
    expect(lines).toHaveLength(1);
    const logged = lines[0]?.obj.err;
    expect(logged).toBe(e);
    expect(e.cause).toBeInstanceOf(RangeError);
  });
});

describe('model failures', () => {
  it('names llm_unavailable and llm_output_invalid, also wrapped by a library', () => {
    const outage = new AppError('llm_unavailable', '语言模型服务暂不可用。');
    expect(modelFailure(outage)).toBe(outage);
    expect(modelFailure(new Error('tool call failed', { cause: outage }))).toBe(outage);
    const invalid = new AppError('llm_output_invalid', '输出无效。');
    expect(modelFailure(invalid)).toBe(invalid);
  });

  it('does not take a bug, a storage failure or bad input for a model outage', () => {
    expect(modelFailure(new TypeError('x is undefined'))).toBeNull();
    expect(modelFailure(new AppError('storage_failed', '数据库不可用。'))).toBeNull();
    expect(modelFailure(new AppError('input_invalid', '输入有误。'))).toBeNull();
    expect(modelFailure(new Error('wrapped', { cause: new AppError('internal', '内部错误。') }))).toBeNull();
  });
});

describe('the --jsonl runner reports through it', () => {
  it('a bad line is the user’s to fix; a bug on a line is logged and its line names the error id', async () => {
    const logged: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
    const input = new PassThrough();
    const output = new PassThrough();
    input.end(['not json', '{"id":"a","n":1}', '{"id":"b","n":2}', '{"id":"c","n":"x"}'].join('\n'));
    const Line = z.object({ id: z.string(), n: z.number() });
    const r = await runJsonl(
      log,
      Line,
      async ({ n }) => {
        if (n === 2) throw new TypeError('n.toFixed is not a function');
        return { double: n * 2 };
      },
      input,
      output,
    );
    expect(r).toEqual({ ok: 1, failed: 3 });
    const lines = String(output.read())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ id: null, error: '第1行不是有效的 JSON' });
    expect(lines[1]).toEqual({ id: 'a', double: 2 });
    expect(lines[2].id).toBe('b');
    const id = /错误编号 ([0-9A-F]{6})/.exec(lines[2].error)?.[1];
    expect(id).toBeDefined();
    expect(lines[3]).toMatchObject({ id: 'c', error: expect.stringMatching(/^第4行字段 n 无效/) });
    expect(logged).toHaveLength(1);
    const entry = JSON.parse(logged[0] ?? '{}');
    expect(entry).toMatchObject({ errorId: id, code: 'internal', msg: 'jsonl line failed' });
    expect(entry.err.stack).toContain('n.toFixed is not a function');
  });
});
