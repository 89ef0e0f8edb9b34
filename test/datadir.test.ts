/** A data directory that holds someone else's files is refused before anything is written into it. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/storage/migrate.ts';
import { DATA_MARKER, openPglite } from '../src/storage/pglite.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'xinfang-dir-'));

describe('embedded data directory ownership', () => {
  it('refuses a directory of other files and writes nothing into it', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, '工作总结.docx'), 'x');
    writeFileSync(path.join(dir, 'notes.txt'), 'y');
    await expect(openPglite(dir)).rejects.toMatchObject({
      code: 'config_invalid',
      userMessage: expect.stringMatching(
        /已有其他文件（.*notes\.txt.*），不是本助手的数据库。.*未写入任何内容/,
      ),
    });
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', '工作总结.docx']);
  });

  it("refuses a PostgreSQL server's own data directory", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'PG_VERSION'), '15\n');
    writeFileSync(path.join(dir, 'postmaster.opts'), '/usr/lib/postgresql/15/bin/postgres\n');
    await expect(openPglite(dir)).rejects.toMatchObject({
      code: 'config_invalid',
      userMessage: expect.stringContaining('PostgreSQL 服务器的数据目录'),
    });
    expect(readdirSync(dir).sort()).toEqual(['PG_VERSION', 'postmaster.opts']);
  });

  it('creates a database in a new or empty directory and opens it again, also without the marker', async () => {
    const dir = path.join(tmp(), 'new');
    const db = await openPglite(dir);
    await migrate(db);
    await db.close();
    expect(readdirSync(dir)).toContain(DATA_MARKER);
    expect(readdirSync(dir)).toContain('PG_VERSION');
    rmSync(path.join(dir, DATA_MARKER)); // a directory created before the marker existed
    const again = await openPglite(dir);
    expect(await again.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await again.close();
  });
});
