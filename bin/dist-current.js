// Whether dist/ holds a complete build of the current src/ (used by bin/xinfang.js and scripts/bench.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const COMPILED_MAIN = path.join(ROOT, 'dist/adapters/cli/main.js');
export const SOURCE_MAIN = path.join(ROOT, 'src/adapters/cli/main.ts');
/** Written by scripts/build.mjs when a build succeeds: the time (ms) the build started. */
const STAMP = path.join(ROOT, 'dist/.build-stamp');

/** True when the build is complete and no file in src/ changed after the build started. */
export function distIsCurrent() {
  if (!existsSync(COMPILED_MAIN) || !existsSync(STAMP)) return false;
  const builtAt = Number(readFileSync(STAMP, 'utf8'));
  if (!Number.isFinite(builtAt)) return false;
  const src = path.join(ROOT, 'src');
  if (!existsSync(src)) return true; // a package installed without its sources
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    if (statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > builtAt) return false;
  }
  return true;
}
