/** Chinese rendering of a check report (terminal and chat). */
import type { Finding } from '../../domain/findings.ts';

const TYPE_NAMES: Record<string, string> = {
  handling_opinion: '信访事项处理意见书',
  review_opinion: '信访事项复查意见书',
  recheck_opinion: '信访事项复核意见书',
  acceptance_notice: '受理告知书',
  redirect_notice: '告知书',
  non_acceptance_notice: '不予受理告知书',
  complaint_result_notice: '投诉（举报）处理情况告知书',
  other: '不是正式信访文书',
};

/** What a report shows: the detected type (with the reason, for a check), the findings and the checker's notes. */
export interface ReportView {
  letterType: string;
  findings: Finding[];
  typeReason?: string;
  notes?: string[];
}

export function formatReport(text: string, report: ReportView): string {
  const { letterType, findings } = report;
  const extra = report;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const lines = [
    `文书类型：${TYPE_NAMES[letterType] ?? letterType}${extra.typeReason ? `（${extra.typeReason.replace(/。$/, '')}）` : ''}`,
    `检查结果：${errors} 项错误，${findings.length - errors} 项提示`,
  ];
  for (const n of extra.notes ?? []) lines.push(`提示：${n}`);
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
