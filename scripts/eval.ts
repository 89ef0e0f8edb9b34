/**
 * `npm run eval`: scores the assistant on the labelled sets in XINFANG_EVAL_DIR (default ../shared/eval) and our
 * own sets in eval/. Runs on a fresh in-memory database, first with the built-in knowledge only, then with the
 * official texts of XINFANG_CORPUS_DIR (default ../shared/corpus) ingested, so both deployments are measured.
 * Sets that are absent are skipped and listed at the start and the end of the report.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/storage/migrate.ts';
import { openPglite } from '../src/storage/pglite.ts';
import { type ClassifyCase, printClassify, scoreClassify } from './eval-classify.ts';
import { LETTER_SETS, printLetters, readCases, scoreLetters } from './eval-letters.ts';
import { type SearchCase, scoreSearch } from './eval-search.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

function pct(x: number): string {
  return x.toFixed(3);
}

async function main() {
  const verbose = process.argv.includes('--verbose');
  const useLlm = process.argv.includes('--llm');
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: '' }, ROOT), logLevel: 'silent' };
  const { corpusDir, evalDir } = config.reference;
  /** Sets that could not be scored, with where they were looked for. */
  const absent: string[] = [];
  const sets: [string, SearchCase[]][] = [];
  const dev = path.join(evalDir, 'search-dev.jsonl');
  if (existsSync(dev)) sets.push(['search-dev', readJsonl<SearchCase>(dev)]);
  else absent.push(`search-dev（${dev}）`);
  for (const name of [
    'search-extra',
    'search-blind',
    'search-blind2',
    'search-blind3',
    'search-blind4',
    'search-blind5',
    'search-blind6',
    'search-blind7',
    'search-blind8',
    'search-blind9',
    'search-blind10',
    'search-blind11',
    'search-blind12',
    'search-blind13',
    'search-blind14',
    'search-blind15',
    'search-blind16',
    'search-blind17',
    'search-blind18',
    'search-blind19',
    'search-blind20',
    'search-blind21',
    'search-blind22',
    'search-blind23',
  ]) {
    const own = path.join(ROOT, `eval/${name}.jsonl`);
    if (existsSync(own)) sets.push([name, readJsonl<SearchCase>(own)]);
  }

  const corpus = existsSync(corpusDir)
    ? readdirSync(corpusDir)
        .filter((f) => f.endsWith('.md') && f !== 'README.md')
        .map((f) => path.join(corpusDir, f))
    : [];
  if (corpus.length === 0) absent.push(`官方文本（${corpusDir}；“已导入正式文本”一轮跳过）`);
  for (const [name, file] of [['classify-dev', path.join(evalDir, 'classify-dev.jsonl')]] as const)
    if (!existsSync(file)) absent.push(`${name}（${file}）`);
  for (const [name, dir] of LETTER_SETS)
    if (!existsSync(path.join(dir, 'expected.jsonl'))) absent.push(`${name}（${dir}）`);
  const reportAbsent = () => {
    if (absent.length === 0) return;
    console.log(`\n未找到、已跳过的评测集（可用 XINFANG_EVAL_DIR / XINFANG_CORPUS_DIR 指定位置）：`);
    for (const a of absent) console.log(`  - ${a}`);
  };
  reportAbsent();

  if (useLlm && !config.openai.chatReady)
    console.log('未配置语言模型（OPENAI_CHAT_MODEL 与 OPENAI_API_KEY/OPENAI_BASE_URL），--llm 部分跳过。');
  for (const mode of ['builtin', 'official'] as const) {
    if (mode === 'official' && corpus.length === 0) continue;
    const db = await openPglite(null);
    await migrate(db);
    const app = await App.create(config, { db });
    if (mode === 'official') await app.ingest(corpus);
    console.log(
      `\n== 检索（${mode === 'builtin' ? '内置要点' : `已导入 ${corpus.length} 部正式文本`}，向量：${app.embedder?.id ?? '无'}）`,
    );
    console.log('set            n    R@1    R@3    R@5    MRR');
    // The law a gold label names, by our catalogue (民法典总则编 → 民法典), for search and ask alike.
    const lawOf = (law: string) => app.searcher.catalog.resolve(law, false) ?? law;
    for (const [name, cases] of sets) {
      const s = await scoreSearch(cases, (q) => app.searcher.search(q, { limit: 10 }), lawOf);
      console.log(
        `${name.padEnd(13)} ${String(s.n).padStart(2)}  ${pct(s.recall1)}  ${pct(s.recall3)}  ${pct(s.recall5)}  ${pct(s.mrr)}`,
      );
      if (verbose)
        for (const m of s.misses) console.log(`   miss ${m.id} ${m.query} gold=${m.gold} got=${m.got}`);
      // Offline answers: is the first citation a gold article, and how many of the citations are gold.
      let first = 0;
      let cited = 0;
      let right = 0;
      for (const c of cases) {
        const gold = new Set(c.gold.map((g) => `${lawOf(g.law)}#${g.article}`));
        const r = await app.ask.ask(c.query);
        const keys = r.citations.map((x) => `${x.law}#${x.article}`);
        if (keys[0] && gold.has(keys[0])) first++;
        cited += keys.length;
        right += keys.filter((k) => gold.has(k)).length;
      }
      console.log(
        `${`${name}(ask)`.padEnd(18)} 首个引用正确 ${pct(first / cases.length)}  引用精确率 ${pct(cited ? right / cited : 0)}`,
      );
    }
    if (mode === 'builtin') {
      // Scripted dialogues (test/dialogues): turn accuracy of the conversation engine.
      console.log('\n== 对话（离线对话引擎）');
      const { score, summary } = await import('../test/dialogues/score.ts');
      const { TRAIN } = await import('../test/dialogues/train.ts');
      const { BLIND } = await import('../test/dialogues/blind.ts');
      for (const [name, set] of [
        ['dialogues-train', TRAIN],
        ['dialogues-blind', BLIND],
      ] as const) {
        const s = await score(
          set,
          (session, message) => app.dialogue.handle(session, message),
          `eval-${name}`,
        );
        console.log(verbose ? summary(name, s) : (summary(name, s).split('\n')[0] ?? ''));
        // --llm: the same dialogues through app.chat — the tool-calling agent when a chat model is configured.
        if (useLlm && app.model) {
          const m = await score(
            set,
            (session, message) => app.chat.handle(session, message),
            `eval-llm-${name}`,
          );
          const line = summary(`${name}(llm)`, m);
          console.log(verbose ? line : (line.split('\n')[0] ?? ''));
        }
      }
      console.log('\n== 分类（离线规则引擎）');
      console.log('set               n  category channel subchannel(n) admissibility  harmful');
      for (const [name, file] of [
        ['classify-dev', path.join(evalDir, 'classify-dev.jsonl')],
        ['classify-extra', path.join(ROOT, 'eval/classify-extra.jsonl')],
        ['classify-fresh', path.join(ROOT, 'eval/classify-fresh.jsonl')],
        ['classify-holdout', path.join(ROOT, 'eval/classify-holdout.jsonl')],
        ['classify-blind', path.join(ROOT, 'eval/classify-blind.jsonl')],
        ['classify-blind2', path.join(ROOT, 'eval/classify-blind2.jsonl')],
        ['classify-blind3', path.join(ROOT, 'eval/classify-blind3.jsonl')],
        ['classify-blind4', path.join(ROOT, 'eval/classify-blind4.jsonl')],
        ['classify-blind5', path.join(ROOT, 'eval/classify-blind5.jsonl')],
        ['classify-blind6', path.join(ROOT, 'eval/classify-blind6.jsonl')],
        ['classify-blind7', path.join(ROOT, 'eval/classify-blind7.jsonl')],
        ['classify-blind8', path.join(ROOT, 'eval/classify-blind8.jsonl')],
        ['classify-blind9', path.join(ROOT, 'eval/classify-blind9.jsonl')],
        ['classify-blind10', path.join(ROOT, 'eval/classify-blind10.jsonl')],
        ['classify-blind11', path.join(ROOT, 'eval/classify-blind11.jsonl')],
        ['classify-blind12', path.join(ROOT, 'eval/classify-blind12.jsonl')],
        ['classify-blind13', path.join(ROOT, 'eval/classify-blind13.jsonl')],
        ['classify-blind14', path.join(ROOT, 'eval/classify-blind14.jsonl')],
        ['classify-blind15', path.join(ROOT, 'eval/classify-blind15.jsonl')],
        ['classify-blind16', path.join(ROOT, 'eval/classify-blind16.jsonl')],
        ['classify-blind17', path.join(ROOT, 'eval/classify-blind17.jsonl')],
        ['classify-blind18', path.join(ROOT, 'eval/classify-blind18.jsonl')],
        ['classify-blind19', path.join(ROOT, 'eval/classify-blind19.jsonl')],
        ...readdirSync(path.join(ROOT, 'eval/classify-train'))
          .filter((f) => f.endsWith('.jsonl'))
          .map(
            (f) => [`train-${f.replace('.jsonl', '')}`, path.join(ROOT, 'eval/classify-train', f)] as const,
          ),
      ] as const) {
        if (!existsSync(file)) continue;
        const scores = scoreClassify(readJsonl<ClassifyCase>(file), (t) => app.classifier.classify(t));
        printClassify(name, scores, verbose);
        if (useLlm && app.modelClassifier) {
          const cases = readJsonl<ClassifyCase>(file);
          const preds = new Map<string, Awaited<ReturnType<typeof app.modelClassifier.classify>>>();
          for (const c of cases) preds.set(c.text, await app.modelClassifier.classify(c.text));
          printClassify(
            `${name}(llm)`,
            scoreClassify(cases, (t) => preds.get(t) ?? app.classifier.classify(t)),
            verbose,
          );
        }
      }
      for (const [name, dir] of LETTER_SETS) {
        if (!existsSync(path.join(dir, 'expected.jsonl'))) continue;
        const cases = readCases(dir);
        const s = scoreLetters(dir, cases, (t) => app.checker.check(t), verbose);
        printLetters(name, s, cases.length);
      }
    }
    await app.close();
  }
  reportAbsent();
}

await main();
