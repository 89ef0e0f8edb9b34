import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import type { BatchOutcome, IngestOutcome } from '../src/ingest/ingest.ts';
import { CORPUS, corpusFiles, hasCorpus, memoryApp } from './helpers.ts';

const corpus = hasCorpus();
const loaded = (xs: BatchOutcome[]) => xs.filter((o): o is IngestOutcome => o.status !== 'skipped');

// Each test owns its world: a fresh in-memory app and its own folder, closed after it (the suite runs shuffled).
const opened: App[] = [];
async function freshApp(): Promise<App> {
  const app = await memoryApp();
  opened.push(app);
  return app;
}
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});
const tmpDir = () => mkdtempSync(path.join(os.tmpdir(), 'xinfang-ingest-'));
const REGULATION_2022 = () => path.join(CORPUS, '信访工作条例(2022).md');

describe('ingest of official texts', () => {
  it.skipIf(!corpus)(
    'loads every corpus file with the right article counts, then quotes official wording',
    async () => {
      const app = await freshApp();
      const outcomes = await app.ingest(corpusFiles());
      const count = (law: string) => loaded(outcomes).find((o) => o.law === law)?.articles;
      expect(outcomes).toHaveLength(corpusFiles().length);
      expect(count('信访工作条例')).toBe(50);
      expect(count('行政复议法')).toBe(90);
      expect(outcomes.every((o) => o.status === 'added')).toBe(true);
      const a35 = app.library.get('信访工作条例', 35);
      expect(a35?.official?.body).toContain('30日内请求原办理机关');
      const answer = await app.ask.ask('条例第三十五条');
      expect(answer.answer).toContain('规定：“');
    },
  );

  it.skipIf(!corpus)('is a no-op when the same file is ingested again', async () => {
    const app = await freshApp();
    const first = await app.ingest([REGULATION_2022()]);
    expect(first[0]?.status).toBe('added');
    const again = await app.ingest([REGULATION_2022()]);
    expect(again[0]?.status).toBe('unchanged');
  });

  it.skipIf(!corpus)('marks the superseded 2005 regulation and keeps it out of search results', async () => {
    const app = await freshApp();
    await app.ingest([REGULATION_2022(), path.join(CORPUS, '信访条例(2005).md')]);
    const rows = await app.db.query<{ status: string }>("SELECT status FROM laws WHERE name = '信访条例'");
    expect(rows[0]?.status).toBe('superseded');
    const r = await app.searcher.search('信访人采用走访形式提出信访事项的接待场所', { limit: 50 });
    expect(r.hits.every((h) => h.law !== '信访条例')).toBe(true);
  });

  it.skipIf(!corpus)('replaces an older version of the same law', async () => {
    const app = await freshApp();
    await app.ingest([REGULATION_2022()]);
    const original = readFileSync(REGULATION_2022(), 'utf8');
    const newer = path.join(tmpDir(), '信访工作条例(2030).md');
    writeFileSync(newer, original.replace('本条例自2022年5月1日起施行。', '本条例自2030年1月1日起施行。'));
    const [o] = loaded(await app.ingest([newer]));
    expect(o?.status).toBe('replaced');
    expect(o?.previousVersion).toBe('2022');
    const versions = await app.db.query<{ version: string }>(
      "SELECT version FROM laws WHERE name = '信访工作条例'",
    );
    expect(versions.map((v) => v.version)).toEqual(['2030']);
    expect(app.library.get('信访工作条例', 50)?.official?.body).toContain('2030年1月1日');
  });

  it('reads .docx through mammoth', async () => {
    const app = await freshApp();
    const doc = new Document({
      sections: [
        {
          children: [
            '某市信访事项办理规定',
            '2025年3月1日公布',
            '第一条 为规范办理，制定本规定。',
            '第二条 本规定自公布之日起施行。',
          ].map((t) => new Paragraph(t)),
        },
      ],
    });
    const file = path.join(tmpDir(), '某市信访事项办理规定.docx');
    writeFileSync(file, await Packer.toBuffer(doc));
    const [o] = await app.ingest([file]);
    expect(o).toMatchObject({ law: '某市信访事项办理规定', version: '2025', articles: 2, status: 'added' });
    expect((await app.searcher.search('某市信访事项办理规定第二条')).hits[0]?.law).toBe(
      '某市信访事项办理规定',
    );
  });

  it('skips a file without articles and an unreadable one, with reasons, and loads the rest of the batch', async () => {
    const app = await freshApp();
    const tmp = tmpDir();
    const bad = path.join(tmp, 'notes(2024).md');
    writeFileSync(bad, '# 会议纪要\n\n今天讨论了信访工作。\n');
    const good = path.join(tmp, '某县信访工作规则(2024).md');
    writeFileSync(
      good,
      '# 某县信访工作规则\n\n第一条 为规范信访工作，制定本规则。\n\n第二条 本规则自发布之日起施行。\n',
    );
    const missing = path.join(tmp, 'missing.md');
    const before = await app.db.query<{ name: string }>('SELECT name FROM laws ORDER BY name');
    const seen: string[] = [];
    const out = await app.ingest([bad, good, missing], (o) => seen.push(o.status));
    expect(seen).toEqual(['skipped', 'added', 'skipped']);
    expect(out[0]).toMatchObject({
      status: 'skipped',
      code: 'ingest_failed',
      problem: expect.stringContaining('未能从'),
    });
    expect(out[1]).toMatchObject({ status: 'added', law: '某县信访工作规则', articles: 2 });
    expect(out[2]).toMatchObject({
      status: 'skipped',
      code: 'input_invalid',
      problem: expect.stringContaining('无法读取文件'),
    });
    const after = await app.db.query<{ name: string }>('SELECT name FROM laws ORDER BY name');
    expect(after.map((r) => r.name).sort()).toEqual(
      [...before.map((r) => r.name), '某县信访工作规则'].sort(),
    );
  });
});
