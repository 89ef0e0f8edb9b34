/**
 * Configuration: the only module that reads process.env. One zod schema; every error names the variable and
 * shows an example value, so an operator knows how to fix it.
 */

import path from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.ts';
import type { Retention } from './storage/repositories/surfaces.ts';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const positiveInt = (example: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `应为正整数，例如 ${example}`)
    .transform((v) => Number.parseInt(v, 10))
    .refine((n) => n > 0, `应为正整数，例如 ${example}`);

const EnvSchema = z.object({
  XINFANG_DATA_DIR: optionalString,
  DATABASE_URL: optionalString.refine(
    (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
    '应为 PostgreSQL 连接串，例如 postgres://user:pass@localhost:5432/xinfang',
  ),
  XINFANG_EMBEDDER: z.enum(['auto', 'local', 'none', 'openai']).optional(),
  XINFANG_CORPUS_DIR: optionalString,
  XINFANG_EVAL_DIR: optionalString,
  XINFANG_HOLIDAYS_FILE: optionalString,
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).optional(),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.refine(
    (v) => v === undefined || /^https?:\/\//.test(v),
    '应为 http(s) 地址，例如 https://api.deepseek.com/v1',
  ),
  OPENAI_CHAT_MODEL: optionalString,
  OPENAI_EMBEDDING_MODEL: optionalString,
  OPENAI_EMBEDDING_DIM: positiveInt('1536').optional(),
  OPENAI_TIMEOUT_MS: positiveInt('30000').optional(),
  XINFANG_REDACT: optionalString.refine(
    (v) =>
      v === undefined ||
      v.split(',').every((k) => ['id', 'phone', 'bank', 'name', 'none'].includes(k.trim())),
    '应为 id、phone、bank、name 的逗号分隔组合，或 none',
  ),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString,
  PORT: positiveInt('3000').optional(),
  SLACK_ALLOWED_TEAMS: optionalString,
  SLACK_ALLOWED_CHANNELS: optionalString,
  SLACK_ALLOWED_USERS: optionalString,
  SLACK_RATE_LIMIT: positiveInt('20').optional(),
  SLACK_KEEP_EVENTS_DAYS: positiveInt('7').optional(),
  SLACK_KEEP_RATE_LIMIT_DAYS: positiveInt('1').optional(),
  SLACK_KEEP_THREADS_DAYS: positiveInt('90').optional(),
});

const EXAMPLES: Record<string, string> = {
  XINFANG_DATA_DIR: './data',
  DATABASE_URL: 'postgres://postgres:postgres@localhost:5432/xinfang',
  XINFANG_EMBEDDER: 'local',
  XINFANG_CORPUS_DIR: '../shared/corpus',
  XINFANG_HOLIDAYS_FILE: './放假安排2027.json',
  LOG_LEVEL: 'info',
  OPENAI_BASE_URL: 'https://api.openai.com/v1',
  OPENAI_EMBEDDING_DIM: '1536',
  OPENAI_TIMEOUT_MS: '30000',
  XINFANG_REDACT: 'id,phone,bank,name',
  PORT: '3000',
};

type EmbedderKind = 'local' | 'none' | 'openai';

export interface Config {
  /** Embedded database directory (used when databaseUrl is absent). */
  dataDir: string;
  databaseUrl: string | undefined;
  embedder: EmbedderKind;
  /**
   * Reference material that is not part of the repository: the official texts (tests, eval, bench) and labelled
   * evaluation sets. Absent on a fresh clone; what needs them says so and skips.
   */
  reference: { corpusDir: string; evalDir: string };
  /** Official holiday arrangements an agency supplies for years the calendar package lacks (JSON file). */
  holidaysFile: string | undefined;
  logLevel: string;
  openai: {
    apiKey: string | undefined;
    baseUrl: string | undefined;
    chatModel: string | undefined;
    embeddingModel: string | undefined;
    embeddingDim: number | undefined;
    timeoutMs: number;
    /** Chat model configured (model name and a key or a local base URL). */
    chatReady: boolean;
  };
  /** What is redacted before text leaves the machine. */
  redact: ('id' | 'phone' | 'bank' | 'name')[];
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    port: number;
    /** Optional allowlists (comma-separated ids); empty means everyone. */
    allowedTeams: string[];
    allowedChannels: string[];
    allowedUsers: string[];
    /** Requests per user per minute. */
    rateLimit: number;
    /** Days after which event ids, rate-limit windows and engaged threads are deleted. */
    retention: Retention;
  };
}

