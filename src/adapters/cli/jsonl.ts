/**
 * The --jsonl runner: one JSON object per stdin line → one per stdout line, each carrying the input's id.
 * A bad line yields {"id","error"} and the run goes on; output order follows input order. A line that fails
 * unexpectedly is reported like any failure: its error is logged, and the line's error names the error id.
 */
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { AppError, reportFailure } from '../../errors.ts';
import type { Logger } from '../../log.ts';

/** A line that is not JSON or does not fit the schema: the user's input to fix. */
function lineError(lineNo: number, parsed: z.ZodSafeParseError<unknown> | null): AppError {
  if (!parsed) return new AppError('input_invalid', `第${lineNo}行不是有效的 JSON`);
  const issue = parsed.error.issues[0];
  return new AppError(
    'input_invalid',
    `第${lineNo}行字段 ${issue?.path.join('.') || '?'} 无效：${issue?.message ?? ''}`,
  );
}

export async function runJsonl<I extends { id: string }>(
  log: Logger,
  schema: z.ZodType<I>,
  handle: (input: I) => Promise<Record<string, unknown>>,
  input?: NodeJS.ReadableStream,
  output?: NodeJS.WritableStream,
): Promise<{ ok: number; failed: number }> {
  return runKeyedJsonl(log, 'id', schema, handle, input, output);
}

/** The runner keyed by another field of the line (`session` for chat). */
export async function runKeyedJsonl<K extends string, I extends Record<K, string>>(
  log: Logger,
  key: K,
  schema: z.ZodType<I>,
  handle: (input: I) => Promise<Record<string, unknown>>,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<{ ok: number; failed: number }> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let ok = 0;
  let failed = 0;
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let id: string | null = null; // the line's key, echoed on an error line
    try {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw lineError(lineNo, null);
      }
      if (raw && typeof raw === 'object' && key in raw) id = String((raw as Record<string, unknown>)[key]);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw lineError(lineNo, parsed);
      const result = await handle(parsed.data);
      output.write(`${JSON.stringify({ [key]: parsed.data[key], ...result })}\n`);
      ok++;
    } catch (e) {
      output.write(`${JSON.stringify({ [key]: id, error: reportFailure(log, e, 'jsonl line failed') })}\n`);
      failed++;
    }
  }
  return { ok, failed };
}
