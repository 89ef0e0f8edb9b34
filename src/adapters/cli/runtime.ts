/** Shared CLI plumbing: opening the app, printing errors in Chinese with a meaningful exit code. */

import { App, type AppOptions } from '../../app.ts';
import { type Config, loadConfig } from '../../config.ts';
import { exitCodeFor, reportFailure, toAppError } from '../../errors.ts';
import { createLogger } from '../../log.ts';
import { formatHolder, type LockOptions } from '../../storage/lock.ts';
import { progressBar } from './progress.ts';

/** Seconds a read-only command (search, ask, feedback, backup) waits for another process to release the database. */
const READ_ONLY_WAIT_MS = 5_000;

/** Lock options of a read-only command: wait a few seconds, and say so. */
export function waitForLock(waitMs = READ_ONLY_WAIT_MS): LockOptions {
  return {
    waitMs,
    onWait: (holder) =>
      process.stderr.write(
        `内置数据库正被${formatHolder(holder)}使用，最多等待 ${Math.round(waitMs / 1000)} 秒……\n`,
      ),
  };
}

export interface RunOptions extends AppOptions {
  /** Wait for the embedded database's lock (read-only commands) instead of failing at once. */
  wait?: boolean;
}

export async function withApp<T>(
  fn: (app: App) => Promise<T>,
  options: RunOptions = {},
  config?: Config,
): Promise<T> {
  const { wait, ...appOptions } = options;
  // A start after an interrupted ingest rebuilds the search index: show it, rather than a silent pause.
  const bar = appOptions.onEmbedProgress ? null : progressBar('建立检索索引');
  const app = await App.create(config ?? loadConfig(), {
    ...(bar ? { onEmbedProgress: bar.update } : {}),
    ...(wait ? { storage: { lock: waitForLock() } } : {}),
    ...appOptions,
  }).finally(() => bar?.stop());
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/**
 * Ends a command that failed. An expected failure prints its Chinese message; anything else (a bug) is logged to
 * stderr with its stack and cause under an error id, which the message names. The exit code tells them apart.
 */
export function fail(e: unknown): never {
  const err = toAppError(e);
  process.stderr.write(`错误：${reportFailure(createLogger('error'), e, 'command failed')}\n`);
  // `--debug` shows the underlying cause (never petitioners' text: causes are library and system errors).
  if (process.argv.includes('--debug') && err.cause)
    process.stderr.write(`${String((err.cause as Error).stack ?? err.cause)}\n`);
  process.exit(exitCodeFor(err.code));
}
