/** Reads one knowledge file and validates it; a bad file is a `knowledge_invalid` error naming the file. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { AppError } from '../errors.ts';

export function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AppError('knowledge_invalid', `知识库文件无法读取或不是有效 JSON：${path.basename(file)}`, {
      cause,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      'knowledge_invalid',
      `知识库文件 ${path.relative(path.dirname(path.dirname(file)), file)} 格式错误：${first?.path.join('.') ?? ''} ${first?.message ?? ''}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
