/**
 * AppError: the one error type the core throws. A closed set of codes; the Chinese `userMessage` is what an
 * officer sees, while `code` + `cause` go to the log. Adapters decide how to show it.
 */
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
