/**
 * `npx tsx scripts/tune-search.ts`: fits the search weights (SearchTuning) by coordinate search on our tuning sets
 * (eval/search-*), scored with the built-in knowledge and with the official texts of XINFANG_CORPUS_DIR ingested.
 * Prints the mean of MRR and Recall@1 over both deployments and every set, and each improving step. Never run it on
 * a set that is still blind. Env: SETS (comma-separated names), GRID (JSON: weight → values), ROUNDS, TUNING (start).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { DEFAULT_TUNING, type SearchTuning } from '../src/retrieval/search.ts';
import { migrate } from '../src/storage/migrate.ts';
import { openPglite } from '../src/storage/pglite.ts';
import { type SearchCase, scoreSearch } from './eval-search.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = process.env.XINFANG_CORPUS_DIR ?? path.resolve(ROOT, '../shared/corpus');
const SETS = (
  process.env.SETS ??
  'search-blind2,search-blind3,search-blind4,search-blind5,search-blind6,search-blind7,search-blind8,search-extra'
).split(',');
const GRID: Partial<Record<keyof SearchTuning, number[]>> = JSON.parse(
  process.env.GRID ??
    '{"question":[2,3,4,5],"head":[0,0.15,0.3,0.5],"lawPrior":[0,0.15,0.3,0.6],"defaultLaw":[1,1.15,1.3,1.5],"expansion":[0.4,0.6,0.8,1],"curated":[1,1.2,1.4],"vector":[0,0.5,1,2],"regulationShare":[0.2,0.35,0.5,0.7],"questionDecay":[0,0.2,0.4,0.6],"articleModel":[0,0.5,1,1.5,2]}',
);

const readJsonl = (f: string): SearchCase[] =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SearchCase);

async function app(official: boolean): Promise<App> {
  const db = await openPglite(null);
  await migrate(db);
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: '' }), logLevel: 'silent' as const };
  const a = await App.create(config, { db });
  if (official && existsSync(CORPUS))
    await a.ingest(
      readdirSync(CORPUS)
        .filter((f) => f.endsWith('.md') && f !== 'README.md')
        .map((f) => path.join(CORPUS, f)),
    );
  return a;
}

const apps = [await app(false), await app(true)];
const sets = SETS.map((name) => ({ name, cases: readJsonl(path.join(ROOT, 'eval', `${name}.jsonl`)) }));

/** Mean of MRR and Recall@1 over both deployments and every set, with a line per set. */
async function score(t: SearchTuning): Promise<{ mean: number; line: string }> {
  const values: number[] = [];
  const parts: string[] = [];
  for (const [i, a] of apps.entries()) {
    a.searcher.tuning = { ...t };
    for (const s of sets) {
      const r = await scoreSearch(
        s.cases,
        (q: string) => a.searcher.search(q, { limit: 10 }),
        (law) => a.searcher.catalog.resolve(law, false) ?? law,
      );
      values.push(r.mrr, r.recall1);
      parts.push(`${s.name.replace('search-', '')}${i === 0 ? '' : '*'} ${r.recall1.toFixed(2)}`);
    }
  }
  return { mean: values.reduce((x, y) => x + y, 0) / values.length, line: parts.join(' ') };
}

let best: SearchTuning = { ...DEFAULT_TUNING, ...JSON.parse(process.env.TUNING ?? '{}') };
let bestScore = await score(best);
console.log(`start ${bestScore.mean.toFixed(4)}  ${bestScore.line}`);
for (let round = 0; round < Number(process.env.ROUNDS ?? 1); round++) {
  for (const [key, values] of Object.entries(GRID) as [keyof SearchTuning, number[]][]) {
    for (const v of values) {
      if (best[key] === v) continue;
      const s = await score({ ...best, [key]: v });
      if (s.mean > bestScore.mean + 1e-4) {
        best = { ...best, [key]: v };
        bestScore = s;
        console.log(`  ${key}=${v} ${s.mean.toFixed(4)}  ${s.line}`);
      }
    }
  }
  console.log(`round ${round}: ${JSON.stringify(best)} ${bestScore.mean.toFixed(4)}`);
}
for (const a of apps) await a.close();
