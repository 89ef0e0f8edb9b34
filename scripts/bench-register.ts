/**
 * Register figures for `npm run bench` (issue 20 target: register operations and listing 10,000 matters under
 * 100 ms). Seeds 10,000 open matters with their events straight into a fresh embedded database, lists once with
 * no stored limits (as after an upgrade or a changed holiday arrangement), then times listings, the digest and
 * single operations. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { App } from '../src/app.ts';
import type { Config } from '../src/config.ts';

const MATTERS = 10_000;
const TARGET_MS = 100;

function p(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))] ?? Number.NaN;
}

async function timed(runs: number, f: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out;
}

export async function benchRegister(base: Config): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-register-'));
  const app = await App.create({ ...base, dataDir, databaseUrl: undefined });
  try {
    const t0 = performance.now();
    // Matters received through 2026, from every intake; half accepted, a quarter replied, some extended.
    await app.db.exec(`
      INSERT INTO cases (id, received_date, form, intake, summary, officer, category)
      SELECT '2026-' || lpad(nextval('case_seq')::text, 6, '0'),
             to_char(date '2026-01-02' + (g % 330), 'YYYY-MM-DD'),
             (ARRAY['letter','visit','online','phone'])[1 + g % 4],
             (ARRAY['bureau','direct','transferred'])[1 + g % 3],
             '反映第' || g || '号事项：小区物业收费、征收补偿等问题，要求依法处理',
             'U' || (g % 25),
             (ARRAY['claim','complaint','suggestion','accusation'])[1 + g % 4]
      FROM generate_series(1, ${MATTERS}) g;
      INSERT INTO case_events (case_id, type, date)
      SELECT id, 'received', received_date FROM cases;
      INSERT INTO case_events (case_id, type, date)
      SELECT id, 'accepted', to_char(received_date::date + 5, 'YYYY-MM-DD') FROM cases WHERE id::text ~ '[02468]$';
      INSERT INTO case_events (case_id, type, date, days, reason)
      SELECT id, 'extended', to_char(received_date::date + 50, 'YYYY-MM-DD'), 30, '需要调查核实'
      FROM cases WHERE id ~ '[05]0$';
      INSERT INTO case_events (case_id, type, date, delivered_on)
      SELECT id, 'replied', to_char(received_date::date + 40, 'YYYY-MM-DD'), to_char(received_date::date + 43, 'YYYY-MM-DD')
      FROM cases WHERE id ~ '[48]$';`);
    const seeded = performance.now() - t0;
    const today = '2026-11-30';
    const t1 = performance.now();
    const first = await app.register.list({ today }, { manager: true });
    const recompute = performance.now() - t1;
    const list = await timed(20, () => app.register.list({ today }, { manager: true }));
    const overdue = await timed(20, () => app.register.list({ today, overdue: true }, { manager: true }));
    const mine = await timed(20, () => app.register.mine('U7', today));
    const digest = await timed(10, () => app.register.digest(today));
    const add = await timed(50, () =>
      app.register.add({
        receivedDate: '2026-11-27',
        form: 'letter',
        summary: '反映噪声扰民',
        officer: 'U1',
      }),
    );
    const ids = first.slice(0, 50).map((s) => s.id);
    let i = 0;
    const event = await timed(50, () =>
      app.register.addEvent(ids[i++ % ids.length] as string, { type: 'notified', date: '2026-11-28' }),
    );
    const show = await timed(50, () =>
      app.register.show(ids[i++ % ids.length] as string, { manager: true }, today),
    );
    const counts = first.reduce<Record<string, number>>((m, s) => {
      m[s.status] = (m[s.status] ?? 0) + 1;
      return m;
    }, {});
    const line = (name: string, xs: number[]) =>
      console.log(`${name}: p50 ${p(xs, 50).toFixed(1)} ms, p95 ${p(xs, 95).toFixed(1)} ms`);
    console.log(`\n== 事项登记台账（${MATTERS} 件在办事项，嵌入式数据库，写入 ${seeded.toFixed(0)} ms）`);
    console.log(`状态: ${JSON.stringify(counts)}`);
    console.log(`首次列表（各事项无已存期限，全部按事件重算并写回）: ${recompute.toFixed(0)} ms`);
    line('列表全部（case list）', list);
    line('列表超期（--overdue）', overdue);
    line('我的事项（一名承办人）', mine);
    line('每日提醒汇总（digest）', digest);
    line('登记一件（case add）', add);
    line('记录一个事件（case event）', event);
    line('查看一件（case show）', show);
    const worst = Math.max(p(list, 95), p(overdue, 95), p(mine, 95), p(digest, 95), p(add, 95), p(event, 95));
    console.log(`目标：各项 ≤ ${TARGET_MS} ms；最慢一项 p95 ${worst.toFixed(1)} ms`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
