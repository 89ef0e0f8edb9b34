/** Storage suites of the case register and per-user feedback on embedded PGlite. */
import { openPglite } from '../src/storage/pglite.ts';
import { feedbackSuite } from './feedback-suite.ts';
import { registerSuite } from './register-suite.ts';

feedbackSuite('PGlite (in memory)', () => openPglite(null));
registerSuite('PGlite (in memory)', () => openPglite(null));
