/**
 * `npm run bench`: cold start of a CLI command on the embedded default, warm search latency (p50/p95 over 200
 * queries), ask latency, and memory. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHARED = path.resolve(ROOT, '../shared');

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

function queries(): string[] {
  const out: string[] = [];
  for (const f of ['eval/search-extra.jsonl', '../shared/eval/search-dev.jsonl']) {
    const file = path.resolve(ROOT, f);
    if (!existsSync(file)) continue;
    for (const l of readFileSync(file, 'utf8').split('\n').filter(Boolean))
      out.push((JSON.parse(l) as { query: string }).query);
  }
  const base = out.length > 0 ? out : ['复查期限', '第三十一条'];
  return Array.from({ length: 200 }, (_, i) => base[i % base.length] as string);
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-'));
  const env = { ...process.env, XINFANG_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
  const cli = (args: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/xinfang.js'), ...args], {
      env,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(r.stderr);
    return performance.now() - t;
  };
  const first = cli(['search', '复查期限']);
  const cold = [1, 2, 3, 4, 5].map(() => cli(['search', '复查期限']));
  console.log('== CLI（内置数据库）');
  console.log(`首次运行（创建数据库并建索引）: ${first.toFixed(0)} ms`);
  console.log(
    `冷启动 xinfang search（已有数据库）: 中位数 ${percentile(cold, 50).toFixed(0)} ms，最大 ${Math.max(...cold).toFixed(0)} ms`,
  );

  const config = {
    ...loadConfig({ ...process.env, XINFANG_DATA_DIR: dataDir, DATABASE_URL: '' }),
    logLevel: 'silent',
  };
  for (const mode of ['builtin', 'official'] as const) {
    const t0 = performance.now();
    const app = await App.create(config);
    const open = performance.now() - t0;
    if (mode === 'official') {
      const dir = path.join(SHARED, 'corpus');
      if (!existsSync(dir)) break;
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.md') && f !== 'README.md')
        .map((f) => path.join(dir, f));
      const ti = performance.now();
      await app.ingest(files);
      console.log(`\n导入 ${files.length} 部正式文本（含建索引）: ${(performance.now() - ti).toFixed(0)} ms`);
    }
    const qs = queries();
    for (const q of qs.slice(0, 20)) await app.searcher.search(q); // warm-up
    const lat: number[] = [];
    for (const q of qs) {
      const t = performance.now();
      await app.searcher.search(q);
      lat.push(performance.now() - t);
    }
    if (mode === 'builtin') {
      const texts: string[] = [];
      for (const f of [
        '../shared/eval/classify-dev.jsonl',
        'eval/classify-extra.jsonl',
        'eval/classify-holdout.jsonl',
      ]) {
        const file = path.resolve(ROOT, f);
        if (existsSync(file)) {
          for (const l of readFileSync(file, 'utf8').split('\n').filter(Boolean))
            texts.push((JSON.parse(l) as { text: string }).text);
        }
      }
      const tc = performance.now();
      for (let i = 0; i < 1000; i++) app.classifier.classify(texts[i % texts.length] as string);
      console.log(`分类 1000 次（单进程）: ${(performance.now() - tc).toFixed(0)} ms`);
      const letterDir = path.resolve(ROOT, '../shared/eval/letters-dev');
      if (existsSync(letterDir)) {
        const letters = readdirSync(letterDir)
          .filter((f) => f.endsWith('.txt'))
          .map((f) => readFileSync(path.join(letterDir, f), 'utf8'));
        const twoPages = letters.join('\n').slice(0, 2400); // about two A4 pages of 公文
        for (let i = 0; i < 20; i++) app.checker.check(twoPages);
        const lat: number[] = [];
        for (let i = 0; i < 200; i++) {
          const t = performance.now();
          app.checker.check(i % 2 === 0 ? twoPages : (letters[i % letters.length] as string));
          lat.push(performance.now() - t);
        }
        console.log(
          `文书检查（热，约两页）200 次: p50 ${percentile(lat, 50).toFixed(2)} ms, p95 ${percentile(lat, 95).toFixed(2)} ms`,
        );
      }
    }
    const askLat: number[] = [];
    for (const q of qs.slice(0, 50)) {
      const t = performance.now();
      await app.ask.ask(q);
      askLat.push(performance.now() - t);
    }
    console.log(
      `\n== 检索（${mode === 'builtin' ? '内置要点' : '已导入正式文本'}，${app.library.all().length} 条，向量：${app.embedder?.id ?? '无'}）`,
    );
    console.log(`打开应用: ${open.toFixed(0)} ms`);
    console.log(
      `热检索 ${lat.length} 次: p50 ${percentile(lat, 50).toFixed(2)} ms, p95 ${percentile(lat, 95).toFixed(2)} ms`,
    );
    console.log(
      `问答 ${askLat.length} 次: p50 ${percentile(askLat, 50).toFixed(2)} ms, p95 ${percentile(askLat, 95).toFixed(2)} ms`,
    );
    console.log(`RSS: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
    await app.close();
  }
}

await main();
