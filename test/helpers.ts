/** Test helpers: paths to the reference material beside the repository and a fresh in-memory app. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { App } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { Db } from '../src/storage/db.ts';
import { migrate } from '../src/storage/migrate.ts';
import { openPglite } from '../src/storage/pglite.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
/**
 * Reference material beside the repository (official texts, labelled dev sets): configurable through
 * XINFANG_CORPUS_DIR / XINFANG_EVAL_DIR (src/config.ts), by default ../shared/corpus and ../shared/eval. A fresh
 * clone has neither: the tests that need them are skipped, and say why.
 */
const REFERENCE = loadConfig(process.env, ROOT).reference;
export const CORPUS = REFERENCE.corpusDir;
export const EVAL = REFERENCE.evalDir;

/** True when `dir` exists; otherwise prints why the tests that need it are skipped. */
function present(dir: string, what: string, variable: string): boolean {
  if (existsSync(dir)) return true;
  console.warn(`跳过需要${what}的测试：未找到 ${dir}（可用 ${variable} 指定位置）。`);
  return false;
}

/** Whether the official texts are available (prints the reason when they are not). */
export function hasCorpus(): boolean {
  return present(CORPUS, '官方法规文本', 'XINFANG_CORPUS_DIR');
}

/** Whether the labelled dev sets are available (prints the reason when they are not). */
export function hasEvalSets(): boolean {
  return present(EVAL, '标注评测集', 'XINFANG_EVAL_DIR');
}

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

/**
 * Runs a process to its end like spawnSync (status, stdout, stderr; killed after `timeout` ms), without blocking
 * the test worker meanwhile: a worker blocked for a minute misses vitest's fixed 60 s RPC deadline, and the run
 * fails with “Timeout calling onTaskUpdate” although every test passed.
 */
export function spawnAsync(
  command: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = options.timeout ? setTimeout(() => child.kill('SIGTERM'), options.timeout) : undefined;
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // a process that exits without reading its input
    child.stdin.end(options.input ?? '');
  });
}
