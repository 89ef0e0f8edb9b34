/**
 * `xinfang case …`: the case register from the terminal — add, event, list, show (with the 时限图 as SVG), import,
 * export, report (with a chart), assign and settings. Thin over `app.register`. The terminal is treated as a
 * register manager's seat (whoever runs it holds the database), but petitioners' personal data is masked unless
 * `--reveal` is given.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EVENT_LABEL, FORM_LABEL, INTAKE_LABEL, STATUS_LABEL } from '../../domain/cases.ts';
import { AppError } from '../../errors.ts';
import { CHANNEL_NAME } from '../../skills/classify/format.ts';
import { formatChineseDate, parseDate } from '../../skills/deadlines/dates.ts';
import { formatTimeline } from '../../skills/deadlines/timeline.ts';
import { timelineSvg } from '../../skills/deadlines/timeline-svg.ts';
import { exportCsv, importSpreadsheet } from '../../skills/register/import.ts';
import { asTimeline } from '../../skills/register/limits.ts';
import { CATEGORY_LABEL, formatReport, reportSvg, yearRange } from '../../skills/register/report.ts';
import type { CaseSummary, CaseView, RegisterSettings } from '../../skills/register/service.ts';
import { withApp } from './runtime.ts';

const MANAGER = { manager: true } as const;

function day(value: string, option: string): string {
  const d = parseDate(value);
  if (!d)
    throw new AppError('input_invalid', `${option} 的日期“${value}”无效，应为真实日期，例如 2026-03-05。`);
  return d;
}

function int(value: string, option: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AppError('input_invalid', `${option} 应为 ${min} 到 ${max} 之间的整数。`);
  return n;
}

function readJson(raw: string, what: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (cause) {
    throw new AppError('input_invalid', `${what}不是有效的 JSON。`, { cause });
  }
}

const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

function summaryLine(c: CaseSummary): string {
  const next = c.next
    ? `${c.next.what}：${formatChineseDate(c.next.due)}${c.next.overdue ? '（已超期）' : c.next.workdaysLeft !== null ? `（剩${c.next.workdaysLeft}个工作日）` : ''}`
    : '无待办期限';
  return `${c.id}  [${STATUS_LABEL[c.status]}]  ${c.summary.slice(0, 40)}  承办：${c.officer ?? '未指定'}  ${next}`;
}

function formatCase(v: CaseView, today: string): string {
  const lines = [
    `事项 ${v.id}${v.externalRef ? `（${v.externalRef}）` : ''}  [${STATUS_LABEL[v.status]}]`,
    `收到：${formatChineseDate(v.receivedDate)}，${FORM_LABEL[v.form]}，${INTAKE_LABEL[v.intake]}`,
    `概要：${v.summary}`,
  ];
  if (v.petitioner)
    lines.push(
      `信访人：${[v.petitioner.name, v.petitioner.phone, v.petitioner.idNumber, v.petitioner.address].filter(Boolean).join('，')}${v.petitioner.masked ? '（已脱敏，--reveal 显示）' : ''}`,
    );
  lines.push(`承办人：${v.officer ?? '未指定'}`);
  if (v.classification)
    lines.push(
      `分类：${CATEGORY_LABEL[v.classification.category] ?? v.classification.category}，${CHANNEL_NAME[v.classification.channel] ?? v.classification.channel}，承办机关：${v.classification.handlingBody}`,
    );
  if (v.subjectBody) lines.push(`被反映单位：${v.subjectBody}`);
  lines.push('事件：');
  for (const e of v.events) {
    const extra = [
      e.deliveredOn ? `送达${e.deliveredOn}` : '',
      e.days ? `延长${e.days}日` : '',
      e.reason ? `理由：${e.reason}` : '',
      e.attachment ? `附件：${e.attachment}` : '',
      e.note ?? '',
    ].filter(Boolean);
    lines.push(`  ${e.date} ${e.label}${extra.length ? `（${extra.join('；')}）` : ''}`);
  }
  lines.push(
    formatTimeline(asTimeline({ steps: v.steps, warnings: v.warnings, closedOn: v.closedOn }, today)),
  );
  return lines.join('\n');
}

export function registerCaseCommands(program: Command): void {
  const cmd = program.command('case').description('信访事项登记台账：登记、记录事件、时限、提醒、统计');

  cmd
    .command('add')
    .description(
      '登记事项；--json 时从标准输入读取一个 JSON 对象 {receivedDate, form, summary, petitioner?, officer?, text?}',
    )
    .option('--json', '从标准输入读取 JSON，输出 JSON')
    .option('--received <date>', '收到日期')
    .option('--form <form>', '信访形式：来信、来访、网上、电话（或 letter/visit/online/phone）')
    .option('--summary <text>', '事项概要')
    .option('--officer <who>', '承办人（Slack 用户 ID 或姓名）')
    .option(
      '--intake <intake>',
      'bureau（信访部门收到，默认）、direct（直接提出）、transferred（收到转送、交办）',
    )
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      let input: Record<string, unknown>;
      if (opts.json) {
        const raw = readFileSync(0, 'utf8').trim();
        if (raw === '') throw new AppError('input_invalid', '标准输入为空：请提供一个 JSON 对象。');
        const parsed = readJson(raw, '标准输入');
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new AppError('input_invalid', '标准输入应为一个 JSON 对象。');
        input = parsed as Record<string, unknown>;
      } else {
        input = {};
        if (typeof opts.received === 'string') input.receivedDate = day(opts.received, '--received');
        for (const k of ['form', 'summary', 'officer', 'intake'] as const)
          if (typeof opts[k] === 'string') input[k] = opts[k];
      }
      await withApp(async (app) => {
        const v = await app.register.add(input, 'cli');
        out(
          opts.json ? JSON.stringify(v) : `已登记：${v.id}\n${formatCase(v, (await app.register.now()).day)}`,
        );
      });
    });

  cmd
    .command('event')
    .description(
      `记录事件：${Object.entries(EVENT_LABEL)
        .map(([k, v]) => `${k}（${v}）`)
        .join('、')}`,
    )
    .argument('<id>', '事项编号')
    .requiredOption('--type <code>', '事件代码')
    .requiredOption('--date <date>', '事件日期')
    .option('--note <text>', '备注')
    .option(
      '--delivered <date>',
      'replied/review_replied：信访人收到文书的日期（起算其请求复查、复核的期限）',
    )
    .option('--days <n>', 'extended：批准延长的天数（不超过30日）')
    .option('--reason <text>', 'extended：延期理由')
    .option('--attachment <file>', 'replied：意见书文件名或链接')
    .option('--json', '输出 JSON')
    .action(async (id: string, opts: Record<string, string | boolean | undefined>) => {
      const e: Record<string, unknown> = { type: opts.type, date: day(String(opts.date), '--date') };
      if (typeof opts.note === 'string') e.note = opts.note;
      if (typeof opts.delivered === 'string') e.deliveredOn = day(opts.delivered, '--delivered');
      if (typeof opts.days === 'string') e.days = int(opts.days, '--days', 1, 30);
      if (typeof opts.reason === 'string') e.reason = opts.reason;
      if (typeof opts.attachment === 'string') e.attachment = opts.attachment;
      await withApp(async (app) => {
        const v = await app.register.addEvent(id, e, 'cli');
        out(opts.json ? JSON.stringify(v) : `已记录。\n${formatCase(v, (await app.register.now()).day)}`);
      });
    });

  cmd
    .command('list')
    .description('未办结事项及其下一期限，按紧迫程度排序')
    .option('--json', '输出 JSON')
    .option('--overdue', '只列已超期的')
    .option('--due-within <n>', '只列下一期限在 N 个工作日内到期的（含已超期）')
    .option('--officer <who>', '只列该承办人的')
    .option('--all', '包括已办结的')
    .option('--today <date>', '以该日为“今天”')
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      await withApp(
        async (app) => {
          const today =
            typeof opts.today === 'string' ? day(opts.today, '--today') : (await app.register.now()).day;
          const cases = await app.register.list(
            {
              today,
              ...(opts.overdue ? { overdue: true } : {}),
              ...(typeof opts.dueWithin === 'string'
                ? { dueWithin: int(opts.dueWithin, '--due-within', 0, 365) }
                : {}),
              ...(typeof opts.officer === 'string' ? { officer: opts.officer } : {}),
              ...(opts.all ? { includeClosed: true } : {}),
            },
            MANAGER,
          );
          if (opts.json)
            out(
              JSON.stringify({
                cases: cases.map((c) => ({
                  id: c.id,
                  summary: c.summary,
                  officer: c.officer,
                  receivedDate: c.receivedDate,
                  next: c.next
                    ? { code: c.next.code, due: c.next.due, what: c.next.what, basis: c.next.basis }
                    : null,
                  status: c.status,
                })),
              }),
            );
          else out(cases.length ? cases.map(summaryLine).join('\n') : '没有符合条件的事项。');
        },
        { wait: true },
      );
    });

  cmd
    .command('show')
    .description('事项详情、事件和时限图')
    .argument('<id>', '事项编号')
    .option('--json', '输出 JSON')
    .option('--reveal', '显示信访人完整个人信息')
    .option('--svg <file>', '同时输出时限图 SVG')
    .option('--today <date>', '以该日为“今天”')
    .action(async (id: string, opts: Record<string, string | boolean | undefined>) => {
      await withApp(
        async (app) => {
          const today =
            typeof opts.today === 'string' ? day(opts.today, '--today') : (await app.register.now()).day;
          const v = await app.register.show(id, { manager: true, reveal: opts.reveal === true }, today);
          if (typeof opts.svg === 'string')
            writeFileSync(
              opts.svg,
              timelineSvg(asTimeline({ steps: v.steps, warnings: v.warnings, closedOn: v.closedOn }, today)),
            );
          out(opts.json ? JSON.stringify(v) : formatCase(v, today));
        },
        { wait: true },
      );
    });

  cmd
    .command('import')
    .description(
      '从表格导入事项（Excel .xlsx 的第一个工作表，或 UTF-8 编码的 CSV）；逐行报告错误，其余照常导入',
    )
    .argument('<file>', '表格文件')
    .option('--json', '输出 JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch (cause) {
        throw new AppError('input_invalid', `无法读取文件“${file}”。`, { cause });
      }
      await withApp(async (app) => {
        const r = await importSpreadsheet(app.register, { name: path.basename(file), data }, 'import');
        if (opts.json) out(JSON.stringify(r));
        else {
          for (const w of r.warnings) out(`提示：${w}`);
          for (const l of r.loaded) out(`第${l.line}行 → ${l.id}`);
          for (const e of r.errors) process.stderr.write(`第${e.line}行未导入：${e.message}\n`);
          out(`共导入 ${r.loaded.length} 件，${r.errors.length} 行未导入。`);
        }
        if (r.errors.length > 0) process.exitCode = 2;
      });
    });

  cmd
    .command('export')
    .description('导出全部事项（CSV，可用表格软件打开；--json 为每行一个 JSON）')
    .option('--json', '每行一个 JSON 对象')
    .option('--reveal', '包含信访人完整个人信息')
    .option('--out <file>', '写入文件（默认标准输出）')
    .action(async (opts: { json?: boolean; reveal?: boolean; out?: string }) => {
      await withApp(
        async (app) => {
          const cases = await app.register.exportAll(opts.reveal === true, (await app.register.now()).day);
          const text = opts.json
            ? cases.map((c) => JSON.stringify(c)).join('\n') + (cases.length ? '\n' : '')
            : exportCsv(cases);
          if (opts.out) writeFileSync(opts.out, text);
          else process.stdout.write(text);
        },
        { wait: true },
      );
    });

  cmd
    .command('report')
    .description('信访情况统计（条例第四十一条）：按形式、类别、途径、领域、受理机关计数，按期率、超期和积案')
    .option('--from <date>', '收到日期起')
    .option('--to <date>', '收到日期止')
    .option('--year <yyyy>', '整年（代替 --from/--to）')
    .option('--json', '输出 JSON')
    .option('--chart <file>', '同时输出统计图 SVG')
    .option('--today <date>', '以该日为“今天”')
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      let from: string;
      let to: string;
      if (typeof opts.year === 'string') ({ from, to } = yearRange(int(opts.year, '--year', 2000, 2100)));
      else {
        if (typeof opts.from !== 'string' || typeof opts.to !== 'string')
          throw new AppError(
            'input_invalid',
            '请用 --from 和 --to（或 --year）指定统计期间，例如 --year 2026。',
          );
        from = day(opts.from, '--from');
        to = day(opts.to, '--to');
        if (from > to) throw new AppError('input_invalid', '--from 不能晚于 --to。');
      }
      await withApp(
        async (app) => {
          const today =
            typeof opts.today === 'string' ? day(opts.today, '--today') : (await app.register.now()).day;
          const r = await app.register.report(from, to, today);
          if (typeof opts.chart === 'string') writeFileSync(opts.chart, reportSvg(r));
          out(opts.json ? JSON.stringify(r) : formatReport(r));
        },
        { wait: true },
      );
    });

  cmd
    .command('assign')
    .description('指定承办人')
    .argument('<id>', '事项编号')
    .argument('<officer>', '承办人（Slack 用户 ID 或姓名）')
    .action(async (id: string, officer: string) => {
      await withApp(async (app) => {
        await app.register.assign(id, officer);
        out(`事项 ${id} 的承办人已改为 ${officer}。`);
      });
    });

  cmd
    .command('settings')
    .description('登记台账设置（存于数据库，所有实例共用）；不带选项时显示当前设置')
    .option('--managers <ids>', '登记管理员（逗号分隔的 Slack 用户 ID 或姓名），可查看全部事项')
    .option('--digest-hour <h>', '每日提醒的时间（0-23 时）')
    .option('--digest-channel <id>', '每日提醒发送的频道（none 为不发频道）')
    .option('--due-soon <n>', '提前几个工作日提醒')
    .option('--long-running <days>', '收到满多少日未办结计为积案')
    .option('--time-zone <tz>', '时区，如 Asia/Shanghai')
    .action(async (opts: Record<string, string | undefined>) => {
      const patch: Partial<RegisterSettings> = {};
      if (opts.managers !== undefined)
        patch.managers = opts.managers
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
      if (opts.digestHour !== undefined) patch.digestHour = int(opts.digestHour, '--digest-hour', 0, 23);
      if (opts.digestChannel !== undefined)
        patch.digestChannel = opts.digestChannel === 'none' ? null : opts.digestChannel;
      if (opts.dueSoon !== undefined) patch.dueSoonWorkdays = int(opts.dueSoon, '--due-soon', 0, 30);
      if (opts.longRunning !== undefined)
        patch.longRunningDays = int(opts.longRunning, '--long-running', 1, 3650);
      if (opts.timeZone !== undefined) patch.timeZone = opts.timeZone;
      await withApp(async (app) => {
        const s = Object.keys(patch).length
          ? await app.register.updateSettings(patch)
          : await app.register.settings();
        out(JSON.stringify(s, null, 2));
      });
    });
}
