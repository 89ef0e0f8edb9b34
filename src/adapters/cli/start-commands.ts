/** `xinfang start` (npm start): Slack when its tokens are configured, else the terminal chat — and it says which. */
import type { Command } from 'commander';
import { App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { negativeFeedback } from '../../storage/repositories/surfaces.ts';
import { runChat } from './chat.ts';
import { withApp } from './runtime.ts';

export function registerStartCommands(program: Command): void {
  program
    .command('start')
    .description('启动助手：已配置 Slack 时运行 Slack 应用，否则进入终端对话')
    .action(async () => {
      const config = loadConfig();
      const { slackMode, createSlackApp } = await import('../slack/app.ts');
      const { mode, why } = slackMode(config);
      const storage = config.databaseUrl ? 'PostgreSQL（DATABASE_URL）' : `内置数据库（${config.dataDir}）`;
      const engine = config.openai.chatReady ? `语言模型 ${config.openai.chatModel}` : '离线规则引擎';
      if (!mode) {
        process.stderr.write(`启动终端对话：${why}。存储：${storage}；回答：${engine}。\n`);
        await withApp((app) => runChat(app), {}, config);
        return;
      }
      const app = await App.create(config);
      const slack = createSlackApp(app, config, app.log);
      await slack.start();
      process.stderr.write(`Slack 应用已启动：${why}。存储：${storage}；回答：${engine}。按 Ctrl+C 退出。\n`);
      const stop = async () => {
        await slack.stop().catch(() => undefined);
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('feedback')
    .description('查看近期的负面反馈（👎），供知识库维护人员改进')
    .option('--days <n>', '最近几天', '7')
    .option('--json', '输出 JSON')
    .action(async (opts: { days: string; json?: boolean }) => {
      const days = Number(opts.days);
      if (!/^\d+$/.test(opts.days.trim()) || days < 1 || days > 3650)
        throw new AppError(
          'input_invalid',
          `--days 应为 1 到 3650 之间的整数（天数），例如 --days 7；收到“${opts.days}”。`,
        );
      await withApp(
        async (app) => {
          const rows = await negativeFeedback(app.db, Number.isFinite(days) && days > 0 ? days : 7);
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(rows)}\n`);
            return;
          }
          if (rows.length === 0) process.stdout.write(`最近 ${opts.days} 天没有负面反馈。\n`);
          for (const [i, r] of rows.entries()) {
            process.stdout.write(
              `${i + 1}. ${new Date(r.created_at).toISOString().slice(0, 16)}（${r.engine}）\n   问题：${r.question}\n   回答：${r.answer.slice(0, 120).replace(/\n/g, ' ')}\n   意见：${r.comment ?? '（无）'}\n`,
            );
          }
        },
        { wait: true },
      );
    });
}
