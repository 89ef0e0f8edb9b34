/** Slack feedback kept per user (answer_id + user_id), run on PGlite and on PostgreSQL. */
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/storage/db.ts';
import { migrate } from '../src/storage/migrate.ts';
import { comment, negativeFeedback, rate, saveAnswer } from '../src/storage/repositories/surfaces.ts';

export function feedbackSuite(name: string, open: () => Promise<Db>) {
  describe(`feedback per user: ${name}`, () => {
    it('a later 👍 by another user no longer overwrites a 👎 and its comment', async () => {
      const db = await open();
      try {
        await migrate(db);
        const id = await saveAnswer(db, {
          surface: 'slack',
          userId: 'U1',
          channel: 'C1',
          question: '复查期限是多少',
          answer: '30日',
          citations: [{ law: '信访工作条例', article: 35 }],
          engine: 'offline',
        });
        expect(await rate(db, id, 'U1', -1)).toBe(true);
        expect(await comment(db, id, 'U1', '没有说明起算日')).toBe(true);
        expect(await rate(db, id, 'U2', 1)).toBe(true);
        // A comment by someone who has not rated touches nothing.
        expect(await comment(db, id, 'U3', '别人的评论')).toBe(false);
        const rows = await db.query<{ user_id: string; rating: number; comment: string | null }>(
          'SELECT user_id, rating, comment FROM feedback WHERE answer_id = $1 ORDER BY user_id',
          [id],
        );
        expect(rows).toEqual([
          { user_id: 'U1', rating: -1, comment: '没有说明起算日' },
          { user_id: 'U2', rating: 1, comment: null },
        ]);
        // The same user changing their mind updates their own row only.
        await rate(db, id, 'U2', -1);
        const negative = (await negativeFeedback(db, 1)).filter((f) => f.question === '复查期限是多少');
        expect(negative.map((f) => f.comment).sort()).toEqual(['没有说明起算日', null].sort());
        expect(await rate(db, 'no-such-answer', 'U1', 1)).toBe(false);
      } finally {
        await db.query("DELETE FROM answers WHERE question = '复查期限是多少'").catch(() => undefined);
        await db.close();
      }
    });
  });
}
