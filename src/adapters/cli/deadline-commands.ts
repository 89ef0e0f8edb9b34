/** `xinfang deadline` and `xinfang timeline`: the app's deadline service without a database, so it starts fast. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createDeadlineService } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { formatChineseDate, parseDate } from '../../skills/deadlines/dates.ts';
import type { ComputedDeadline, DeadlineService } from '../../skills/deadlines/deadlines.ts';
import { buildTimeline, formatTimeline } from '../../skills/deadlines/timeline.ts';
import { timelineSvg } from '../../skills/deadlines/timeline-svg.ts';
import { writeOutputFile } from './manners.ts';

/** The same deadline service as the app's (official calendar plus the configured arrangement file). */
function deadlineService(): DeadlineService {
  return createDeadlineService(loadConfig());
}

function date(value: string, option: string): string {
  const d = parseDate(value);
  if (!d)
    throw new AppError('input_invalid', `${option} 的日期“${value}”无效，应为真实日期，例如 2026-03-05。`);
  return d;
}

function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function formatDeadlines(items: ComputedDeadline[], warnings: string[]): string {
  const lines = items.map((i) => {
    const who = i.party === 'authority' ? '机关' : '信访人/当事人';
    return [
      `■ ${i.what}（${who}）：${formatChineseDate(i.due)}前`,
      `  依据：《${i.basis.law}》第${i.basis.article}条`,
      `  计算：${i.rule}`,
      ...(i.note ? [`  注意：${i.note}`] : []),
    ].join('\n');
  });
  return [...lines, ...warnings.map((w) => `提示：${w}`)].join('\n');
}

export function registerDeadlineCommands(program: Command): void {
  program
    .command('deadline')
    .description('计算法定期限：--code 计算单项，--event 计算该事件引起的全部期限')
    .option('--code <code>', '时限代码，如 handle、review_request、object_transfer')
    .option('--event <event>', '事件，如 received、accepted、reply_received')
    .option('--from <date>', '起算事件发生的日期（YYYY-MM-DD）')
    .option('--amount <n>', '按较短期限计算（如批准延长15日）')
    .option('--json', '输出 JSON')
    .action((opts: { code?: string; event?: string; from?: string; amount?: string; json?: boolean }) => {
      if (!opts.from)
        throw new AppError('input_invalid', '请用 --from 指定起算日期，例如 --from 2026-03-05。');
      if (!opts.code === !opts.event) {
        throw new AppError(
          'input_invalid',
          '请指定 --code（单项期限）或 --event（事件引起的全部期限）其中之一。',
        );
      }
      const service = deadlineService();
      const from = date(opts.from, '--from');
      const amount = opts.amount === undefined ? undefined : Number(opts.amount);
      const r = opts.code
        ? service.compute(opts.code, from, amount)
        : service.computeEvent(opts.event ?? '', from);
      if (opts.json) {
        const items = r.items.map(({ code, what, due, basis, rule }) => ({ code, what, due, basis, rule }));
        process.stdout.write(`${JSON.stringify({ items, warnings: r.warnings })}\n`);
      } else process.stdout.write(`${formatDeadlines(r.items, r.warnings)}\n`);
    });

  program
    .command('timeline')
    .description('案件时限图：根据已知日期列出各环节期限和状态')
    .option(
      '--case <file>',
      '案件日期 JSON 文件（- 为标准输入），字段：received, accepted, extensionDays, replyIssued, replyReceived, reviewRequestReceived, reviewReplyIssued, reviewReplyReceived, recheckRequestReceived, recheckReplyIssued',
    )
    .option('--received <date>', '收到信访事项日期')
    .option('--accepted <date>', '受理日期')
    .option('--replied <date>', '处理意见书出具日期')
    .option('--reply-received <date>', '信访人收到处理意见书日期')
    .option('--today <date>', '以该日为“今天”（默认今天）')
    .option('--svg <file>', '同时输出 SVG 图')
    .option('--json', '输出 JSON')
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      let input: Record<string, unknown> = {};
      if (typeof opts.case === 'string') {
        const raw = readFileSync(opts.case === '-' ? 0 : opts.case, 'utf8');
        try {
          input = JSON.parse(raw) as Record<string, unknown>;
        } catch (cause) {
          throw new AppError('input_invalid', '案件日期文件不是有效的 JSON。', { cause });
        }
      }
      const map: [string, string][] = [
        ['received', 'received'],
        ['accepted', 'accepted'],
        ['replied', 'replyIssued'],
        ['replyReceived', 'replyReceived'],
      ];
      for (const [opt, field] of map) {
        const v = opts[opt];
        if (typeof v === 'string') input[field] = date(v, `--${opt}`);
      }
      const today = typeof opts.today === 'string' ? date(opts.today, '--today') : todayIso();
      const t = buildTimeline(deadlineService(), input, today);
      if (typeof opts.svg === 'string') await writeOutputFile(opts.svg, timelineSvg(t));
      process.stdout.write(opts.json ? `${JSON.stringify(t)}\n` : `${formatTimeline(t)}\n`);
    });
}
