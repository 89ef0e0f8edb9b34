/** `xinfang check` and `xinfang draft`: the app's checker and drafter, the same objects chat and Slack use. */
import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { readSource } from '../../ingest/read.ts';
import { formatReport } from '../../skills/check/report.ts';
import { DraftValidationError } from '../../skills/letters/drafter.ts';
import { runJsonl } from './jsonl.ts';
import { writeOutputFile } from './manners.ts';
import { withApp } from './runtime.ts';

const CheckLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
});

export function registerLetterCommands(program: Command): void {
  program
    .command('check')
    .description(
      '检查信访文书（.txt / .md / .docx）：事实、依据、结论、救济途径、时限等；--jsonl 时逐行读取 {"id","text"}',
    )
    .argument('[file]', '文书文件')
    .option('--jsonl', '批量模式')
    .option('--json', '输出 JSON')
    .action(async (file: string | undefined, opts: { jsonl?: boolean; json?: boolean }) => {
      if (!opts.jsonl && !file)
        throw new AppError('input_invalid', '请指定要检查的文书文件，例如 xinfang check 意见书.docx。');
      // The app's checker: after an ingest it knows the official texts' 款 and 项, as chat and Slack do.
      await withApp(
        async ({ checker, log }) => {
          if (opts.jsonl) {
            await runJsonl(log, CheckLine, async ({ text }) => ({ ...checker.check(text) }));
            return;
          }
          const { text } = await readSource(file ?? '');
          const r = checker.check(text);
          process.stdout.write(opts.json ? `${JSON.stringify(r)}\n` : `${formatReport(text, r)}\n`);
        },
        { wait: true },
      );
    });
}

async function readJsonFile(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new AppError('input_invalid', `无法读取文件：${file}`, { cause });
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

export function registerDraftCommand(program: Command): void {
  program
    .command('draft')
    .description('起草信访文书：从标准输入（或文件）读取案件 JSON，输出文书正文；--docx 同时生成 Word 文件')
    .argument('[file]', '案件 JSON 文件（缺省时读标准输入）')
    .option('--json', '输出 {"letterType","text","findings"}')
    .option('--docx <file>', '生成符合公文格式的 .docx 文件')
    .action(async (file: string | undefined, opts: { json?: boolean; docx?: string }) => {
      const raw = file ? await readJsonFile(file) : await readAll(process.stdin);
      let data: unknown;
      try {
        data = JSON.parse(raw);
      } catch (cause) {
        throw new AppError('input_invalid', '案件信息不是有效的 JSON。', { cause });
      }
      await withApp(
        async ({ drafter }) => {
          try {
            const r = drafter.draft(data);
            if (opts.docx) {
              const { letterToDocx } = await import('../../skills/letters/docx.ts');
              await writeOutputFile(opts.docx, await letterToDocx(r.text));
            }
            if (opts.json) {
              process.stdout.write(
                `${JSON.stringify({ letterType: r.letterType, text: r.text, findings: r.findings })}\n`,
              );
            } else {
              process.stdout.write(`${r.text}\n`);
              if (r.findings.length > 0) process.stdout.write(`\n${formatReport(r.text, r)}\n`);
              if (opts.docx) process.stdout.write(`已生成 Word 文件：${opts.docx}\n`);
            }
          } catch (e) {
            if (e instanceof DraftValidationError && opts.json) {
              process.stdout.write(`${JSON.stringify({ error: e.userMessage, problems: e.problems })}\n`);
            }
            throw e;
          }
        },
        { wait: true },
      );
    });
}
