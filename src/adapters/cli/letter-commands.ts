/** `xinfang check`: letters are checked against the built-in knowledge; no database is opened. */
import type { Command } from 'commander';
import { z } from 'zod';
import type { Finding } from '../../domain/findings.ts';
import { readSource } from '../../ingest/read.ts';
import { loadKnowledge } from '../../knowledge/load.ts';
import { Catalog } from '../../retrieval/catalog.ts';
import { LawLibrary } from '../../retrieval/library.ts';
import { LetterChecker } from '../../skills/check/checker.ts';
import { OfficialCalendar } from '../../skills/deadlines/calendar.ts';
import { DeadlineService } from '../../skills/deadlines/deadlines.ts';
import { RemedyTable } from '../../skills/letters/remedies.ts';
import { runJsonl } from './jsonl.ts';

export const CheckLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
});

export function offlineChecker(): LetterChecker {
  const knowledge = loadKnowledge();
  return new LetterChecker({
    library: LawLibrary.build(knowledge, []),
    catalog: new Catalog(knowledge),
    deadlines: new DeadlineService(knowledge.deadlines, new OfficialCalendar()),
    remedies: RemedyTable.load(),
  });
}

const TYPE_NAMES: Record<string, string> = {
  handling_opinion: '信访事项处理意见书',
  review_opinion: '信访事项复查意见书',
  recheck_opinion: '信访事项复核意见书',
  acceptance_notice: '受理告知书',
  redirect_notice: '告知书',
  non_acceptance_notice: '不予受理告知书',
  complaint_result_notice: '投诉（举报）处理情况告知书',
};

export function formatReport(text: string, letterType: string, findings: Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const lines = [
    `文书类型：${TYPE_NAMES[letterType] ?? letterType}`,
    `检查结果：${errors} 项错误，${findings.length - errors} 项提示`,
  ];
  if (findings.length === 0) lines.push('未发现问题。');
  for (const [i, f] of findings.entries()) {
    lines.push(`${i + 1}. [${f.severity === 'error' ? '错误' : '提示'}] ${f.code}：${f.message}`);
    if (f.span) lines.push(`   原文：“${text.slice(f.span[0], f.span[1]).slice(0, 60)}”`);
    if (f.basis.length > 0)
      lines.push(`   依据：${f.basis.map((b) => `《${b.law}》第${b.article}条`).join('、')}`);
    if (f.suggestion) lines.push(`   建议：${f.suggestion}`);
  }
  return lines.join('\n');
}

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
      const checker = offlineChecker();
      if (opts.jsonl) {
        await runJsonl(CheckLine, async ({ text }) => ({ ...checker.check(text) }));
        return;
      }
      if (!file)
        throw new (await import('../../errors.ts')).AppError(
          'input_invalid',
          '请指定要检查的文书文件，例如 xinfang check 意见书.docx。',
        );
      const { text } = await readSource(file);
      const r = checker.check(text);
      process.stdout.write(
        opts.json ? `${JSON.stringify(r)}\n` : `${formatReport(text, r.letterType, r.findings)}\n`,
      );
    });
}
