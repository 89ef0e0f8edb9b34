/** Test helpers: paths to the shared reference material and a fresh in-memory app. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { App } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { Db } from '../src/storage/db.ts';
import { migrate } from '../src/storage/migrate.ts';
import { openPglite } from '../src/storage/pglite.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHARED = path.resolve(ROOT, '../shared');
export const CORPUS = path.join(SHARED, 'corpus');

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS)) throw new Error(`reference corpus not found at ${CORPUS}`);
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => path.join(CORPUS, f));
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return { ...loadConfig({ XINFANG_EMBEDDER: 'local', ...overrides }), logLevel: 'silent' };
}

export async function memoryDb(): Promise<Db> {
  const db = await openPglite(null);
  await migrate(db);
  return db;
}

export async function memoryApp(overrides: Record<string, string> = {}): Promise<App> {
  return App.create(testConfig(overrides), { db: await memoryDb() });
}
