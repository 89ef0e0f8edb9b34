import { describe, expect, it } from 'vitest';
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
