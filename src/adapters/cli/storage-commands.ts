/**
 * `xinfang backup`, `restore` and `doctor`: keeping the embedded database safe. Backups are consistent dumps taken
 * under the data directory's lock; doctor reads every table back, rebuilds the search index when it is damaged (or
 * when asked) and names what only a backup can bring back.
 */
import type { Command } from 'commander';
import { type Config, loadConfig } from '../../config.ts';
import { AppError, toAppError } from '../../errors.ts';
import { backupsDir, listBackups, restoreBackup, writeBackup } from '../../storage/backup.ts';
import type { Db } from '../../storage/db.ts';
import { checkTables, resetSearchIndex, type TableCheck } from '../../storage/doctor.ts';
import { DataDirLockedError } from '../../storage/lock.ts';
import { openDb } from '../../storage/open.ts';
import { countChunks } from '../../storage/repositories/chunks.ts';
import { waitForLock, withApp } from './runtime.ts';

function requireEmbedded(config: Config, command: string): void {
  if (config.databaseUrl)
    throw new AppError(
      'config_invalid',
      `xinfang ${command} 只适用于内置数据库。已设置 DATABASE_URL（PostgreSQL）时，请用 pg_dump / pg_restore 备份和恢复。`,
    );
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function formatCheck(c: TableCheck): string {
  return c.ok
    ? `  ✓ ${c.label}（${c.table}）：${c.rows} 行`
    : `  ✗ ${c.label}（${c.table}）：读取失败${c.derived ? '（可重建）' : ''}`;
}

function suggestRestore(config: Config): string {
  if (config.databaseUrl) return '请从 PostgreSQL 的备份恢复。';
  const [newest] = listBackups(config.dataDir);
  return newest
    ? `可用 xinfang restore ${newest.file} 恢复最近的备份（${newest.modified.toLocaleString('zh-CN')}）。`
    : `在 ${backupsDir(config.dataDir)} 中没有找到备份；已导入的正式文本可重新 ingest。`;
}

export function registerStorageCommands(program: Command): void {
  program
    .command('backup')
    .description('备份内置数据库到文件（一致的完整副本，.tar.gz）')
    .argument('<file>', '备份文件，例如 备份/xinfang-2026-03-01.tar.gz')
    .action(async (file: string) => {
      const config = loadConfig();
      requireEmbedded(config, 'backup');
      const db = await openDb(config, { lock: waitForLock() });
      try {
        const r = await writeBackup(db, file);
        process.stdout.write(
          `已备份到 ${r.file}（${megabytes(r.bytes)}）。恢复：xinfang restore ${r.file}\n`,
        );
      } finally {
        await db.close();
      }
    });

  program
    .command('restore')
    .description('用备份文件替换内置数据库（原数据另存，不会丢失）')
    .argument('<file>', 'xinfang backup 或导入前自动备份生成的 .tar.gz 文件')
    .action(async (file: string) => {
      const config = loadConfig();
      requireEmbedded(config, 'restore');
      const { previous } = await restoreBackup(config.dataDir, file);
      const db = await openDb(config); // brings the schema up to date and proves it opens
      const checks = await checkTables(db).finally(() => db.close());
      process.stdout.write(
        `已从 ${file} 恢复内置数据库（${config.dataDir}）。` +
          (previous ? `原数据另存于 ${previous}。` : '') +
          `\n${checks.map(formatCheck).join('\n')}\n`,
      );
    });

  program
    .command('doctor')
    .description('检查数据库：逐表读回全部数据，检索索引损坏时重建，并说明哪些只能从备份恢复')
    .option('--rebuild-index', '无论是否损坏都重建检索索引')
    .action(async (opts: { rebuildIndex?: boolean }) => {
      const config = loadConfig();
      const where = config.databaseUrl ? 'PostgreSQL（DATABASE_URL）' : `内置数据库（${config.dataDir}）`;
      process.stdout.write(`检查 ${where}：\n`);
      let db: Db;
      try {
        db = await openDb(config);
      } catch (e) {
        const err = toAppError(e);
        if (err instanceof DataDirLockedError || err.code !== 'storage_failed') throw err;
        throw new AppError('storage_failed', `数据库无法打开。${suggestRestore(config)}`, { cause: e });
      }
      let checks: TableCheck[];
      const damaged = () => checks.filter((c) => !c.ok);
      try {
        checks = await checkTables(db);
        process.stdout.write(`${checks.map(formatCheck).join('\n')}\n`);
        if (!opts.rebuildIndex && damaged().length === 0) {
          process.stdout.write('数据库完好。\n');
          return;
        }
        if (opts.rebuildIndex || damaged().some((c) => c.derived)) await resetSearchIndex(db);
      } finally {
        await db.close();
      }
      if (opts.rebuildIndex || damaged().some((c) => c.derived)) {
        await withApp(
          async (app) => {
            // The emptied index was rebuilt while the app started (with a progress bar on a terminal).
            process.stdout.write(`  ✓ 检索索引已重建：${await countChunks(app.db)} 条。\n`);
          },
          {},
          config,
        );
      }
      const lost = damaged().filter((c) => !c.derived);
      if (lost.length > 0) {
        throw new AppError(
          'storage_failed',
          `以下数据读取失败，无法自动重建：${lost.map((c) => c.label).join('、')}。${suggestRestore(config)}`,
        );
      }
      process.stdout.write('检查完毕，其余数据完好。\n');
    });
}
