import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/storage/migrate.ts';
import { openPglite } from '../src/storage/pglite.ts';
import { getMeta, setMeta } from '../src/storage/repositories/chunks.ts';
import { storageSuite } from './storage-suite.ts';

storageSuite('PGlite (in memory)', () => openPglite(null));

describe('PGlite data directory', () => {
  it('keeps data across restarts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-db-'));
    const first = await openPglite(dir);
    await migrate(first);
    await setMeta(first, 'persisted', 'yes');
    await first.close();
    const second = await openPglite(dir);
    try {
      expect(await getMeta(second, 'persisted')).toBe('yes');
    } finally {
      await second.close();
    }
  });
});
