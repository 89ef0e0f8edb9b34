/**
 * AppError: the one error type the core throws. A closed set of codes; the Chinese `userMessage` is what an
 * officer sees, while `code` + `cause` go to the log. Adapters decide how to show it, through `reportFailure`.
 */
import { randomBytes } from 'node:crypto';

const ERROR_CODES = [
  'input_invalid',
  'config_invalid',
  'not_found',
  'storage_failed',
  'migration_failed',
  'ingest_failed',
  'retrieval_failed',
  'knowledge_invalid',
  'embedding_dimension_mismatch',
  'llm_unavailable',
  'llm_output_invalid',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;

  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown; detail?: string }) {
    super(
      options?.detail ?? `${code}: ${userMessage}`,
      options?.cause === undefined ? {} : { cause: options.cause },
    );
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Wrap any thrown value so that callers always get an AppError, keeping the original as `cause`. */
export function toAppError(
  e: unknown,
  code: ErrorCode = 'internal',
  userMessage = '系统内部错误，请稍后再试。',
): AppError {
  if (e instanceof AppError) return e;
  return new AppError(code, userMessage, { cause: e, detail: e instanceof Error ? e.message : String(e) });
}

/** The model failures a surface may answer around with the offline engine; no other error is a reason to. */
const MODEL_FAILURES: readonly ErrorCode[] = ['llm_unavailable', 'llm_output_invalid'];

/**
 * The named model failure (`llm_unavailable`, `llm_output_invalid`) that `e` is or was caused by (libraries such
 * as LangChain wrap our errors), else null: a programming bug, a storage failure or a bad input is never taken
 * for a model outage and answered around.
 */
export function modelFailure(e: unknown): AppError | null {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 8; depth++) {
    if (isAppError(cur)) return MODEL_FAILURES.includes(cur.code) ? cur : null;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

/** A short id the user can quote and the log line carries. */
export function errorId(): string {
  return randomBytes(3).toString('hex').toUpperCase();
}

/** What the user sees of an unexpected failure: an apology and the error id of its log line. */
export const FRIENDLY_ERROR = (id: string) =>
  `抱歉，处理时出现问题（错误编号 ${id}）。请稍后再试，或换一种说法；如多次出现请联系管理员。`;

/** The part of a pino logger the reporter needs. */
interface ErrorLog {
  error(obj: object, msg: string): void;
}

/**
 * The one failure reporter of every surface (CLI, chat, Slack). An AppError with a named code is an expected
 * failure: the user gets its Chinese message. Anything else — a bug, an `internal` AppError — is logged as
 * `{ err }` (pino writes its stack and cause) under a fresh error id, and the user gets an apology with that id.
 * Returns the text to show; `what` names the failed operation in the log.
 */
export function reportFailure(log: ErrorLog, e: unknown, what: string): string {
  if (isAppError(e) && e.code !== 'internal') return e.userMessage;
  const id = errorId();
  log.error({ errorId: id, code: isAppError(e) ? e.code : 'internal', err: e }, what);
  return FRIENDLY_ERROR(id);
}

/** Exit codes of the CLI, one per family of failure, so scripts can tell them apart. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'input_invalid':
    case 'not_found':
      return 2;
    case 'config_invalid':
      return 3;
    case 'storage_failed':
    case 'migration_failed':
    case 'embedding_dimension_mismatch':
      return 4;
    case 'ingest_failed':
    case 'knowledge_invalid':
      return 5;
    default:
      return 1;
  }
}
