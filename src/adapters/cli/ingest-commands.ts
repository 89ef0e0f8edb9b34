/**
 * `xinfang ingest` and `xinfang reindex`: loading official texts for real users. One line per file as it is done,
 * files that cannot be loaded are skipped with the reason, a summary at the end, and an exit code that says
 * whether anything was skipped.
 */
import type { Command } from 'commander';
import { exitCodeFor } from '../../errors.ts';
import type { BatchOutcome } from '../../ingest/ingest.ts';
import { autoBackup } from '../../storage/backup.ts';
import { progressBar } from './progress.ts';
import { withApp } from './runtime.ts';

function formatOutcome(o: BatchOutcome): string {
  if (o.status === 'skipped') return `警告：${o.problem}已跳过该文件。`;
  const what =
    o.status === 'unchanged'
      ? '内容未变化，未重复导入'
      : o.status === 'replaced'
        ? `已替换旧版本（${o.previousVersion ?? '?'}）`
        : '已导入';
  const flag = o.superseded ? '；该法规已被取代，仅供查阅，不作为现行依据检索' : '';
  return `《${o.law}》（${o.version}）${o.articles} 条：${what}${flag}`;
}

function summarize(outcomes: BatchOutcome[]): string {
  const n = (s: BatchOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const skipped = n('skipped');
  return (
    `共 ${outcomes.length} 个文件：新导入 ${n('added')}，替换旧版本 ${n('replaced')}，未变化 ${n('unchanged')}，跳过 ${skipped}。` +
    (skipped > 0 ? '被跳过的文件未改动数据库，其余文件已导入。' : '')
  );
}

/** 0 when every file loaded; otherwise the exit code of the first skipped file's problem (2 unreadable, 5 no articles). */
function ingestExitCode(outcomes: BatchOutcome[]): number {
  const first = outcomes.find((o) => o.status === 'skipped');
  return first && first.status === 'skipped' ? exitCodeFor(first.code) : 0;
}

export function registerIngestCommands(program: Command): void {
  program
    .command('ingest')
    .description('载入法律法规正式文本（.md / .txt / .docx），同名法律的旧版本将被替换；每个文件单独导入')
    .argument('<files...>', '文件路径')
    .option('--no-backup', '导入前不自动备份内置数据库')
    .action(async (files: string[], opts: { backup: boolean }) => {
      const code = await withApp(async (app) => {
        if (opts.backup && app.db.kind === 'pglite') {
          const file = await autoBackup(app.db, app.config.dataDir);
          process.stdout.write(`导入前已备份数据库：${file}（如需撤销本次导入：xinfang restore ${file}）\n`);
        }
        const indexBar = progressBar('建立检索索引');
        const outcomes = await app.ingest(
          files,
          (o) => (o.status === 'skipped' ? process.stderr : process.stdout).write(`${formatOutcome(o)}\n`),
          (d, t) => indexBar.update(d, t),
        );
        indexBar.stop();
        process.stdout.write(`${summarize(outcomes)}\n`);
        return ingestExitCode(outcomes);
      });
      process.exitCode = code;
    });

  program
    .command('reindex')
    .description('按当前向量配置重建全部条文向量')
    .action(async () => {
      const bar = progressBar('重建向量');
      await withApp(
        async (app) => {
          bar.stop();
          process.stdout.write(
            `已重建 ${app.lastSync.embedded} 条条文的向量（${app.embedder?.id ?? '未启用向量检索'}）。\n`,
          );
        },
        { resetEmbeddings: true, onEmbedProgress: (d, t) => bar.update(d, t) },
      );
    });
}
