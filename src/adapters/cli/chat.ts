/**
 * Terminal chat: a thin adapter over ChatAssistant, the same service Slack uses. The conversation id is kept per
 * session (or given with --session to continue one after a restart).
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { App } from '../../app.ts';
import { CHAT_HELP } from '../../conversation/engine.ts';

export async function runChat(
  app: App,
  options: { session?: string } = {},
  input = process.stdin,
  output = process.stdout,
) {
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
          app.log.error({ err: e }, 'chat turn failed');
          output.write('处理失败，请稍后再试。\n');
        }
      }
      prompt();
    }
  } finally {
    rl.close();
  }
}
