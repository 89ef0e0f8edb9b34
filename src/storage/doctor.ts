/**
 * Health check of a database: every table is read back in full (which detoasts every value, where damage shows),
 * the derived tables — the search index — can be emptied so that the next start rebuilds them, and what cannot be
 * derived is named so that the officer knows to restore a backup.
 */
import type { Db } from './db.ts';

export interface TableCheck {
  table: string;
  /** What the table holds, in Chinese. */
  label: string;
  /** Rebuilt from other data (the search index) — damage there is repaired, not lost. */
  derived: boolean;
  rows: number | null;
  ok: boolean;
  problem?: string;
}

const TABLES: Record<string, { label: string; derived?: boolean }> = {
  schema_migrations: { label: '数据库结构版本' },
  laws: { label: '已导入的法规目录' },
  official_articles: { label: '已导入的正式条文' },
  chunks: { label: '检索索引', derived: true },
  meta: { label: '检索索引元数据', derived: true },
  conversations: { label: '对话记录' },
  quiz_sessions: { label: '测验场次' },
  quiz_answers: { label: '测验答题记录' },
  quiz_reviews: { label: '错题复习记录' },
  quiz_schedules: { label: '定期测验设置' },
  quiz_generated: { label: '模型生成的测验题' },
  slack_events: { label: 'Slack 事件去重记录' },
  slack_threads: { label: 'Slack 对话线程' },
  answers: { label: 'Slack 回答记录' },
  feedback: { label: '用户反馈' },
  rate_limits: { label: '限流计数' },
  slack_channels: { label: 'Slack 频道设置' },
  petitioners: { label: '登记台账：信访人' },
  cases: { label: '登记台账：信访事项' },
  case_events: { label: '登记台账：办理事件' },
  register_settings: { label: '登记台账设置' },
  register_digests: { label: '每日提醒发送记录' },
};

/** Reads every table of the public schema back in full. */
export async function checkTables(db: Db): Promise<TableCheck[]> {
  const names = (
    await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  )
    .map((r) => r.name)
    // Names come from the catalogue, not from a user; anything unusual is still not interpolated.
    .filter((n) => /^[a-z_][a-z0-9_]*$/.test(n));
  const out: TableCheck[] = [];
  for (const table of names) {
    const known = TABLES[table];
    const base = { table, label: known?.label ?? table, derived: Boolean(known?.derived) };
    try {
      const [r] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n, coalesce(sum(length(t::text)), 0)::bigint AS bytes FROM "${table}" t`,
      );
      out.push({ ...base, rows: r?.n ?? 0, ok: true });
    } catch (e) {
      out.push({ ...base, rows: null, ok: false, problem: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

/** Empties the search index (and its embedder record); the next start of the app rebuilds both. */
export async function resetSearchIndex(db: Db): Promise<void> {
  await db.exec('TRUNCATE chunks; TRUNCATE meta;');
}
