/**
 * `npm run build` (also run by `npm ci` through `prepare`): compiles src/ to dist/ with tsc (tsconfig.build.json;
 * `.ts` import paths become `.js`), copies the files src/ reads beside its code (the SQL migrations), and writes
 * dist/.build-stamp with the time the build started. bin/xinfang.js runs dist/ only when no file in src/ is newer
 * than that stamp. Plain JavaScript, so that it runs before anything is compiled.
 *
 * `--or-sources` (the `prepare` script): when tsc fails, say so and exit 0 with no dist/, so that `npm ci` still
 * completes and bin/xinfang.js runs the sources through tsx.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const startedAt = Date.now();

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (r.status !== 0) {
  rmSync(dist, { recursive: true, force: true }); // never leave a partial build for bin/xinfang.js to run
  if (process.argv.includes('--or-sources')) {
    process.stderr.write('编译失败（见上）：xinfang 将通过 tsx 直接运行 src/ 中的源代码，启动较慢。\n');
    process.exit(0);
  }
  process.exit(r.status ?? 1);
}
const migrations = path.join(dist, 'storage/migrations');
mkdirSync(migrations, { recursive: true });
cpSync(path.join(root, 'src/storage/migrations'), migrations, {
  recursive: true,
  filter: (f) => !f.endsWith('.ts'),
});
writeFileSync(path.join(dist, '.build-stamp'), String(startedAt));
