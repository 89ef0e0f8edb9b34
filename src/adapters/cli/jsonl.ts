/**
 * The --jsonl runner: one JSON object per stdin line → one per stdout line, each carrying the input's id.
 * A bad line yields {"id","error"} and the run goes on; output order follows input order.
 */
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { isAppError } from '../../errors.ts';

export async function runJsonl<I extends { id: string }>(
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
    let id: string | null = null;
    try {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new Error(`第${lineNo}行不是有效的 JSON`);
      }
      if (raw && typeof raw === 'object' && 'id' in raw) id = String((raw as { id: unknown }).id);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`第${lineNo}行字段 ${issue?.path.join('.') || '?'} 无效：${issue?.message ?? ''}`);
      }
      const result = await handle(parsed.data);
      output.write(`${JSON.stringify({ id: parsed.data.id, ...result })}\n`);
      ok++;
    } catch (e) {
      const message = isAppError(e) ? e.userMessage : e instanceof Error ? e.message : String(e);
      output.write(`${JSON.stringify({ id, error: message })}\n`);
      failed++;
    }
  }
  return { ok, failed };
}
