#!/usr/bin/env node
// Entry point of the `xinfang` command. Runs the compiled JavaScript in dist/ (built by `npm run build`, which
// `npm ci` runs through the `prepare` script). When dist/ is absent, or older than a file in src/ (a source was
// edited after the last build), it runs the TypeScript sources through tsx instead, so that what runs is always
// what is in src/ — only slower to start.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist/adapters/cli/main.js');
const stamp = path.join(root, 'dist/.build-stamp');

/** True when the build is complete and no file in src/ changed after the build started. */
function distIsCurrent() {
  if (!existsSync(compiled) || !existsSync(stamp)) return false;
  const builtAt = Number(readFileSync(stamp, 'utf8'));
  if (!Number.isFinite(builtAt)) return false;
  const src = path.join(root, 'src');
  if (!existsSync(src)) return true; // a package installed without its sources
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    if (statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > builtAt) return false;
  }
  return true;
}

if (distIsCurrent()) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'src/adapters/cli/main.ts')).href);
}
