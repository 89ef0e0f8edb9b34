/** Backups of the embedded database: dump and restore, automatic backups, and the doctor's table checks. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  autoBackup,
  backupsDir,
  KEEP_AUTO_BACKUPS,
  restoreBackup,
  writeBackup,
} from '../src/storage/backup.ts';
import { checkTables, resetSearchIndex } from '../src/storage/doctor.ts';
import { migrate } from '../src/storage/migrate.ts';
import { openPglite } from '../src/storage/pglite.ts';
import { getMeta, setMeta } from '../src/storage/repositories/chunks.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'xinfang-backup-'));

async function withDb<T>(dir: string, fn: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<T>) {
  const db = await openPglite(dir);
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('backup and restore', () => {
  it('restores the dumped state and keeps the replaced data aside', async () => {
    const root = tmp();
    const dir = path.join(root, 'data');
    const file = path.join(root, 'b.tar.gz');
    await withDb(dir, async (db) => {
      await setMeta(db, 'k', 'before');
      await writeBackup(db, file);
      await setMeta(db, 'k', 'after');
    });
    const { previous } = await restoreBackup(dir, file);
    expect(await withDb(dir, (db) => getMeta(db, 'k'))).toBe('before');
    expect(previous && readdirSync(previous)).toContain('PG_VERSION');
  });

  it('refuses a file that is not a backup and leaves the database as it was', async () => {
    const root = tmp();
    const dir = path.join(root, 'data');
    await withDb(dir, (db) => setMeta(db, 'k', 'kept'));
    const bogus = path.join(root, 'notes.tar.gz');
    writeFileSync(bogus, 'not a tarball');
    await expect(restoreBackup(dir, bogus)).rejects.toMatchObject({
      code: 'input_invalid',
      userMessage: expect.stringContaining('不是有效的信访法治助手备份文件'),
    });
    expect(await withDb(dir, (db) => getMeta(db, 'k'))).toBe('kept');
    expect(existsSync(backupsDir(dir))).toBe(false);
  });

  it(`automatic backups go beside the data directory and only the newest ${KEEP_AUTO_BACKUPS} are kept`, async () => {
    const dir = path.join(tmp(), 'data');
    await withDb(dir, async (db) => {
      for (let i = 0; i < KEEP_AUTO_BACKUPS + 2; i++) {
        await setMeta(db, 'n', String(i));
        await autoBackup(db, dir, `test${i}`);
        await new Promise((r) => setTimeout(r, 1100)); // names carry the second
      }
    });
    const files = readdirSync(backupsDir(dir)).sort();
    expect(files).toHaveLength(KEEP_AUTO_BACKUPS);
    expect(files.at(-1)).toMatch(/^auto-\d{8}-\d{6}-test6\.tar\.gz$/);
    expect(readdirSync(dir)).not.toContain(path.basename(backupsDir(dir)));
  }, 120_000);
});

describe('doctor', () => {
  it('reads every table back, finds a damaged search index, and an emptied index reads back', async () => {
    const dir = path.join(tmp(), 'data');
    const relfile = await withDb(dir, async (db) => {
      const checks = await checkTables(db);
      expect(checks.every((c) => c.ok)).toBe(true);
      expect(checks.map((c) => c.table)).toEqual(expect.arrayContaining(['chunks', 'laws', 'conversations']));
      await db.query(
        `INSERT INTO chunks (id, law, article, sub, label, path, body, source, terms, content_hash)
         VALUES ('x#1', 'x', 1, 0, '第一条', 'x', $1, 'builtin', '', 'h')`,
        ['正文'.repeat(5000)],
      );
      const [r] = await db.query<{ f: string }>("SELECT pg_relation_filepath('chunks') AS f");
      return path.join(dir, r?.f ?? '');
    });
    // Damage the index table's file on disk, as a crash of two writers would.
    const size = readFileSync(relfile).length;
    writeFileSync(relfile, Buffer.alloc(size, 0x5a));
    await withDb(dir, async (db) => {
      const checks = await checkTables(db);
      expect(checks.filter((c) => !c.ok).map((c) => [c.table, c.derived])).toEqual([['chunks', true]]);
      await resetSearchIndex(db);
      expect((await checkTables(db)).every((c) => c.ok)).toBe(true);
    });
  });
});
