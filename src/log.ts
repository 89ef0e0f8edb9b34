/** pino logger to stderr (stdout is reserved for command output). Personal data is never passed to it. */
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino(
    { level, base: null, redact: { paths: ['*.text', '*.question', '*.query'], censor: '[已隐去]' } },
    pino.destination(2),
  );
}
