/**
 * Versioned SQL migrations (src/storage/migrations/NNN_name.sql), applied in order at start, each in its own
 * transaction and recorded in schema_migrations, so running them again is a no-op.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.ts';
import type { Db } from './db.ts';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Arbitrary constant key: serialises concurrent starts of several instances on one PostgreSQL.
const LOCK_KEY = 7_231_004;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number.parseInt(f.slice(0, 3), 10),
      name: f,
      sql: readFileSync(path.join(dir, f), 'utf8'),
    }));
}

export async function migrate(db: Db, migrations = listMigrations()): Promise<number[]> {
  const applied: number[] = [];
  if (db.kind === 'postgres') await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      try {
        await db.transaction(async (tx) => {
          await tx.exec(m.sql);
          await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            m.version,
            m.name,
          ]);
        });
      } catch (cause) {
        throw new AppError('migration_failed', `数据库迁移 ${m.name} 执行失败，数据未改动。`, { cause });
      }
      applied.push(m.version);
    }
  } finally {
    if (db.kind === 'postgres') await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
  return applied;
}
