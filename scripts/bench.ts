/**
 * `npm run bench`: cold start of CLI commands on the embedded default (wall time and peak RSS of a new process,
 * each also as a ratio to a bare `node -e 0` measured in the same run, interleaved so that both see the same load),
 * warm search latency (p50/p95 over 200 queries), ask latency, memory, and the case register with 10,000 matters
 * (`npm run bench -- --register` runs that part alone). Prints figures; asserts nothing.
 * The CLI runs as users run it, through bin/xinfang.js; dist/ is built first when it is not current.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { distIsCurrent } from '../bin/dist-current.js';
import { App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { benchRegister } from './bench-register.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHARED = path.resolve(ROOT, '../shared');

/** Issue 17 targets for a cold `xinfang search`. */
const TARGET = { ms: 800, ratio: 15, rssMiB: 300 };
const RUNS = 7;

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
  const build = () => {
    console.log('dist/ 不是最新的编译结果，先运行 npm run build ……');
    const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build 失败');
  };
  // Each measured process writes its peak resident set (getrusage maxrss) to a file when it exits.
  const rssFile = path.join(dataDir, '..', `${path.basename(dataDir)}.rss`);
  const probe = `data:text/javascript,${encodeURIComponent(
    "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));",
  )}`;
  const run = (args: string[]): { ms: number; rssMiB: number } => {
    rmSync(rssFile, { force: true });
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--import', probe, ...args], {
      env: { ...env, BENCH_RSS_FILE: rssFile },
      encoding: 'utf8',
    });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(r.stderr);
    return { ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
  };
  // Measure the compiled code: a run during which src/ changed (bin/xinfang.js may then have chosen tsx) is redone.
  const cli = (args: string[]) => {
    for (;;) {
      if (!distIsCurrent()) build();
      const r = run([path.join(ROOT, 'bin/xinfang.js'), ...args]);
      if (distIsCurrent()) return r;
    }
  };
  const median = (xs: number[]) => percentile(xs, 50);

  const first = cli(['search', '复查期限']);
  const bare: { ms: number; rssMiB: number }[] = [];
  const search: { ms: number; rssMiB: number }[] = [];
  const deadline: { ms: number; rssMiB: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(run(['-e', '0']));
    search.push(cli(['search', '复查期限']));
    deadline.push(cli(['deadline', '--event', 'accepted', '--from', '2026-08-02']));
  }
  const nodeMs = median(bare.map((r) => r.ms));
  const nodeRss = median(bare.map((r) => r.rssMiB));
  const line = (label: string, rs: { ms: number; rssMiB: number }[]) => {
    const ms = median(rs.map((r) => r.ms));
    const rss = median(rs.map((r) => r.rssMiB));
    const worst = (f: (r: { ms: number; rssMiB: number }) => number) => Math.max(...rs.map(f)).toFixed(0);
    return (
      `${label}: 中位数 ${ms.toFixed(0)} ms（${(ms / nodeMs).toFixed(1)}× node -e 0，最慢 ${worst((r) => r.ms)} ms）；` +
      `峰值 RSS 中位数 ${rss.toFixed(0)} MiB（${(rss / nodeRss).toFixed(1)}× node -e 0，最大 ${worst((r) => r.rssMiB)} MiB）`
    );
  };
  console.log(
    `== CLI 冷启动（新进程，内置数据库，各 ${RUNS} 次交替运行，${os.cpus().length} 核，负载 ${os.loadavg()[0]?.toFixed(1)}）`,
  );
  console.log(`node -e 0: 中位数 ${nodeMs.toFixed(0)} ms，峰值 RSS ${nodeRss.toFixed(0)} MiB`);
  console.log(
    `首次运行（创建数据库并建索引）: ${first.ms.toFixed(0)} ms，峰值 RSS ${first.rssMiB.toFixed(0)} MiB`,
  );
  console.log(line('xinfang search 复查期限（已有数据库）', search));
  console.log(line('xinfang deadline（不打开数据库）', deadline));
  console.log(
    `目标（冷启动 search）: ≤ ${TARGET.ms} ms（≤ ${TARGET.ratio}×），峰值 RSS ≤ ${TARGET.rssMiB} MiB`,
  );
  rmSync(rssFile, { force: true });

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
      if (!existsSync(dir)) {
        await app.close();
        break;
      }
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
  await benchRegister(config);
  rmSync(dataDir, { recursive: true, force: true });
}

if (process.argv.includes('--register')) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-'));
  await benchRegister({
    ...loadConfig({ ...process.env, XINFANG_DATA_DIR: dataDir, DATABASE_URL: '' }),
    logLevel: 'silent',
  });
  rmSync(dataDir, { recursive: true, force: true });
} else await main();
