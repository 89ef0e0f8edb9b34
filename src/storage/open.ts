/** Chooses the storage from configuration and brings its schema up to date. */
import type { Config } from '../config.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';

export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  // Each driver is imported only when chosen: start-up cost matters for every CLI command.
  const db = config.databaseUrl
    ? await (await import('./postgres.ts')).openPostgres(config.databaseUrl)
    : await (await import('./pglite.ts')).openPglite(config.dataDir);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
