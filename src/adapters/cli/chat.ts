/**
 * Terminal chat: the same services as Slack, one conversation in a terminal. Each line is a question; slash
 * commands reach the other skills.
 */
import { createInterface } from 'node:readline';
import type { App } from '../../app.ts';
import { isAppError } from '../../errors.ts';
import { formatAsk, formatSearch } from './format.ts';

const HELP = [
  '可直接输入问题，例如：“信访人对处理意见不服，多久内可以请求复查？”',
  '命令：',
  '  /search 关键词或条文号   检索条文（如 /search 条例第三十一条）',
  '  /help                    显示本帮助',
  '  /quit                    退出',
].join('\n');

export async function runChat(app: App, input = process.stdin, output = process.stdout): Promise<void> {
  const rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
  output.write(
    `信访法治助手（离线规则引擎，知识库：${app.library.all().length} 条条文）。输入 /help 查看用法。\n`,
  );
  const prompt = () => output.write('> ');
  prompt();
  try {
    // The async iterator buffers lines, so piped input is never lost while an answer is being computed.
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === '') {
        prompt();
        continue;
      }
      if (line === '/quit' || line === '/exit' || line === '退出') break;
      try {
        if (line === '/help' || line === '帮助') output.write(`${HELP}\n`);
        else if (line.startsWith('/search'))
          output.write(`${formatSearch(await app.searcher.search(line.slice(7)))}\n`);
        else if (line.startsWith('/'))
          output.write(`未知命令：${line.split(/\s/)[0]}。输入 /help 查看可用命令。\n`);
        else output.write(`${formatAsk(await app.ask.ask(line))}\n`);
      } catch (e) {
        output.write(`${isAppError(e) ? e.userMessage : '处理失败，请稍后再试。'}\n`);
        if (!isAppError(e)) app.log.error({ err: e }, 'chat turn failed');
      }
      prompt();
    }
  } finally {
    rl.close();
  }
}
