/**
 * Embedded PostgreSQL (PGlite, WASM) with the pgvector extension; data kept in a directory across restarts.
 * PGlite is single-process: opening a directory takes its exclusive lock (lock.ts) first, and a directory that
 * holds someone else's files is refused before anything is written into it.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { AppError } from '../errors.ts';
import type { Db, Queryable } from './db.ts';
import { type DirLock, type LockOptions, lockDataDir } from './lock.ts';

/** Written into a new data directory before the database is created in it: the directory is ours. */
export const DATA_MARKER = '.xinfang-data';

/**
 * Server settings for a one-connection database of a few megabytes. initdb writes shared_buffers = 128MB into
 * postgresql.conf and the WASM heap touches all of it at start (about 140 MB of a CLI command's resident memory);
 * reads that miss these buffers are served from the operating system's file cache. Passed on the command line
 * (`-c`), so an existing data directory's postgresql.conf is left as it is; a new one is created with them
 * (`initdb --set`, which also lowers the memory of the first run).
 */
const MEMORY_SETTINGS = ['shared_buffers=16MB', 'max_connections=4'];

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const res = await q.query<T>(sql, params);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

export type DataDirState = 'absent' | 'empty' | 'ours' | 'foreign' | 'postgres_server';

/** What a data directory holds: nothing, our database, a PostgreSQL server's cluster, or other files. */
export function dataDirState(dir: string): { state: DataDirState; sample: string[] } {
  if (!existsSync(dir)) return { state: 'absent', sample: [] };
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (cause) {
    throw new AppError('config_invalid', `XINFANG_DATA_DIR=${dir} 不是可读的目录。`, { cause });
  }
  if (entries.length === 0) return { state: 'empty', sample: [] };
  if (entries.includes('postmaster.opts')) return { state: 'postgres_server', sample: [] };
  if (entries.includes(DATA_MARKER) || entries.includes('PG_VERSION')) return { state: 'ours', sample: [] };
  return { state: 'foreign', sample: entries.slice(0, 5) };
}

function refuseForeign(dir: string): void {
  const { state, sample } = dataDirState(dir);
  if (state === 'foreign') {
    throw new AppError(
      'config_invalid',
      `数据目录 ${dir} 里已有其他文件（${sample.join('、')}${sample.length >= 5 ? '等' : ''}），不是本助手的数据库。` +
        '为免覆盖这些文件，未写入任何内容。请把 XINFANG_DATA_DIR 设为一个空目录或新目录（默认 ./data）。',
    );
  }
  if (state === 'postgres_server') {
    throw new AppError(
      'config_invalid',
      `数据目录 ${dir} 是一个 PostgreSQL 服务器的数据目录，内置数据库不能打开它。` +
        '要使用该服务器，请设置 DATABASE_URL；否则请把 XINFANG_DATA_DIR 设为一个空目录或新目录。',
    );
  }
}

export interface PgliteOptions {
  lock?: LockOptions;
  /** Create the database from this dump (a tarball from dumpDataDir) instead of an empty one. */
  loadDataDir?: Blob;
}

/** The embedded Db, plus a consistent dump of its directory (backup). */
export interface PgliteDb extends Db {
  readonly kind: 'pglite';
  readonly dataDir: string | null;
  dump(): Promise<Blob>;
}

/** Opens (creating if needed) the database in `dataDir`; `null` keeps it in memory (tests). */
export async function openPglite(dataDir: string | null, options: PgliteOptions = {}): Promise<PgliteDb> {
  let lock: DirLock | null = null;
  let pg: PGlite;
  if (dataDir) {
    refuseForeign(dataDir);
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (cause) {
      throw new AppError('storage_failed', `无法创建数据目录 ${dataDir}，请检查路径和权限。`, { cause });
    }
    lock = await lockDataDir(dataDir, options.lock);
  }
  try {
    if (dataDir) {
      refuseForeign(dataDir); // again under the lock: a process may have written it meanwhile
      if (!existsSync(path.join(dataDir, 'PG_VERSION')))
        writeFileSync(path.join(dataDir, DATA_MARKER), '信访法治助手的内置数据库目录（PGlite）。\n');
    }
    pg = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { vector },
      startParams: [...PGlite.defaultStartParams, ...MEMORY_SETTINGS.flatMap((s) => ['-c', s])],
      initDbStartParams: MEMORY_SETTINGS.flatMap((s) => ['--set', s]),
    });
  } catch (cause) {
    await lock?.release();
    if (cause instanceof AppError) throw cause;
    throw new AppError(
      'storage_failed',
      `无法打开内置数据库（目录：${dataDir ?? '内存'}）。可运行 xinfang doctor 检查，或用 xinfang restore 从备份恢复。`,
      { cause },
    );
  }
  const base = wrap(pg);
  return {
    kind: 'pglite',
    dataDir,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    dump: () => pg.dumpDataDir('gzip'),
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        await lock?.release();
        lock = null;
      }
    },
  };
}
