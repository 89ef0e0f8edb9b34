import { describe, expect, it } from 'vitest';
import { detectIntent } from '../src/conversation/intent.ts';

describe('message intents', () => {
  it('a URL in a deadline question is not read as a deadline code; a real code is', () => {
    const withUrl = detectIntent('https://example.gov.cn 上说的复查期限，从2026-03-02起算到哪天？', false);
    expect(withUrl).toMatchObject({ kind: 'deadline', code: null });
    const withCode = detectIntent('review_request 从 2026-03-02 起算到哪天', false);
    expect(withCode).toMatchObject({ kind: 'deadline', code: 'review_request' });
    // An event code (deadlines.md) names the starting event: `/deadline accepted 2026-08-02`.
    expect(detectIntent('/deadline accepted 2026-08-02', false)).toMatchObject({
      kind: 'deadline',
      code: 'accepted',
      date: '2026-08-02',
    });
  });
});
