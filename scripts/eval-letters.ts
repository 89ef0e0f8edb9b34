/** Letter-check scoring: per-code precision/recall/F1, micro F1, letter-type accuracy, errors on clean letters. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import type { CheckReport } from '../src/skills/check/checker.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface LetterCase {
  file: string;
  letterType: string;
  codes: string[];
}

export function scoreLetters(
  dir: string,
  cases: LetterCase[],
  check: (text: string) => CheckReport,
  verbose: boolean,
) {
  const per = new Map<string, { tp: number; fp: number; fn: number }>();
  let typeOk = 0;
  let cleanErrors = 0;
  let clean = 0;
  const bump = (code: string, k: 'tp' | 'fp' | 'fn') => {
    const s = per.get(code) ?? { tp: 0, fp: 0, fn: 0 };
    s[k]++;
    per.set(code, s);
  };
  for (const c of cases) {
    const r = check(readFileSync(path.join(dir, c.file), 'utf8'));
    if (r.letterType === c.letterType) typeOk++;
    const got = new Set<string>(r.findings.map((f) => f.code));
    const gold = new Set(c.codes);
    for (const g of gold) bump(g, got.has(g) ? 'tp' : 'fn');
    for (const p of got) if (!gold.has(p)) bump(p, 'fp');
    if (gold.size === 0) {
      clean++;
      cleanErrors += r.findings.filter((f) => f.severity === 'error').length;
    }
    if (verbose) {
      const missed = [...gold].filter((g) => !got.has(g));
      const extra = [...got].filter((g) => !gold.has(g));
      if (missed.length + extra.length > 0 || r.letterType !== c.letterType)
        console.log(
          `   ${c.file}: type ${r.letterType}${r.letterType === c.letterType ? '' : ` (gold ${c.letterType})`} missed=[${missed}] extra=[${extra}]`,
        );
    }
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const rows: string[] = [];
  for (const [code, s] of [...per.entries()].sort()) {
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
    const p = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
    const r = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
    const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    rows.push(
      `   ${code.padEnd(30)} P ${p.toFixed(2)}  R ${r.toFixed(2)}  F1 ${f.toFixed(2)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
    );
  }
  const P = tp + fp === 0 ? 1 : tp / (tp + fp);
  const R = tp + fn === 0 ? 1 : tp / (tp + fn);
  const F = P + R === 0 ? 0 : (2 * P * R) / (P + R);
  return { rows, micro: { P, R, F }, typeAccuracy: typeOk / cases.length, clean, cleanErrors };
}

/** The labelled letter sets, in the order `npm run eval` reports them. */
export const LETTER_SETS: [string, string][] = [
  ['letters-dev', path.join(loadConfig(process.env, ROOT).reference.evalDir, 'letters-dev')],
  ['letters-extra', path.resolve(import.meta.dirname, '../eval/letters-extra')],
  ['letters-blind', path.resolve(import.meta.dirname, '../eval/letters-blind')],
  ['letters-blind2', path.resolve(import.meta.dirname, '../eval/letters-blind2')],
  ['letters-blind3', path.resolve(import.meta.dirname, '../eval/letters-blind3')],
  ['letters-blind4', path.resolve(import.meta.dirname, '../eval/letters-blind4')],
  ['letters-blind5', path.resolve(import.meta.dirname, '../eval/letters-blind5')],
  ['letters-blind6', path.resolve(import.meta.dirname, '../eval/letters-blind6')],
  ['letters-blind7', path.resolve(import.meta.dirname, '../eval/letters-blind7')],
  ['letters-train', path.resolve(import.meta.dirname, '../eval/letters-train')],
];

export function readCases(dir: string): LetterCase[] {
  return readFileSync(path.join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LetterCase);
}

export function printLetters(name: string, s: ReturnType<typeof scoreLetters>, n: number): void {
  console.log(`\n== 文书检查 ${name}（${n} 份）`);
  console.log(
    `micro P ${s.micro.P.toFixed(3)}  R ${s.micro.R.toFixed(3)}  F1 ${s.micro.F.toFixed(3)}；文书类型准确率 ${s.typeAccuracy.toFixed(3)}；合规文书 ${s.clean} 份中的错误项 ${s.cleanErrors}`,
  );
  for (const r of s.rows) console.log(r);
}

/** `npx tsx scripts/eval-letters.ts [--verbose] [set…]`: the letter sets alone, on the built-in knowledge. */
async function main(): Promise<void> {
  const { existsSync } = await import('node:fs');
  const { loadKnowledge } = await import('../src/knowledge/load.ts');
  const { Catalog } = await import('../src/retrieval/catalog.ts');
  const { LawLibrary } = await import('../src/retrieval/library.ts');
  const { LetterChecker } = await import('../src/skills/check/checker.ts');
  const { OfficialCalendar } = await import('../src/skills/deadlines/calendar.ts');
  const { DeadlineService } = await import('../src/skills/deadlines/deadlines.ts');
  const { RemedyTable } = await import('../src/skills/letters/remedies.ts');
  const verbose = process.argv.includes('--verbose');
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const knowledge = loadKnowledge();
  const library = LawLibrary.build(knowledge, []);
  const checker = new LetterChecker({
    library,
    catalog: new Catalog(knowledge),
    deadlines: new DeadlineService(knowledge.deadlines, new OfficialCalendar()),
    remedies: RemedyTable.load(),
  });
  for (const [name, dir] of LETTER_SETS) {
    if (only.length > 0 && !only.includes(name)) continue;
    if (!existsSync(path.join(dir, 'expected.jsonl'))) continue;
    const cases = readCases(dir);
    printLetters(
      name,
      scoreLetters(dir, cases, (t) => checker.check(t), verbose),
      cases.length,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
