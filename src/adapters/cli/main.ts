/** `xinfang` command line: thin wiring of subcommands onto the core services. */
import { Command } from 'commander';
import { AskLine, type SearchHit, SearchLine } from '../../domain/search.ts';
import { AppError } from '../../errors.ts';
import { registerCaseCommands } from './case-commands.ts';
import { runChat } from './chat.ts';
import { registerClassifyCommands } from './classify-commands.ts';
import { registerDeadlineCommands } from './deadline-commands.ts';
import { formatAsk, formatSearch } from './format.ts';
import { registerIngestCommands } from './ingest-commands.ts';
import { runJsonl } from './jsonl.ts';
import { registerDraftCommand, registerLetterCommands } from './letter-commands.ts';
import { fromCommander, isCommanderError, quietOnClosedPipe, requireQuestion } from './manners.ts';
import { registerQuizCommand } from './quiz-commands.ts';
import { fail, withApp } from './runtime.ts';
import { registerStartCommands } from './start-commands.ts';
import { registerStorageCommands } from './storage-commands.ts';

/** Short commands that only read: they wait a few seconds for another process to release the database. */
const READ_ONLY = { wait: true } as const;

quietOnClosedPipe();

const program = new Command();
program
  .name('xinfang')
  .description('信访法治助手：依据《信访工作条例》及相关法律检索、问答')
  .option('--debug', '出错时显示底层原因')
  // Parse errors are thrown (not printed in English) and reported in Chinese by fail(), with exit code 2.
  .exitOverride()
  .configureOutput({ outputError: () => undefined });

program
  .command('search')
  .description('检索条文；--jsonl 时从标准输入逐行读取 {"id","query"}')
  .argument('[query...]', '查询内容，如“复查期限”或“条例第三十一条”')
  .option('--jsonl', '批量模式')
  .option('-n, --limit <n>', '返回条数', '10')
  .action(async (words: string[], opts: { jsonl?: boolean; limit: string }) => {
    const limit = Number.parseInt(opts.limit, 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw new AppError('input_invalid', `--limit 应为 1 到 50 的整数，例如 -n 5（收到“${opts.limit}”）。`);
    if (!opts.jsonl) requireQuestion(words.join(' '));
    await withApp(async (app) => {
      if (opts.jsonl) {
        await runJsonl(app.log, SearchLine, async ({ query }) => {
          requireQuestion(query);
          const r = await app.searcher.search(query, { limit });
          return {
            results: r.hits.map(
              (h): SearchHit => ({
                law: h.law,
                article: h.article,
                score: h.score,
                snippet: h.snippet,
              }),
            ),
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
    if (!opts.jsonl) requireQuestion(words.join(' '));
    await withApp(async (app) => {
      if (opts.jsonl) {
        await runJsonl(app.log, AskLine, async ({ question }) => {
          requireQuestion(question);
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
  .option('--jsonl', '批量模式：逐行读取 {"session","message"}，逐行输出答复')
  .action(async (opts: { session?: string; jsonl?: boolean }) => {
    await withApp((app) =>
      runChat(app, {
        ...(opts.session ? { session: opts.session } : {}),
        ...(opts.jsonl ? { jsonl: true } : {}),
      }),
    );
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
  if (isCommanderError(e)) {
    const sub = program.commands.find((c) => c.name() === process.argv[2]);
    const err = fromCommander(e, sub ? `xinfang ${sub.name()}` : 'xinfang');
    if (!err) process.exit(e.exitCode);
    fail(err);
  }
  fail(e);
}
