/**
 * The exclusive lock on an embedded data directory. PGlite is a single-process database: two processes writing one
 * directory damage it for good. Every process that opens the directory therefore listens on a Unix domain socket
 * beside it, `<dir>.lock` (a named pipe on Windows) — beside, not inside, because a backup dumps every file inside
 * and a socket cannot be read. The operating system closes the socket when the process dies, however it
 * dies, so a lock is never left behind by a crash:
 *   - listen succeeds → we hold the lock;
 *   - EADDRINUSE → connect: an answer means a live holder (it replies with its PID, command and start time);
 *     (PGlite runs on the main thread, so a busy holder may not answer at once: it also leaves its description in
 *     a file beside the socket, read when the connection succeeds); ECONNREFUSED means the holder died and left the socket file → it is removed and taken over, under a short
 *     takeover mutex (an atomic mkdir) so that two newcomers never both take over.
 * No native dependency, no PID-file guessing.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.ts';

/** Suffix of the lock socket's path: `./data` is locked through `./data.lock`. */
const LOCK_SUFFIX = '.lock';
/** Unix socket paths are limited to about 104 bytes (macOS) / 108 (Linux). */
const MAX_SOCKET_PATH = 100;
const TAKEOVER_STALE_MS = 10_000;

export interface LockHolder {
  pid: number;
  command: string;
  /** ISO time the holder took the lock. */
  since: string;
}

export interface DirLock {
  readonly socketPath: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** Wait up to this long for a live holder to let go (read-only commands); 0 fails at once. */
  waitMs?: number;
  /** Called once when we start waiting, with the holder's description. */
  onWait?: (holder: LockHolder | null, waitMs: number) => void;
  /** What this process is, as shown to a second process (default: the command line without its arguments). */
  command?: string;
}

/** The command shown to others: the program and its subcommand, never the arguments (they may hold personal data). */
function describeSelf(): string {
  const script = process.argv[1] ? path.basename(process.argv[1]).replace(/\.(js|ts|mjs)$/, '') : 'node';
  const sub = process.argv[2] && !process.argv[2].startsWith('-') ? ` ${process.argv[2]}` : '';
  return `${script}${sub}`;
}

export function lockSocketPath(dir: string): string {
  const real = realpathSync(dir);
  if (process.platform === 'win32') return `\\\\?\\pipe\\xinfang-${hash(real)}`;
  const beside = `${real}${LOCK_SUFFIX}`;
  if (Buffer.byteLength(beside) <= MAX_SOCKET_PATH) return beside;
  // A deep directory: the socket lives in the temporary directory under a name derived from the data directory.
  return path.join(os.tmpdir(), `xinfang-${hash(real)}.lock`);
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 20);
}

function listen(socketPath: string, holder: LockHolder): Promise<net.Server | 'in_use'> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((conn) => {
      conn.on('error', () => undefined);
      conn.end(`${JSON.stringify(holder)}\n`);
    });
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') resolve('in_use');
      else reject(e);
    });
    server.listen(socketPath, () => {
      server.removeAllListeners('error');
      server.on('error', () => undefined);
      // The lock must never keep a finished process alive.
      server.unref();
      resolve(server);
    });
  });
}

type Probe = { state: 'held'; holder: LockHolder | null } | { state: 'stale' } | { state: 'gone' };

function infoPath(socketPath: string): string {
  return `${socketPath}.json`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder's description file, if it belongs to a live process. */
function readInfo(socketPath: string): LockHolder | null {
  try {
    const h = parseHolder(readFileSync(infoPath(socketPath), 'utf8'));
    return h && alive(h.pid) ? h : null;
  } catch {
    return null;
  }
}

/** Connects to the lock socket: a live holder accepts (the kernel does, even while it is busy); a dead one refuses. */
function probe(socketPath: string, replyTimeoutMs = 1000): Promise<Probe> {
  return new Promise((resolve) => {
    let data = '';
    let connected = false;
    let settled = false;
    const done = (p: Probe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(p);
    };
    const socket = net.createConnection(socketPath);
    const timer = setTimeout(
      () => done(connected ? { state: 'held', holder: null } : { state: 'stale' }),
      replyTimeoutMs,
    );
    socket.on('connect', () => {
      connected = true;
      const info = readInfo(socketPath);
      if (info) done({ state: 'held', holder: info });
    });
    socket.on('data', (d) => {
      data += d.toString('utf8');
    });
    socket.on('end', () => done({ state: 'held', holder: parseHolder(data) }));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (connected) done({ state: 'held', holder: parseHolder(data) });
      else if (e.code === 'ECONNREFUSED') done({ state: 'stale' });
      else if (e.code === 'ENOENT') done({ state: 'gone' });
      // EAGAIN (backlog full) and the like: somebody is there.
      else done({ state: 'held', holder: null });
    });
  });
}