function list(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      const example = EXAMPLES[name];
      return `环境变量 ${name} 无效：${issue.message}${example ? `（示例：${name}=${example}）` : ''}`;
    });
    throw new AppError('config_invalid', lines.join('\n'));
  }
  const e = parsed.data;
  const embeddingReady = Boolean(e.OPENAI_EMBEDDING_MODEL && (e.OPENAI_API_KEY || e.OPENAI_BASE_URL));
  let embedder: EmbedderKind;
  const requested = e.XINFANG_EMBEDDER ?? 'auto';
  if (requested === 'auto') embedder = embeddingReady ? 'openai' : 'local';
  else embedder = requested;
  if (embedder === 'openai' && !embeddingReady) {
    throw new AppError(
      'config_invalid',
      '环境变量 XINFANG_EMBEDDER=openai 需要同时设置 OPENAI_EMBEDDING_MODEL 和 OPENAI_API_KEY（或 OPENAI_BASE_URL），例如 OPENAI_EMBEDDING_MODEL=text-embedding-3-small。',
    );
  }
  if (embedder === 'openai' && !e.OPENAI_EMBEDDING_DIM) {
    throw new AppError(
      'config_invalid',
      '使用外部向量模型时须设置 OPENAI_EMBEDDING_DIM（示例：OPENAI_EMBEDDING_DIM=1536）。',
    );
  }
  return {
    dataDir: path.resolve(cwd, e.XINFANG_DATA_DIR ?? './data'),
    databaseUrl: e.DATABASE_URL,
    embedder,
    reference: {
      corpusDir: path.resolve(cwd, e.XINFANG_CORPUS_DIR ?? '../shared/corpus'),
      evalDir: path.resolve(cwd, e.XINFANG_EVAL_DIR ?? '../shared/eval'),
    },
    holidaysFile: e.XINFANG_HOLIDAYS_FILE ? path.resolve(cwd, e.XINFANG_HOLIDAYS_FILE) : undefined,
    logLevel: e.LOG_LEVEL ?? 'warn',
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      chatModel: e.OPENAI_CHAT_MODEL,
      embeddingModel: e.OPENAI_EMBEDDING_MODEL,
      embeddingDim: e.OPENAI_EMBEDDING_DIM,
      timeoutMs: e.OPENAI_TIMEOUT_MS ?? 30_000,
      chatReady: Boolean(e.OPENAI_CHAT_MODEL && (e.OPENAI_API_KEY || e.OPENAI_BASE_URL)),
    },
    redact:
      e.XINFANG_REDACT === 'none'
        ? []
        : ((e.XINFANG_REDACT ?? 'id,phone,bank,name').split(',').map((k) => k.trim()) as Config['redact']),
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT ?? 3000,
      allowedTeams: list(e.SLACK_ALLOWED_TEAMS),
      allowedChannels: list(e.SLACK_ALLOWED_CHANNELS),
      allowedUsers: list(e.SLACK_ALLOWED_USERS),
      rateLimit: e.SLACK_RATE_LIMIT ?? 20,
      retention: {
        eventsDays: e.SLACK_KEEP_EVENTS_DAYS ?? 7,
        rateLimitDays: e.SLACK_KEEP_RATE_LIMIT_DAYS ?? 1,
        threadsDays: e.SLACK_KEEP_THREADS_DAYS ?? 90,
      },
    },
  };
}
