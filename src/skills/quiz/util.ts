/** Small deterministic helpers shared by the question generators: seeded PRNG, shuffle, option keys. */

export const KEYS = ['A', 'B', 'C', 'D', 'E'];

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hash(s: string): number {
  return [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
}

export function shuffle<T>(xs: readonly T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** Options A–D from a correct value and distractors, shuffled by the question's id; returns the answer key. */
export function lettered<T>(
  id: string,
  correct: T,
  distractors: readonly T[],
  text: (x: T) => string,
): { options: { key: string; text: string }[]; key: string; order: T[] } {
  const order = shuffle([correct, ...distractors], rng(hash(id)));
  const options = order.map((x, i) => ({ key: KEYS[i] as string, text: text(x) }));
  const key = KEYS[order.indexOf(correct)] as string;
  return { options, key, order };
}
