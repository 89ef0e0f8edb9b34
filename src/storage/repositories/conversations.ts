/** Conversation state, one JSON document per conversation. */
import type { Queryable } from '../db.ts';

export interface ConversationStore {
  get(id: string): Promise<unknown | null>;
  put(id: string, state: unknown): Promise<void>;
  clear(id: string): Promise<void>;
}

export function dbConversationStore(db: Queryable): ConversationStore {
  return {
    async get(id) {
      const rows = await db.query<{ state: unknown }>('SELECT state FROM conversations WHERE id = $1', [id]);
      const s = rows[0]?.state;
      return s === undefined ? null : typeof s === 'string' ? JSON.parse(s) : s;
    },
    async put(id, state) {
      await db.query(
        `INSERT INTO conversations (id, state, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
        [id, JSON.stringify(state)],
      );
    },
    async clear(id) {
      await db.query('DELETE FROM conversations WHERE id = $1', [id]);
    },
  };
}
