/** Chooses the storage from configuration and brings its schema up to date. */
import type { Config } from '../config.ts';
import type { Db } from './db.ts';
import type { LockOptions } from './lock.ts';
import { migrate } from './migrate.ts';

export interface OpenOptions {
  /** How to wait for the embedded data directory's lock (ignored for PostgreSQL). */
  lock?: LockOptions;
}

export async function openDb(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  options: OpenOptions = {},
): Promise<Db> {
  // Each driver is imported only when chosen: start-up cost matters for every CLI command.
  const db = config.databaseUrl
    ? await (await import('./postgres.ts')).openPostgres(config.databaseUrl)
    : await (await import('./pglite.ts')).openPglite(
        config.dataDir,
        options.lock ? { lock: options.lock } : {},
      );
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
