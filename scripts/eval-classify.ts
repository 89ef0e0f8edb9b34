/** Classification scoring: accuracy per field (gold lists hold every acceptable code) and a channel confusion table. */
import type { Classification } from '../src/domain/classification.ts';

export interface ClassifyCase {
  id: string;
  text: string;
  gold: { category: string; channel: string[]; subchannel?: string[]; admissibility: string };
}

export interface ClassifyScores {
  n: number;
  category: number;
  channel: number;
  subchannel: number;
  subchannelN: number;
  admissibility: number;
  errors: number;
  /** Harmful routes (issue targets): 复议/诉讼 for a matter in the petition chain, or the petition chain for a
   * matter with a legal channel (litigation, arbitration, 党员申诉/复审). */
  harmful: number;
  confusion: Map<string, Map<string, number>>;
  misses: string[];
}

export function scoreClassify(
  cases: ClassifyCase[],
  classify: (text: string) => Classification,
): ClassifyScores {
  const s: ClassifyScores = {
    n: cases.length,
    category: 0,
    channel: 0,
    subchannel: 0,
    subchannelN: 0,
    admissibility: 0,
    errors: 0,
    harmful: 0,
    confusion: new Map(),
    misses: [],
  };
  for (const c of cases) {
    let pred: Classification;
    try {
      pred = classify(c.text);
    } catch (e) {
      s.errors++;
      s.misses.push(`${c.id} ERROR ${(e as Error).message}`);
      continue;
    }
    const gold = c.gold;
    const okCat = pred.category === gold.category;
    const okCh = gold.channel.includes(pred.channel);
    const okAdm = pred.admissibility === gold.admissibility;
    const legalChannel = ['judicial', 'arbitration', 'party_appeal'];
    if (
      (gold.channel.length === 1 &&
        gold.channel[0] === 'petition_procedure' &&
        (pred.subchannel === 'administrative_reconsideration' ||
          pred.subchannel === 'administrative_litigation')) ||
      (pred.channel === 'petition_procedure' && gold.channel.every((ch) => legalChannel.includes(ch)))
    )
      s.harmful++;
    if (okCat) s.category++;
    if (okCh) s.channel++;
    if (okAdm) s.admissibility++;
    let okSub = true;
    if (gold.subchannel && gold.subchannel.length > 0) {
      s.subchannelN++;
      okSub = pred.subchannel !== null && gold.subchannel.includes(pred.subchannel);
      if (okSub) s.subchannel++;
    }
    const g = gold.channel[0] ?? '?';
    const row = s.confusion.get(g) ?? new Map<string, number>();
    const key = okCh ? g : pred.channel;
    row.set(key, (row.get(key) ?? 0) + 1);
    s.confusion.set(g, row);
    if (!okCat || !okCh || !okSub || !okAdm) {
      s.misses.push(
        `${c.id} gold=${gold.category}/${gold.channel.join('|')}/${(gold.subchannel ?? []).join('|')}/${gold.admissibility} ` +
          `pred=${pred.category}/${pred.channel}/${pred.subchannel}/${pred.admissibility} :: ${c.text.slice(0, 50)}`,
      );
    }
  }
  return s;
}

export function printClassify(name: string, s: ClassifyScores, verbose: boolean): void {
  const f = (k: number, n: number) => (n === 0 ? '  —  ' : (k / n).toFixed(3));
  console.log(
    `${name.padEnd(15)} ${String(s.n).padStart(3)}  ${f(s.category, s.n)}  ${f(s.channel, s.n)}  ${f(s.subchannel, s.subchannelN)} (${s.subchannelN})  ${f(s.admissibility, s.n)}  harmful ${s.harmful}`,
  );
  if (verbose) {
    for (const m of s.misses) console.log(`   miss ${m}`);
    console.log('   confusion (gold first channel → predicted):');
    for (const [g, row] of s.confusion) {
      console.log(`     ${g.padEnd(26)} ${[...row.entries()].map(([p, n]) => `${p}:${n}`).join('  ')}`);
    }
  }
}
