/** Chinese rendering of a classification for officers (terminal and chat). */
import type { Classification } from '../../domain/classification.ts';

const CATEGORY: Record<Classification['category'], string> = {
  suggestion: '建议意见类',
  accusation: '检举控告类',
  claim: '申诉求决类',
};

export const CHANNEL_NAME: Record<string, string> = {
  judicial: '诉讼等司法程序（涉法涉诉）',
  arbitration: '仲裁',
  party_appeal: '党员申诉、申请复审等',
  administrative_procedure: '行政复议、行政裁决、行政确认等行政程序',
  duty_performance: '依法履行职责或者答复（申请查处违法行为）',
  petition_procedure: '普通信访程序（出具信访处理意见书）',
  suggestion_handling: '建议意见研究办理',
  discipline_inspection: '纪检监察机关依规依纪依法处理',
};

export const SUBCHANNEL_NAME: Record<string, string> = {
  civil_litigation: '民事诉讼',
  administrative_litigation: '行政诉讼',
  retrial: '申请再审',
  enforcement: '申请执行 / 执行异议',
  criminal_report: '向公安机关报案、控告',
  procuratorial_supervision: '申请检察监督',
  labor_arbitration: '劳动人事争议仲裁',
  land_contract_arbitration: '农村土地承包经营纠纷仲裁',
  commercial_arbitration: '商事仲裁',
  party_member_appeal: '党员申诉',
  supervision_review: '申请复审、复核（监察法第五十六条）',
  administrative_reconsideration: '行政复议',
  administrative_ruling: '行政裁决',
  administrative_confirmation: '行政确认',
  administrative_license: '行政许可',
  administrative_penalty: '行政处罚程序',
  information_disclosure: '政府信息公开申请',
  violation_report: '申请查处违法行为',
  protection_duty: '请求履行保护人身权、财产权职责',
};

export const ADMISSIBILITY_NAME: Record<Classification['admissibility'], string> = {
  accept: '可以登记受理（或依法转送、交办）',
  no_longer_accepted: '不再受理（已复核，同一事实和理由）',
  duplicate_escalation: '上级不予受理（已受理或正在办理期间越级重复提出）',
  judicial_concluded: '涉法涉诉已依法终结，不再按普通信访程序办理',
  redirect: '不属于本机关职权范围，告知或转送有权机关',
};

export function formatClassification(c: Classification): string {
  const route = `${CHANNEL_NAME[c.channel] ?? c.channel}${c.subchannel ? ` — ${SUBCHANNEL_NAME[c.subchannel] ?? c.subchannel}` : ''}`;
  const lines = [
    `类别：${CATEGORY[c.category]}`,
    `途径：${route}${c.article31Item ? `（条例第三十一条第（${c.article31Item}）项）` : ''}`,
    `受理：${ADMISSIBILITY_NAME[c.admissibility]}`,
    `承办：${c.handlingBody}`,
    `依据：${c.legalBasis.map((b) => `《${b.law}》第${b.article}条`).join('、')}`,
  ];
  if (c.timeLimits.length > 0) {
    lines.push('时限：');
    for (const t of c.timeLimits)
      lines.push(`  · ${t.what}：${t.limit}，自${t.from}起算（《${t.law}》第${t.article}条）`);
  }
  if (c.alternatives.length > 0) {
    lines.push('其他可能途径：');
    for (const a of c.alternatives) {
      lines.push(
        `  · ${CHANNEL_NAME[a.channel] ?? a.channel}${a.subchannel ? ` — ${SUBCHANNEL_NAME[a.subchannel] ?? a.subchannel}` : ''}：${a.why}`,
      );
    }
  }
  if (c.missingFacts.length > 0) {
    lines.push('需要核实的关键事实（答案会改变途径）：');
    for (const [i, q] of c.missingFacts.entries()) lines.push(`  ${i + 1}. ${q}`);
  }
  lines.push(`把握程度：${Math.round(c.confidence * 100)}%`);
  lines.push(`说明：${c.explanation}`);
  return lines.join('\n');
}
