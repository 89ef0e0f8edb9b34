import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { BLIND } from './dialogues/blind.ts';
import { score, summary } from './dialogues/score.ts';
import { TRAIN } from './dialogues/train.ts';
import { memoryApp } from './helpers.ts';

let app: App;
beforeAll(async () => {
  app = await memoryApp();
});
afterAll(async () => {
  await app?.close();
});

describe('scripted dialogues', () => {
  it('has at least 40 dialogues of 2–6 turns', () => {
    const all = [...TRAIN, ...BLIND];
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const d of all) expect(d.turns.length).toBeLessThanOrEqual(6);
  });

  it('training dialogues: intent, leading citation and letter type', async () => {
    const s = await score(TRAIN, (id, m) => app.chat.handle(id, m), 'train');
    console.log(summary('train', s));
    expect(s.intent / s.turns).toBeGreaterThanOrEqual(0.9);
    expect(s.cite.right / s.cite.of).toBeGreaterThanOrEqual(0.85);
    expect(s.letter.right / s.letter.of).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it('blind dialogues (not tuned on): scores reported', async () => {
    const s = await score(BLIND, (id, m) => app.chat.handle(id, m), 'blind');
    console.log(summary('blind', s));
    expect(s.turns).toBeGreaterThan(0);
  }, 120_000);
});
