/**
 * Structured output: OpenAI structured outputs (JSON schema from zod) where the server supports them, else JSON
 * mode; the reply is parsed with zod, with one repair attempt. Still invalid → llm_output_invalid, and the caller
 * falls back to the deterministic engine.
 */
import { z } from 'zod';
import { AppError, isAppError } from '../errors.ts';
import type { ChatMessage, ChatModel } from './model.ts';

const noSchema = new WeakSet<ChatModel>();

function extractJson(text: string): unknown {
  const t = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/```\s*$/, '');
  const start = t.indexOf('{');
  const end = t.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('回复中没有 JSON 对象');
  return JSON.parse(t.slice(start, end + 1));
}

export async function completeStructured<T>(
  model: ChatModel,
  messages: ChatMessage[],
  schema: z.ZodType<T>,
  name: string,
): Promise<T> {
  let reply: string;
  if (!noSchema.has(model)) {
    try {
      reply = await model.complete(messages, {
        json: { name, schema: z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown> },
      });
    } catch (e) {
      // A server without structured outputs answers 400/422: remember and use JSON mode.
      const status = (isAppError(e) ? (e.cause as { status?: number } | undefined)?.status : undefined) ?? 0;
      if (status !== 400 && status !== 422) throw e;
      noSchema.add(model);
      reply = await model.complete(messages, { json: true });
    }
  } else {
    reply = await model.complete(messages, { json: true });
  }
  let problem: string;
  try {
    return schema.parse(extractJson(reply));
  } catch (e) {
    problem = e instanceof Error ? e.message.slice(0, 400) : String(e);
  }
  const repair: ChatMessage[] = [
    ...messages,
    { role: 'assistant', content: reply },
    {
      role: 'user',
      content: `上面的输出不符合要求（${problem}）。请只输出一个修正后的 JSON 对象，不要任何其他文字。`,
    },
  ];
  const second = await model.complete(repair, { json: true });
  try {
    return schema.parse(extractJson(second));
  } catch (cause) {
    throw new AppError('llm_output_invalid', '语言模型的输出格式无效。', { cause });
  }
}
