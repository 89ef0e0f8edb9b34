#!/usr/bin/env node
// Entry point of the `xinfang` command. Runs the compiled JavaScript in dist/ (built by `npm run build`, which
// `npm ci` runs through the `prepare` script). When dist/ is absent, or older than a file in src/ (a source was
// edited after the last build), it runs the TypeScript sources through tsx instead, so that what runs is always
// what is in src/ — only slower to start.
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { COMPILED_MAIN, distIsCurrent, SOURCE_MAIN } from './dist-current.js';

// The embedded database is PostgreSQL compiled to WebAssembly (9 MB). By default V8 recompiles its hot functions
// with the optimising compiler in the background, which a command that runs for a second never repays: it added
// about 80 MB to the peak memory of a `search` and competed with start-up for the CPU. Baseline (Liftoff) code
// only; an ingest of all official texts took the same time either way. Set before any WebAssembly is compiled.
v8.setFlagsFromString('--liftoff-only');

if (distIsCurrent()) {
  await import(pathToFileURL(COMPILED_MAIN).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(SOURCE_MAIN).href);
}
