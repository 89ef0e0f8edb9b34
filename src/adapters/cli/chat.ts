/**
 * Terminal chat and its batch form: thin adapters over the conversation engine, the same one Slack uses. The
 * conversation id is kept per session (or given with --session to continue one after a restart); `--jsonl` reads
 * {"session","message"} lines and writes one JSON reply per line, sessions persisting in the database.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { CHAT_HELP, type ConversationReply } from '../../conversation/engine.ts';
import { reportFailure } from '../../errors.ts';
import { runKeyedJsonl } from './jsonl.ts';

const ChatLine = z.object({
  session: z.string().min(1).max(200),
  message: z.string().min(1).max(20_000),
});

/** One batch output line (the issue-18 contract). */
function jsonlReply(session: string, r: ConversationReply): Record<string, unknown> {
  return {
    session,
    reply: r.text,
    intent: r.intent,
    citations: r.citations.map((c) => ({ law: c.law, article: c.article })),
    ...(r.classification ? { classification: r.classification } : {}),
    ...(r.findings ? { findings: r.findings } : {}),
    ...(r.draft ? { draft: r.draft } : {}),
    engine: r.engine ?? 'offline',
  };
}

/** `xinfang chat --jsonl`: a bad line yields {"session","error"} and the run goes on. */
export async function runChatJsonl(
  app: App,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<{ ok: number; failed: number }> {
  return runKeyedJsonl(
    app.log,
    'session',
    ChatLine,
    async ({ session, message }) => jsonlReply(session, await app.chat.handle(`cli:${session}`, message)),
    input,
    output,
  );
}

export async function runChat(
  app: App,
  options: { session?: string; jsonl?: boolean } = {},
  input = process.stdin,
  output = process.stdout,
) {
  if (options.jsonl) {
    await runChatJsonl(app, input, output);
    return;
  }
  const conversation = `cli:${options.session ?? randomUUID()}`;
  const rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
  output.write(
    `信访法治助手（离线规则引擎；知识库 ${app.library.all().length} 条条文）。输入 /help 查看用法，/quit 退出。\n`,
  );
  const prompt = () => output.write('> ');
  prompt();
  try {
    // The async iterator buffers lines, so piped input is never lost while an answer is being computed.
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === '/quit' || line === '/exit' || line === '退出') break;
      if (line !== '') {
        try {
          let streamed = false;
          const r = await app.chat.handle(conversation, line, (t) => {
            streamed = true;
            output.write(t);
          });
          if (streamed && r.engine === 'model') output.write('\n');
          else output.write(`${r.kind === 'help' ? `${CHAT_HELP}\n  /quit 退出` : r.text}\n`);
          if (r.citations.length > 0 && r.kind === 'ask') {
            output.write(`引用：${r.citations.map((c) => `《${c.law}》第${c.article}条`).join('、')}\n`);
          }
          if (r.engine)
            output.write(`（${r.engine === 'model' ? '语言模型作答，引用已核验' : '离线规则引擎'}）\n`);
        } catch (e) {
          output.write(`${reportFailure(app.log, e, 'chat turn failed')}\n`);
        }
      }
      prompt();
    }
  } finally {
    rl.close();
  }
}
