/** Storage suites of the case register and per-user feedback on a real PostgreSQL (TEST_DATABASE_URL). */
import { describe, it } from 'vitest';
import { openPostgres } from '../src/storage/postgres.ts';
import { feedbackSuite } from './feedback-suite.ts';
import { registerSuite } from './register-suite.ts';

const url = process.env.TEST_DATABASE_URL;
if (url) {
  feedbackSuite('PostgreSQL', () => openPostgres(url));
  registerSuite('PostgreSQL', () => openPostgres(url));
} else
  describe.skip('register and feedback storage: PostgreSQL (set TEST_DATABASE_URL to run)', () =>
    it('skipped', () => undefined));
