/**
 * The mix of a generated set: application questions first (about two thirds, spread evenly over their kinds),
 * statutory periods next, numbering recall last and capped at a tenth of the set. Within a kind, questions on
 * chapters 3 and 4 of the regulation (受理, 办理) weigh double. Seeded: the same seed gives the same set.
 */
import { APPLICATION_KINDS, type Question, type QuestionKind } from './types.ts';
import { rng, shuffle } from './util.ts';

const MIX = { application: 0.66, numberingMax: 0.1 } as const;

export function shares(count: number): { application: number; numbering: number; period: number } {
  const application = Math.round(count * MIX.application);
  const numbering = Math.floor(count * MIX.numberingMax);
  return { application, numbering, period: count - application - numbering };
}

function draw(pool: Question[], rand: () => number): Question | undefined {
  if (pool.length === 0) return undefined;
  const weights = pool.map((q) => (q.chapter === 3 || q.chapter === 4 ? 2 : 1));
  let r = rand() * weights.reduce((s, w) => s + w, 0);
  let idx = 0;
  for (; idx < pool.length - 1; idx++) {
    r -= weights[idx] ?? 0;
    if (r <= 0) break;
  }
  const [q] = pool.splice(idx, 1);
  return q;
}

export function pickMixed(all: Question[], count: number, seed: number): Question[] {
  const rand = rng(seed);
  const byKind = new Map<QuestionKind, Question[]>();
  for (const q of all) byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), q]);
  const take = (kinds: readonly QuestionKind[], n: number): Question[] => {
    const got: Question[] = [];
    const order = shuffle(kinds, rand);
    while (got.length < n) {
      const live = order.filter((k) => (byKind.get(k)?.length ?? 0) > 0);
      if (live.length === 0) break;
      for (const k of live) {
        if (got.length >= n) break;
        const q = draw(byKind.get(k) ?? [], rand);
        if (q) got.push(q);
      }
    }
    return got;
  };
  const want = shares(count);
  const out = [...take(APPLICATION_KINDS, want.application), ...take(['period'], want.period)];
  out.push(...take(['numbering'], want.numbering));
  // Short pools: fill with application, then periods, and numbering only when nothing else is left.
  out.push(...take(APPLICATION_KINDS, count - out.length));
  out.push(...take(['period'], count - out.length));
  out.push(...take(['numbering'], count - out.length));
  return shuffle(out, rand);
}
