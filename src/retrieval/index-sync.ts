/**
 * Keeps the chunks table in step with the library: one chunk per article, its index terms of every field (body,
 * heading, everyday questions) stored together. Only changed chunks are re-tokenized and re-embedded (content
 * hash), so a normal start does almost no work. A new segmentation (another user dictionary or framing phrases:
 * the tokenizer's signature, kept in meta) re-tokenizes every chunk once and keeps its vector, since the text
 * embedded has not changed.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import {
  type ChunkRow,
  chunkHashes,
  clearEmbeddings as clearStoredEmbeddings,
  getMeta,
  setEmbeddings,
  setMeta,
  setTerms,
  upsertChunks,
} from '../storage/repositories/chunks.ts';
import type { Embedder } from './embedder.ts';
import { embeddingText, encodeTerms, fieldsText } from './fields.ts';
import { displayText, indexText, type LawLibrary } from './library.ts';
import type { Tokenizer } from './tokenize.ts';

/** Meta key of the segmentation (Tokenizer.signature) the stored terms were made with. */
const SEGMENTATION_KEY = 'segmentation';

export interface SyncReport {
  added: number;
  removed: number;
  embedded: number;
}

export async function syncChunks(
  db: Db,
  library: LawLibrary,
  tokenizer: Tokenizer,
  embedder: Embedder | null,
  onProgress?: (done: number, total: number) => void,
): Promise<SyncReport> {
  if (embedder) {
    const stored = await getMeta(db, 'embedder');
    if (stored && stored !== embedder.id) {
      throw new AppError(
        'embedding_dimension_mismatch',
        `数据库中的向量由 ${stored} 生成，与当前配置的 ${embedder.id} 不一致（维度或模型不同）。请运行 xinfang reindex 重建向量，或改回原配置。`,
      );
    }
  }
  const existing = await chunkHashes(db);
  const wanted = new Map<string, ChunkRow>();
  for (const a of library.all()) {
    const text = indexText(a);
    const body = displayText(a);
    const hash = createHash('sha1')
      .update(`${a.path}\n${body}\n${text}\n${fieldsText(a)}`)
      .digest('hex');
    wanted.set(a.id, {
      id: a.id,
      law: a.law,
      article: a.article,
      sub: a.sub,
      label: a.label,
      path: a.path,
      body,
      source: a.official ? (a.points.length > 0 ? 'both' : 'official') : 'builtin',
      terms: '',
      content_hash: hash,
      embedder: null,
    });
  }
  const changed = [...wanted.values()].filter((c) => existing.get(c.id)?.hash !== c.content_hash);
  const changedIds = new Set(changed.map((c) => c.id));
  const removed = [...existing.keys()].filter((id) => !wanted.has(id));
  const toEmbed = embedder
    ? [...wanted.values()].filter((c) => changedIds.has(c.id) || existing.get(c.id)?.embedder !== embedder.id)
    : [];
  const rows: (ChunkRow & { embedding: number[] | null })[] = [];
  // Progress covers both phases (segmenting changed articles, then embedding): after an interrupted ingest the
  // segmentation alone takes seconds, and a terminal shows a bar rather than a silent pause.
  const total = changed.length + toEmbed.length;
  for (const [i, c] of changed.entries()) {
    const a = library.get(c.law, c.article, c.sub);
    if (a) rows.push({ ...c, terms: encodeTerms(tokenizer, a), embedding: null });
    if ((i + 1) % 50 === 0 || i + 1 === changed.length) onProgress?.(i + 1, total);
  }
  if (rows.length > 0 || removed.length > 0) await upsertChunks(db, rows, removed);
  // The unchanged chunks were segmented by an earlier dictionary: their terms are redone, their vectors kept.
  if ((await getMeta(db, SEGMENTATION_KEY)) !== tokenizer.signature) {
    const resegmented: { id: string; terms: string }[] = [];
    for (const c of wanted.values()) {
      if (changedIds.has(c.id)) continue;
      const a = library.get(c.law, c.article, c.sub);
      if (a) resegmented.push({ id: c.id, terms: encodeTerms(tokenizer, a) });
    }
    if (resegmented.length > 0) await setTerms(db, resegmented);
    await setMeta(db, SEGMENTATION_KEY, tokenizer.signature);
  }

  let embedded = 0;
  if (embedder && toEmbed.length > 0) {
    const batch = 64;
    for (let i = 0; i < toEmbed.length; i += batch) {
      const part = toEmbed.slice(i, i + batch);
      const texts = part.map((c) => {
        const a = library.get(c.law, c.article, c.sub);
        return a ? embeddingText(a) : c.body;
      });
      const vectors = await embedder.embed(texts);
      await setEmbeddings(
        db,
        embedder.id,
        part.map((c, j) => ({ id: c.id, embedding: vectors[j] ?? [] })),
      );
      embedded += part.length;
      onProgress?.(changed.length + embedded, total);
    }
    await setMeta(db, 'embedder', embedder.id);
  }
  return { added: rows.length, removed: removed.length, embedded };
}

/** Drops all stored vectors and the recorded embedder, so the next sync embeds everything anew. */
export async function clearEmbeddings(db: Db): Promise<void> {
  await clearStoredEmbeddings(db);
}
