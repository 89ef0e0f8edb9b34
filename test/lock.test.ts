/**
 * The embedded data directory is held by one process at a time: a second process fails cleanly with a message
 * naming the holder, the database stays intact, and a holder killed with SIGKILL leaves no lock behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir, lockSocketPath } from '../src/storage/lock.ts';
import { migrate } from '../src/storage/migrate.ts';
import { openPglite } from '../src/storage/pglite.ts';
import { getMeta } from '../src/storage/repositories/chunks.ts';
import { ROOT, spawnAsync } from './helpers.ts';

const HOLDER = path.join(ROOT, 'test/fixtures/hold-db.ts');
/** Real processes (tsx + PGlite start-up, several at once): generous on a loaded machine. */
const PROCESS_TEST_MS = 180_000;
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function tmpDir(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'xinfang-lock-')), 'data');
}

interface Run {
  child: ChildProcess;
  /** Resolves with the holder's pid once it holds the database, or rejects with its exit code and stderr. */
  ready: Promise<number>;
  exited: Promise<{ code: number | null; err: string }>;
}

function hold(dir: string, mode: 'hold' | 'write' = 'hold'): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir, mode], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; err: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, err })),
  );
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(({ code, err }) => reject(Object.assign(new Error(err), { code })));
  });
  ready.catch(() => undefined);
  return { child, ready, exited };
}

async function cli(dir: string, args: string[]) {
  return await spawnAsync(process.execPath, [path.join(ROOT, 'bin/xinfang.js'), ...args], {
    env: { ...process.env, XINFANG_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
}

async function readHolderMark(dir: string): Promise<string | null> {
  const db = await openPglite(dir);
  try {
    await migrate(db);
    return await getMeta(db, 'holder');
  } finally {
    await db.close();
  }
}

describe('lock on the embedded data directory', () => {
  it(
    'a second process fails cleanly, naming the holder; the database stays intact',
    async () => {
      const dir = tmpDir();
      const holder = hold(dir, 'write');
      const pid = await holder.ready;

      const second = await cli(dir, ['ingest', path.join(ROOT, 'README.md')]);
      expect(second.status, second.stderr).toBe(4);
      expect(second.stderr).toContain(`正被进程 ${pid}（hold-db，自 `);
      expect(second.stderr).toContain('DATABASE_URL');
      expect(second.stderr).not.toMatch(/RuntimeError|Aborted|at /);

      holder.child.kill('SIGTERM');
      expect((await holder.exited).code).toBe(0);
      expect(existsSync(lockSocketPath(dir))).toBe(false);
      expect(await readHolderMark(dir)).toBe(String(pid));
    },
    PROCESS_TEST_MS,
  );

  it(
    'after kill -9 of a writing holder the next open succeeds and the data read back',
    async () => {
      const dir = tmpDir();
      const holder = hold(dir, 'write');
      const pid = await holder.ready;
      await new Promise((r) => setTimeout(r, 300)); // let it write
      holder.child.kill('SIGKILL');
      await holder.exited;
      expect(existsSync(lockSocketPath(dir))).toBe(true); // left behind, and must not block
      const db = await openPglite(dir);
      try {
        await migrate(db);
        expect(await getMeta(db, 'holder')).toBe(String(pid));
        const rows = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n, sum(length(value))::int FROM meta',
        );
        expect(rows[0]?.n).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
    },
    PROCESS_TEST_MS,
  );

  it(
    'of several processes started together, exactly one opens the directory (also over a dead holder)',
    async () => {
      const dir = tmpDir();
      const first = hold(dir);
      await first.ready;
      first.child.kill('SIGKILL');
      await first.exited;
      const runs = [hold(dir), hold(dir), hold(dir)];
      const outcomes = await Promise.all(
        runs.map((r) =>
          Promise.race([r.ready.then(() => 'held' as const), r.exited.then((x) => x)]).catch(
            () => 'failed' as const,
          ),
        ),
      );
      const held = outcomes.filter((o) => o === 'held');
      expect(held).toHaveLength(1);
      for (const o of outcomes) {
        if (o === 'held' || o === 'failed') continue;
        expect(o.code).toBe(4);
        expect(o.err).toContain('正被进程');
      }
    },
    PROCESS_TEST_MS,
  );

  it('a waiting opener says so and gets the lock once it is released', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-lock-'));
    const first = await lockDataDir(dir, { command: 'first' });
    const waits: string[] = [];
    setTimeout(() => void first.release(), 400);
    const second = await lockDataDir(dir, {
      waitMs: 5_000,
      onWait: (h) => waits.push(h?.command ?? '?'),
    });
    expect(waits).toEqual(['first']);
    await second.release();
  });

  it('a waiting opener gives up after its wait with the holder named', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-lock-'));
    const first = await lockDataDir(dir, { command: 'xinfang chat' });
    try {
      const t0 = Date.now();
      await expect(lockDataDir(dir, { waitMs: 500 })).rejects.toMatchObject({
        code: 'storage_failed',
        userMessage: expect.stringMatching(new RegExp(`进程 ${process.pid}（xinfang chat，.*已等待`)),
      });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
    } finally {
      await first.release();
    }
  });
});
