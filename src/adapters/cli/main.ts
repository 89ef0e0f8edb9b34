/** `xinfang` command line: thin wiring of subcommands onto the core services. */
import { Command } from 'commander';
import { AskLine, SearchLine } from '../../domain/search.ts';
import { runChat } from './chat.ts';
import { registerCaseCommands } from './case-commands.ts';
import { registerClassifyCommands } from './classify-commands.ts';
import { registerDeadlineCommands } from './deadline-commands.ts';
import { formatAsk, formatSearch } from './format.ts';
import { registerIngestCommands } from './ingest-commands.ts';
import { runJsonl } from './jsonl.ts';
import { registerDraftCommand, registerLetterCommands } from './letter-commands.ts';
import { registerQuizCommand } from './quiz-commands.ts';
import { fail, withApp } from './runtime.ts';

/** Short commands that only read: they wait a few seconds for another process to release the database. */
const READ_ONLY = { wait: true } as const;

import { registerStartCommands } from './start-commands.ts';
import { registerStorageCommands } from './storage-commands.ts';

const program = new Command();
program
  .name('xinfang')
  .description('信访法治助手：依据《信访工作条例》及相关法律检索、问答')
  .showHelpAfterError('（使用 --help 查看用法）')
  .option('--debug', '出错时显示底层原因');

program
  .command('search')
  .description('检索条文；--jsonl 时从标准输入逐行读取 {"id","query"}')
  .argument('[query...]', '查询内容，如“复查期限”或“条例第三十一条”')
  .option('--jsonl', '批量模式')
  .option('-n, --limit <n>', '返回条数', '10')
  .action(async (words: string[], opts: { jsonl?: boolean; limit: string }) => {
    const limit = Number.parseInt(opts.limit, 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) fail(new Error('--limit 应为 1 到 50 的整数'));
    await withApp(async (app) => {
      if (opts.jsonl) {
        await runJsonl(SearchLine, async ({ query }) => {
          const r = await app.searcher.search(query, { limit });
          return {
            results: r.hits.map((h) => ({
              law: h.law,
              article: h.article,
              score: h.score,
              snippet: h.snippet,
            })),
          };
        });
        return;
      }
      process.stdout.write(`${formatSearch(await app.searcher.search(words.join(' '), { limit }))}\n`);
    }, READ_ONLY);
  });

program
  .command('ask')
  .description('依据法规回答问题并给出引用；--jsonl 时逐行读取 {"id","question"}')
  .argument('[question...]', '问题')
  .option('--jsonl', '批量模式')
  .action(async (words: string[], opts: { jsonl?: boolean }) => {
    await withApp(async (app) => {
      if (opts.jsonl) {
        await runJsonl(AskLine, async ({ question }) => {
          const r = await app.answerer.ask(question);
          return {
            answer: r.answer,
            citations: r.citations,
            engine: r.engine,
            unverifiedCitations: r.unverifiedCitations,
          };
        });
        return;
      }
      let streamed = false;
      const r = await app.answerer.ask(words.join(' '), (t) => {
        streamed = true;
        process.stdout.write(t);
      });
      process.stdout.write(
        streamed ? `\n${formatAsk({ ...r, answer: '' }).trimStart()}\n` : `${formatAsk(r)}\n`,
      );
    }, READ_ONLY);
  });

program
  .command('chat')
  .description('终端对话（问答、分类、时限、检索）')
  .option('--session <id>', '会话标识：用同一标识可在重启后继续同一事项')
  .action(async (opts: { session?: string }) => {
    await withApp((app) => runChat(app, opts.session ? { session: opts.session } : {}));
  });

registerIngestCommands(program);
registerStorageCommands(program);
registerDeadlineCommands(program);
registerCaseCommands(program);
registerClassifyCommands(program);
registerLetterCommands(program);
registerDraftCommand(program);
registerQuizCommand(program);
registerStartCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  fail(e);
}
