/**
 * Drafting in chat: the officer asks for a letter, the assistant lists the fields still missing, the officer
 * answers with “字段：内容” lines (several at once if they like), and the letter is drafted once the case is
 * complete and valid. Partial answers are kept in the conversation state.
 */
import type { LetterType } from '../../domain/letters.ts';
import type { LawCatalog } from '../../retrieval/references.ts';
import { findReferences } from '../../retrieval/references.ts';
import { parseDate } from '../deadlines/dates.ts';

export interface DraftFieldSpec {
  key: string;
  label: string;
  aliases: string[];
  required: LetterType[] | 'all';
  kind: 'text' | 'date' | 'decision' | 'basis' | 'name';
}

const OPINIONS: LetterType[] = ['handling_opinion', 'review_opinion', 'recheck_opinion'];

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
    label: '信访人',
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
    required: ['handling_opinion'],
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
    required: 'all',
    kind: 'text',
  },
  {
    key: 'investigatedFacts',
    label: '查明事实',
    aliases: ['查明事实', '调查核实', '查明', '核实情况'],
    required: OPINIONS,
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
    aliases: ['处理理由', '说明', '理由说明'],
    required: 'all',
    kind: 'text',
  },
  {
    key: 'legalBasis',
    label: '依据',
    aliases: ['依据', '法律依据', '法规依据'],
    required: 'all',
    kind: 'basis',
  },
];

const TYPE_WORDS: [RegExp, LetterType][] = [
  [/复核意见/, 'recheck_opinion'],
  [/复查意见/, 'review_opinion'],
  [/告知书/, 'redirect_notice'],
  [/处理意见|意见书|答复/, 'handling_opinion'],
];

export function requestedLetterType(text: string): LetterType | null {
  if (!/(起草|草拟|拟一份|拟个|写一份|写个|生成|出具)/.test(text)) return null;
  for (const [re, t] of TYPE_WORDS) if (re.test(text)) return t;
  return null;
}

export type DraftData = Record<string, unknown> & { letterType: LetterType };

function required(f: DraftFieldSpec, t: LetterType): boolean {
  return f.required === 'all' || f.required.includes(t);
}

export function missingFields(data: DraftData): DraftFieldSpec[] {
  return DRAFT_FIELDS.filter((f) => required(f, data.letterType) && data[f.key] === undefined);
}

/** Reads “字段：内容” lines into the draft; returns the problems with lines it could not use. */
export function absorbAnswer(data: DraftData, text: string, catalog: LawCatalog): string[] {
  const problems: string[] = [];
  for (const line of text.split(/\n|；(?=[^：:]{1,8}[：:])/)) {
    const m = /^\s*([^：:]{1,10})[：:]\s*(.+)$/.exec(line);
    if (!m) continue;
    const label = (m[1] ?? '').trim();
    const value = (m[2] ?? '').trim();
    const field = DRAFT_FIELDS.find((f) => f.aliases.includes(label) || f.label === label);
    if (!field) {
      problems.push(`不认识的字段“${label}”`);
      continue;
    }
    switch (field.kind) {
      case 'date': {
        const d = parseDate(value);
        if (d) data[field.key] = d;
        else problems.push(`${field.label}“${value}”不是有效日期`);
        break;
      }
      case 'decision': {
        const d = /不予支持/.test(value)
          ? 'not_supported'
          : /解释/.test(value)
            ? 'explained'
            : /支持/.test(value)
              ? 'supported'
              : null;
        if (d) data[field.key] = d;
        else problems.push('结论应为“予以支持”“解释说明”或“不予支持”');
        break;
      }
      case 'basis': {
        const refs = findReferences(value, catalog).filter((r) => r.lawNamed);
        if (refs.length > 0) data[field.key] = refs.map((r) => ({ law: r.law, article: r.article }));
        else problems.push('依据应写成“《法规名称》第N条”');
        break;
      }
      case 'name':
        data[field.key] = { name: value };
        break;
      default:
        data[field.key] = value;
    }
  }
  return problems;
}

export function askForFields(fields: DraftFieldSpec[]): string {
  return [
    `还需要以下信息（可一次回复多行，每行“字段：内容”）：`,
    ...fields.map(
      (f) =>
        `· ${f.label}：${f.kind === 'date' ? '（如 2026-04-20）' : f.kind === 'decision' ? '（予以支持 / 解释说明 / 不予支持）' : f.kind === 'basis' ? '（如《社会保险法》第八十三条）' : ''}`,
    ),
    '输入 /reset 放弃起草。',
  ].join('\n');
}
