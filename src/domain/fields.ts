/**
 * The letter-field registry (letters.md §4): one entry per draft field — key, Chinese label, the words officers use
 * for it, the letter types that require it, and its kind. The drafter, the chat dialog and the Slack modal all read
 * it; errors carry the key, and the label is looked up here only for display.
 */
import type { DraftType } from './letters.ts';

export interface DraftFieldSpec {
  key: string;
  label: string;
  aliases: string[];
  required: DraftType[] | 'all';
  kind: 'text' | 'date' | 'decision' | 'basis' | 'name';
}

const OPINIONS: DraftType[] = ['handling_opinion', 'review_opinion', 'recheck_opinion'];
const NOTICES_WITH_FACTS: DraftType[] = [...OPINIONS, 'complaint_result_notice'];

export const DRAFT_FIELDS: DraftFieldSpec[] = [
  {
    key: 'handlingBody',
    label: '办理机关',
    aliases: ['办理机关', '出具机关', '本机关', '机关'],
    required: 'all',
    kind: 'text',
  },
  {
    key: 'superiorBody',
    label: '上一级机关',
    aliases: ['上一级机关', '复查机关', '复核机关', '上级机关'],
    required: ['handling_opinion', 'review_opinion'],
    kind: 'text',
  },
  { key: 'caseNo', label: '文号', aliases: ['文号', '编号'], required: 'all', kind: 'text' },
  {
    key: 'petitioner',
    label: '信访人姓名',
    aliases: ['信访人', '姓名', '信访人姓名'],
    required: 'all',
    kind: 'name',
  },
  {
    key: 'receivedDate',
    label: '收到日期',
    aliases: ['收到日期', '来信日期', '来访日期', '反映日期'],
    required: 'all',
    kind: 'date',
  },
  {
    key: 'acceptedDate',
    label: '受理日期',
    aliases: ['受理日期', '受理'],
    required: ['handling_opinion', 'acceptance_notice', 'complaint_result_notice'],
    kind: 'date',
  },
  {
    key: 'requestReceivedDate',
    label: '收到请求日期',
    aliases: ['收到请求日期', '收到复查请求日期', '收到复核请求日期', '请求日期'],
    required: ['review_opinion', 'recheck_opinion'],
    kind: 'date',
  },
  {
    key: 'issueDate',
    label: '出具日期',
    aliases: ['出具日期', '落款日期', '日期'],
    required: 'all',
    kind: 'date',
  },
  {
    key: 'request',
    label: '信访请求',
    aliases: ['信访请求', '请求', '诉求', '复查请求', '复核请求'],
    required: 'all',
    kind: 'text',
  },
  {
    key: 'petitionerFacts',
    label: '信访人陈述',
    aliases: ['信访人陈述', '陈述', '事实和理由', '理由'],
    required: OPINIONS,
    kind: 'text',
  },
  {
    key: 'investigatedFacts',
    label: '查明事实',
    aliases: ['查明事实', '调查核实', '查明', '核实情况'],
    required: NOTICES_WITH_FACTS,
    kind: 'text',
  },
  {
    key: 'decision',
    label: '结论',
    aliases: ['结论', '处理结论', '处理意见'],
    required: OPINIONS,
    kind: 'decision',
  },
  {
    key: 'decisionReason',
    label: '处理理由',
    aliases: ['处理理由', '说明', '理由说明', '处理结果'],
    required: [...NOTICES_WITH_FACTS, 'redirect_notice', 'non_acceptance_notice'],
    kind: 'text',
  },
  {
    key: 'legalBasis',
    label: '法律法规依据',
    aliases: ['依据', '法律依据', '法规依据'],
    required: [...NOTICES_WITH_FACTS, 'redirect_notice', 'non_acceptance_notice'],
    kind: 'basis',
  },
];

/** The field of a key (a dotted path such as petitioner.name counts as its first part). */
export function fieldOf(key: string): DraftFieldSpec | undefined {
  const head = key.split('.')[0];
  return DRAFT_FIELDS.find((f) => f.key === key || f.key === head);
}

export function isRequired(f: DraftFieldSpec, type: DraftType): boolean {
  return f.required === 'all' || f.required.includes(type);
}