function parseHolder(s: string): LockHolder | null {
  try {
    const v = JSON.parse(s.trim()) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.command === 'string' && typeof v.since === 'string')
      return { pid: v.pid, command: v.command, since: v.since };
  } catch {
    // an unexpected reply: still a live holder
  }
  return null;
}

/** Removes a dead holder's socket file, under a mutex so that only one newcomer takes over at a time. */
async function clearStale(socketPath: string): Promise<void> {
  const mutex = `${socketPath}.takeover`;
  try {
    mkdirSync(mutex);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another process is taking over right now; a mutex left by a process that died mid-takeover is cleared.
    try {
      if (Date.now() - statSync(mutex).mtimeMs > TAKEOVER_STALE_MS) rmdirSync(mutex);
    } catch {
      // gone meanwhile
    }
    await sleep(20 + Math.random() * 30);
    return;
  }
  try {
    // Re-check under the mutex: someone may have taken the lock since our probe.
    if ((await probe(socketPath)).state === 'stale') {
      try {
        unlinkSync(socketPath);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  } finally {
    rmdirSync(mutex);
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

export function formatHolder(holder: LockHolder | null): string {
  if (!holder) return '另一个进程（正忙，未能读取其信息）';
  const since = new Date(holder.since);
  const when = Number.isNaN(since.getTime())
    ? holder.since
    : `${since.getFullYear()}-${String(since.getMonth() + 1).padStart(2, '0')}-${String(since.getDate()).padStart(2, '0')} ${since.toTimeString().slice(0, 8)}`;
  return `进程 ${holder.pid}（${holder.command}，自 ${when} 起）`;
}

/** The data directory is held by another live process (a storage failure that waiting or stopping it resolves). */
export class DataDirLockedError extends AppError {
  constructor(
    readonly holder: LockHolder | null,
    userMessage: string,
    detail: string,
  ) {
    super('storage_failed', userMessage, { detail });
  }
}

function lockedError(dir: string, holder: LockHolder | null, waitedMs = 0): DataDirLockedError {
  const waited = waitedMs > 0 ? `已等待 ${Math.round(waitedMs / 1000)} 秒仍未释放。` : '';
  return new DataDirLockedError(
    holder,
    `内置数据库（${dir}）正被${formatHolder(holder)}使用。${waited}内置数据库同一时间只能由一个进程打开，` +
      '否则数据会损坏。请先结束那个进程（例如退出对话或停止 Slack 应用）再试；' +
      '如需多个进程或多个实例同时运行，请改用 PostgreSQL：设置环境变量 DATABASE_URL（见 README“A real PostgreSQL”）。',
    `data directory ${dir} locked by ${holder ? `pid ${holder.pid}` : 'an unknown process'}`,
  );
}

/** Takes the exclusive lock on `dir` (which must exist), or throws `storage_locked` naming the holder. */
export async function lockDataDir(dir: string, options: LockOptions = {}): Promise<DirLock> {
  const socketPath = lockSocketPath(dir);
  const me: LockHolder = {
    pid: process.pid,
    command: options.command ?? describeSelf(),
    since: new Date().toISOString(),
  };
  const waitMs = options.waitMs ?? 0;
  const started = Date.now();
  let announced = false;
  for (let attempt = 0; ; attempt++) {
    let server: net.Server | 'in_use';
    try {
      server = await listen(socketPath, me);
    } catch (cause) {
      throw new AppError('storage_failed', `无法在数据目录 ${dir} 中建立进程锁，请检查目录权限。`, { cause });
    }
    if (server !== 'in_use') {
      const s = server;
      try {
        writeFileSync(infoPath(socketPath), `${JSON.stringify(me)}\n`);
      } catch {
        // the socket still answers with the same description
      }
      return {
        socketPath,
        release: () =>
          new Promise<void>((resolve) => {
            if (readInfo(socketPath)?.pid === process.pid) {
              try {
                unlinkSync(infoPath(socketPath));
              } catch {
                // already gone
              }
            }
            // libuv removes the socket file when the server closes (before the descriptor is closed).
            s.close(() => resolve());
          }),
      };
    }
    const p = await probe(socketPath);
    if (p.state === 'stale') {
      await clearStale(socketPath);
      continue;
    }
    if (p.state === 'gone') continue; // released between our listen and our probe
    const waited = Date.now() - started;
    if (waited >= waitMs || attempt > 10_000) throw lockedError(dir, p.holder, waitMs > 0 ? waited : 0);
    if (!announced) {
      announced = true;
      options.onWait?.(p.holder, waitMs);
    }
    await sleep(Math.min(200, waitMs - waited));
  }
}
