/** Article-level retrieval chunks with their index terms and pgvector embeddings; plus the meta table. */
import pgvector from 'pgvector';
import type { Db, Queryable } from '../db.ts';

export interface ChunkRow {
  id: string;
  law: string;
  article: number;
  sub: number;
  label: string;
  path: string;
  body: string;
  source: 'builtin' | 'official' | 'both';
  terms: string;
  content_hash: string;
  embedder: string | null;
}

export async function chunkHashes(
  db: Queryable,
): Promise<Map<string, { hash: string; embedder: string | null }>> {
  const rows = await db.query<{ id: string; content_hash: string; embedder: string | null }>(
    'SELECT id, content_hash, embedder FROM chunks',
  );
  return new Map(rows.map((r) => [r.id, { hash: r.content_hash, embedder: r.embedder }]));
}

export async function loadChunks(db: Queryable): Promise<ChunkRow[]> {
  return db.query<ChunkRow>(
    'SELECT id, law, article, sub, label, path, body, source, terms, content_hash, embedder FROM chunks ORDER BY law, article, sub',
  );
}

export async function upsertChunks(
  db: Db,
  rows: (ChunkRow & { embedding: number[] | null })[],
  removeIds: string[],
) {
  await db.transaction(async (tx) => {
    if (removeIds.length > 0) await tx.query('DELETE FROM chunks WHERE id = ANY($1::text[])', [removeIds]);
    for (const r of rows) {
      await tx.query(
        `INSERT INTO chunks (id, law, article, sub, label, path, body, source, terms, content_hash, embedder, embedding)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::vector)
         ON CONFLICT (id) DO UPDATE SET law = EXCLUDED.law, article = EXCLUDED.article, sub = EXCLUDED.sub,
           label = EXCLUDED.label, path = EXCLUDED.path, body = EXCLUDED.body, source = EXCLUDED.source,
           terms = EXCLUDED.terms, content_hash = EXCLUDED.content_hash, embedder = EXCLUDED.embedder,
           embedding = EXCLUDED.embedding`,
        [
          r.id,
          r.law,
          r.article,
          r.sub,
          r.label,
          r.path,
          r.body,
          r.source,
          r.terms,
          r.content_hash,
          r.embedder,
          r.embedding ? pgvector.toSql(r.embedding) : null,
        ],
      );
    }
  });
}

/** Replaces the stored index terms of chunks whose text is unchanged (a new segmentation); vectors are kept. */
export async function setTerms(db: Db, rows: { id: string; terms: string }[]) {
  await db.transaction(async (tx) => {
    for (const r of rows) await tx.query('UPDATE chunks SET terms = $1 WHERE id = $2', [r.terms, r.id]);
  });
}

export async function setEmbeddings(db: Db, embedder: string, rows: { id: string; embedding: number[] }[]) {
  await db.transaction(async (tx) => {
    for (const r of rows) {
      await tx.query('UPDATE chunks SET embedder = $1, embedding = $2::vector WHERE id = $3', [
        embedder,
        pgvector.toSql(r.embedding),
        r.id,
      ]);
    }
  });
}

/** Nearest chunks by cosine distance (pgvector `<=>`), only among vectors made by the same embedder. */
export async function nearestChunks(db: Queryable, embedder: string, vector: number[], limit: number) {
  return db.query<{ id: string; distance: number }>(
    `SELECT id, embedding <=> $1::vector AS distance FROM chunks
      WHERE embedder = $2 AND embedding IS NOT NULL ORDER BY embedding <=> $1::vector LIMIT $3`,
    [pgvector.toSql(vector), embedder, limit],
  );
}

export async function getMeta(db: Queryable, key: string): Promise<string | null> {
  const rows = await db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
  return rows[0]?.value ?? null;
}

export async function setMeta(db: Queryable, key: string, value: string): Promise<void> {
  await db.query(
    'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
    [key, value],
  );
}

/** Drops all stored vectors and the recorded embedder (one transaction), so the next sync embeds everything anew. */
export async function clearEmbeddings(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('UPDATE chunks SET embedder = NULL, embedding = NULL');
    await tx.query("DELETE FROM meta WHERE key = 'embedder'");
  });
}

export async function countChunks(db: Queryable): Promise<number> {
  const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chunks');
  return r?.n ?? 0;
}
