/** The storage contract against a real PostgreSQL with pgvector (TEST_DATABASE_URL; started by .ci/run). */
import { describe, it } from 'vitest';
import { openPostgres } from '../src/storage/postgres.ts';
import { storageSuite } from './storage-suite.ts';

const url = process.env.TEST_DATABASE_URL;
if (url) storageSuite('PostgreSQL + pgvector', () => openPostgres(url));
else
  describe.skip('storage: PostgreSQL + pgvector (set TEST_DATABASE_URL to run)', () =>
    it('skipped', () => undefined));
