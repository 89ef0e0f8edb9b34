/**
 * Drafting in chat: the officer asks for a letter, the assistant lists the fields still missing, the officer
 * answers with “字段：内容” lines (several at once if they like), and the letter is drafted once the case is
 * complete and valid. Partial answers are kept in the conversation state.
 */
import { DRAFT_FIELDS, type DraftFieldSpec, isRequired } from '../domain/fields.ts';
import type { DraftType } from '../domain/letters.ts';
import type { LawCatalog } from '../retrieval/references.ts';
import { findReferences } from '../retrieval/references.ts';
import { parseDate } from '../skills/deadlines/dates.ts';

export type { DraftFieldSpec } from '../domain/fields.ts';

const TYPE_WORDS: [RegExp, DraftType][] = [
  [/复核意见/, 'recheck_opinion'],
  [/复查意见/, 'review_opinion'],
  [/(投诉|举报).{0,8}告知/, 'complaint_result_notice'],
  [/不予受理/, 'non_acceptance_notice'],
  [/受理告知/, 'acceptance_notice'],
  [/告知书/, 'redirect_notice'],
  [/处理意见|意见书/, 'handling_opinion'],
];

/** The letter type a drafting request names, or null when it names none (“帮我写个回复”). */
export function requestedLetterType(text: string): DraftType | null {
  for (const [re, t] of TYPE_WORDS) if (re.test(text)) return t;
  return null;
}

/** Whether the request names a type only generically (a bare “告知书”, “回复”), leaving the choice to the case. */
export function isGenericRequest(text: string): boolean {
  const t = requestedLetterType(text);
  return t === null || (t === 'redirect_notice' && !/(导入|途径|转办|告知.{0,4}(向|到))/.test(text));
}

export type DraftData = Record<string, unknown> & { letterType: DraftType };

export function missingFields(data: DraftData): DraftFieldSpec[] {
  return DRAFT_FIELDS.filter((f) => isRequired(f, data.letterType) && data[f.key] === undefined);
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

/** Asks for a few fields at a time, saying how many more follow. */
export function askForFields(all: DraftFieldSpec[], perTurn = 4): string {
  const fields = all.slice(0, perTurn);
  const more = all.length - fields.length;
  return [
    `还需要以下信息${more > 0 ? `（另有${more}项稍后再问）` : ''}（可一次回复多行，每行“字段：内容”）：`,
    ...fields.map(
      (f) =>
        `· ${f.label}：${f.kind === 'date' ? '（如 2026-04-20）' : f.kind === 'decision' ? '（予以支持 / 解释说明 / 不予支持）' : f.kind === 'basis' ? '（如《社会保险法》第八十三条）' : ''}`,
    ),
    '输入 /reset 放弃起草。',
  ].join('\n');
}
