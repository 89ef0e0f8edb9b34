/** Shared CLI plumbing: opening the app, printing errors in Chinese with a meaningful exit code. */

import { App, type AppOptions } from '../../app.ts';
import { type Config, loadConfig } from '../../config.ts';
import { exitCodeFor, toAppError } from '../../errors.ts';

export async function withApp<T>(
  fn: (app: App) => Promise<T>,
  options: AppOptions = {},
  config?: Config,
): Promise<T> {
  const app = await App.create(config ?? loadConfig(), options);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

export function fail(e: unknown): never {
  const err = toAppError(e);
  process.stderr.write(`错误：${err.userMessage}\n`);
  // `--debug` shows the underlying cause (never petitioners' text: causes are library and system errors).
  if (process.argv.includes('--debug') && err.cause)
    process.stderr.write(`${String((err.cause as Error).stack ?? err.cause)}\n`);
  process.exit(exitCodeFor(err.code));
}
