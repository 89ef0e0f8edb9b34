/** Laws and official article texts (filled by ingest). */
import type { Db, Queryable } from '../db.ts';

export interface LawRow {
  name: string;
  version: string;
  title: string;
  status: 'current' | 'superseded';
  source_file: string;
  source_hash: string;
  article_count: number;
}

export interface OfficialArticleRow {
  law: string;
  version: string;
  article: number;
  sub: number;
  label: string;
  chapter: string | null;
  section: string | null;
  paragraphs: { text: string; items: string[] }[];
  body: string;
}

export async function listLaws(db: Queryable): Promise<LawRow[]> {
  return db.query<LawRow>(
    'SELECT name, version, title, status, source_file, source_hash, article_count FROM laws ORDER BY name, version',
  );
}

export async function findLaw(db: Queryable, name: string): Promise<LawRow[]> {
  return db.query<LawRow>(
    'SELECT name, version, title, status, source_file, source_hash, article_count FROM laws WHERE name = $1',
    [name],
  );
}

/** Replaces every stored version of the law with this one, in one transaction. */
export async function replaceLaw(db: Db, law: LawRow, articles: OfficialArticleRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM laws WHERE name = $1', [law.name]);
    await tx.query(
      `INSERT INTO laws (name, version, title, status, source_file, source_hash, article_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [law.name, law.version, law.title, law.status, law.source_file, law.source_hash, law.article_count],
    );
    for (const a of articles) {
      await tx.query(
        `INSERT INTO official_articles (law, version, article, sub, label, chapter, section, paragraphs, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          a.law,
          a.version,
          a.article,
          a.sub,
          a.label,
          a.chapter,
          a.section,
          JSON.stringify(a.paragraphs),
          a.body,
        ],
      );
    }
  });
}

export async function officialArticles(
  db: Queryable,
  opts: { currentOnly: boolean },
): Promise<OfficialArticleRow[]> {
  const rows = await db.query<OfficialArticleRow>(
    `SELECT a.law, a.version, a.article, a.sub, a.label, a.chapter, a.section, a.paragraphs, a.body
       FROM official_articles a JOIN laws l ON l.name = a.law AND l.version = a.version
      ${opts.currentOnly ? "WHERE l.status = 'current'" : ''}
      ORDER BY a.law, a.article, a.sub`,
  );
  return rows.map((r) => ({
    ...r,
    paragraphs: typeof r.paragraphs === 'string' ? JSON.parse(r.paragraphs) : r.paragraphs,
  }));
}

export async function officialArticle(
  db: Queryable,
  law: string,
  article: number,
  sub = 0,
): Promise<OfficialArticleRow | null> {
  const rows = await db.query<OfficialArticleRow>(
    `SELECT law, version, article, sub, label, chapter, section, paragraphs, body
       FROM official_articles WHERE law = $1 AND article = $2 AND sub = $3 ORDER BY version DESC LIMIT 1`,
    [law, article, sub],
  );
  const r = rows[0];
  if (!r) return null;
  return { ...r, paragraphs: typeof r.paragraphs === 'string' ? JSON.parse(r.paragraphs) : r.paragraphs };
}
