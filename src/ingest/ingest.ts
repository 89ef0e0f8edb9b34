/**
 * Ingest of official law texts: parse, record law name and version, and replace any older version of the same law
 * in one transaction. Re-ingesting an identical file is a no-op. A text the registry marks as superseded
 * (信访条例 2005) is stored for lookup but never indexed as current law.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AppError, type ErrorCode, toAppError } from '../errors.ts';
import type { Catalog } from '../retrieval/catalog.ts';
import type { Db } from '../storage/db.ts';
import { findLaw, replaceLaw } from '../storage/repositories/laws.ts';
import { parseStatute } from './parse.ts';
import { readSource } from './read.ts';

export interface IngestOutcome {
  file: string;
  law: string;
  version: string;
  articles: number;
  status: 'added' | 'replaced' | 'unchanged';
  superseded: boolean;
  previousVersion?: string;
}

/** A file of a batch that was not loaded, and why (the rest of the batch still loads). */
interface SkippedFile {
  file: string;
  status: 'skipped';
  code: ErrorCode;
  /** Chinese, for the officer. */
  problem: string;
}

export type BatchOutcome = IngestOutcome | SkippedFile;

/**
 * Loads a batch file by file, each in its own transaction: a file that cannot be read or holds no articles is
 * skipped with its reason and the others still load. `onFile` is called as each file is done.
 */
export async function ingestFiles(
  db: Db,
  catalog: Catalog,
  files: string[],
  onFile?: (outcome: BatchOutcome) => void,
): Promise<BatchOutcome[]> {
  const out: BatchOutcome[] = [];
  for (const file of files) {
    let outcome: BatchOutcome;
    try {
      outcome = await ingestFile(db, catalog, file);
    } catch (e) {
      // Only the expected failures of one file are skipped; a storage failure or a bug stops the batch.
      const err = toAppError(e);
      if (err.code !== 'input_invalid' && err.code !== 'ingest_failed') throw err;
      outcome = { file, status: 'skipped', code: err.code, problem: err.userMessage };
    }
    out.push(outcome);
    onFile?.(outcome);
  }
  return out;
}

async function ingestFile(db: Db, catalog: Catalog, file: string): Promise<IngestOutcome> {
  const { text, bytes } = await readSource(file);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const parsed = parseStatute(text, path.basename(file));
  if (parsed.articles.length === 0) {
    throw new AppError(
      'ingest_failed',
      `未能从 ${file} 中识别出任何条文（应有“第一条……”格式的条文）。数据库未改动。`,
    );
  }
  if (!parsed.version) {
    throw new AppError(
      'ingest_failed',
      `无法确定 ${file} 的版本年份。请在文件名中注明，例如“${parsed.law || '某法'}(2023).md”。数据库未改动。`,
    );
  }
  const info = catalog.get(parsed.law);
  const superseded = info?.status === 'superseded';
  const existing = await findLaw(db, parsed.law);
  const same = existing.find((l) => l.version === parsed.version && l.source_hash === hash);
  if (same) {
    return {
      file,
      law: parsed.law,
      version: parsed.version,
      articles: same.article_count,
      status: 'unchanged',
      superseded,
    };
  }
  const version = parsed.version;
  await replaceLaw(
    db,
    {
      name: parsed.law,
      version,
      title: parsed.title,
      status: superseded ? 'superseded' : 'current',
      source_file: path.basename(file),
      source_hash: hash,
      article_count: parsed.articles.length,
    },
    parsed.articles.map((a) => ({ ...a, law: parsed.law, version })),
  );
  catalog.addLaw(
    { law: parsed.law, title: parsed.title, version, status: superseded ? 'superseded' : 'current' },
    [],
  );
  const outcome: IngestOutcome = {
    file,
    law: parsed.law,
    version,
    articles: parsed.articles.length,
    status: existing.length > 0 ? 'replaced' : 'added',
    superseded,
  };
  const previous = existing[0]?.version;
  if (previous) outcome.previousVersion = previous;
  return outcome;
}
