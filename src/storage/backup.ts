/**
 * Backups of the embedded database: a consistent dump of the whole data directory (PGlite's dumpDataDir, a
 * gzipped tarball taken while we hold the directory's exclusive lock), restore of such a dump, and the automatic
 * backups `ingest` takes first. A real PostgreSQL is backed up with its own tools (pg_dump).
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { AppError } from '../errors.ts';
import type { Db } from './db.ts';
import { type LockOptions, lockDataDir } from './lock.ts';
import { DATA_MARKER, dataDirState, type PgliteDb } from './pglite.ts';

/** Automatic backups kept per data directory; older ones are removed. */
export const KEEP_AUTO_BACKUPS = 5;
const AUTO_PREFIX = 'auto-';

/** Backups live beside the data directory (never inside it: a dump would then contain the earlier ones). */
export function backupsDir(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}-backups`;
}

function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function embedded(db: Db): PgliteDb {
  if (db.kind !== 'pglite' || !('dump' in db))
    throw new AppError(
      'config_invalid',
      '备份与恢复命令只适用于内置数据库。使用 PostgreSQL（DATABASE_URL）时请用 pg_dump / pg_restore 备份。',
    );
  return db as PgliteDb;
}

/** Writes a consistent dump of the open embedded database to `file` (written aside, then renamed into place). */
export async function writeBackup(db: Db, file: string): Promise<{ file: string; bytes: number }> {
  const blob = await embedded(db).dump();
  const bytes = Buffer.from(await blob.arrayBuffer());
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const tmp = `${file}.partial`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (cause) {
    throw new AppError('input_invalid', `无法写入备份文件：${file}（请检查目录是否存在、是否可写）。`, {
      cause,
    });
  }
  return { file, bytes: bytes.length };
}

/** The backup taken before an ingest, in the backups folder; only the newest few are kept. */
export async function autoBackup(db: Db, dataDir: string, reason = 'before-ingest'): Promise<string> {
  const dir = backupsDir(dataDir);
  const file = path.join(dir, `${AUTO_PREFIX}${stamp()}-${reason}.tar.gz`);
  await writeBackup(db, file);
  const autos = readdirSync(dir)
    .filter((f) => f.startsWith(AUTO_PREFIX) && f.endsWith('.tar.gz'))
    .sort();
  for (const old of autos.slice(0, Math.max(0, autos.length - KEEP_AUTO_BACKUPS)))
    unlinkSync(path.join(dir, old));
  return file;
}

/** Backups found beside the data directory, newest first (what doctor suggests restoring). */
export function listBackups(dataDir: string): { file: string; modified: Date }[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tar.gz'))
    .map((f) => ({ file: path.join(dir, f), modified: statSync(path.join(dir, f)).mtime }))
    .sort((a, b) => b.modified.getTime() - a.modified.getTime());
}

async function readDump(file: string): Promise<Blob> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new AppError('input_invalid', `无法读取备份文件：${file}（文件不存在或没有读取权限）。`, { cause });
  }
  const blob = new Blob([new Uint8Array(bytes)]);
  // Proven before anything is touched: the dump must open as a database of ours.
  let pg: PGlite | null = null;
  try {
    pg = await PGlite.create({ loadDataDir: blob, extensions: { vector } });
    await pg.query('SELECT count(*) FROM schema_migrations');
  } catch (cause) {
    throw new AppError('input_invalid', `${file} 不是有效的信访法治助手备份文件，未做任何改动。`, { cause });
  } finally {
    await pg?.close().catch(() => undefined);
  }
  return blob;
}

/**
 * Replaces the database in `dataDir` by the dump in `file`. The current contents are kept aside in the backups
 * folder (returned as `previous`), so a restore can itself be undone.
 */
export async function restoreBackup(
  dataDir: string,
  file: string,
  lock: LockOptions = {},
): Promise<{ previous: string | null }> {
  const blob = await readDump(file);
  const { state } = dataDirState(dataDir);
  if (state === 'foreign' || state === 'postgres_server')
    throw new AppError(
      'config_invalid',
      `数据目录 ${dataDir} 里有其他文件，不是本助手的数据库，拒绝恢复到这里。`,
    );
  mkdirSync(dataDir, { recursive: true });
  const held = await lockDataDir(dataDir, lock);
  let previous: string | null = null;
  try {
    const entries = readdirSync(dataDir);
    if (entries.length > 0) {
      previous = path.join(backupsDir(dataDir), `before-restore-${stamp()}`);
      mkdirSync(previous, { recursive: true });
      for (const e of entries) renameSync(path.join(dataDir, e), path.join(previous, e));
    }
    writeFileSync(path.join(dataDir, DATA_MARKER), '信访法治助手的内置数据库目录（PGlite）。\n');
    try {
      const pg = await PGlite.create({ dataDir, loadDataDir: blob, extensions: { vector } });
      await pg.close();
    } catch (cause) {
      throw new AppError(
        'storage_failed',
        `恢复失败${previous ? `；原数据保存在 ${previous}，可将其中内容移回 ${dataDir}` : ''}。`,
        { cause },
      );
    }
  } finally {
    await held.release();
  }
  return { previous };
}
