/** Embedded PostgreSQL (PGlite, WASM) with the pgvector extension; data kept in a directory across restarts. */
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { AppError } from '../errors.ts';
import type { Db, Queryable } from './db.ts';

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

/** Opens (creating if needed) the database in `dataDir`; `null` keeps it in memory (tests). */
export async function openPglite(dataDir: string | null): Promise<Db> {
  let pg: PGlite;
  try {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { vector } });
  } catch (cause) {
    throw new AppError(
      'storage_failed',
      `无法打开内置数据库（目录：${dataDir ?? '内存'}）。请检查目录权限，或是否有另一个进程正在使用它。`,
      {
        cause,
      },
    );
  }
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
