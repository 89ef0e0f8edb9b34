/**
 * Drafting from Slack: /xinfang draft opens a modal with the letter fields (views.open right after ack, inside the
 * trigger's 3 s), the submission is validated field by field (errors shown on the fields), and the letter, its
 * check results and the .docx are posted in the thread.
 */
import type { KnownBlock, View } from '@slack/types';
import { findReferences } from '../../../retrieval/references.ts';
import { formatReport } from '../../../skills/check/report.ts';
import { textInput } from '../blocks/inputs.ts';
import { renderReply } from '../blocks/reply.ts';
import type { SlackClient, SlackDeps, Where } from '../context.ts';
import { deliverLetter } from '../deliver.ts';
import { ModalOrigin, parsePayload } from '../payloads.ts';

export const DRAFT_MODAL = 'draft_letter';

const date = (id: string, label: string, optional = false): KnownBlock => ({
  type: 'input',
  block_id: id,
  optional,
  label: { type: 'plain_text', text: label },
  element: { type: 'datepicker', action_id: 'v' },
});

const select = (id: string, label: string, options: [string, string][]): KnownBlock => ({
  type: 'input',
  block_id: id,
  label: { type: 'plain_text', text: label },
  element: {
    type: 'static_select',
    action_id: 'v',
    initial_option: {
      text: { type: 'plain_text', text: options[0]?.[1] ?? '' },
      value: options[0]?.[0] ?? '',
    },
    options: options.map(([value, t]) => ({ text: { type: 'plain_text', text: t }, value })),
  },
});

export function draftModal(where: Where): View {
  return {
    type: 'modal',
    callback_id: DRAFT_MODAL,
    private_metadata: JSON.stringify({
      channel: where.channel,
      threadTs: where.threadTs ?? null,
      team: where.team ?? null,
    }),
    title: { type: 'plain_text', text: '起草信访文书' },
    submit: { type: 'plain_text', text: '起草' },
    close: { type: 'plain_text', text: '取消' },
    blocks: [
      select('letterType', '文书类型', [
        ['handling_opinion', '信访事项处理意见书'],
        ['review_opinion', '信访事项复查意见书'],
        ['recheck_opinion', '信访事项复核意见书'],
      ]),
      textInput('handlingBody', '办理机关（全称）', { placeholder: '某市某区民政局' }),
      textInput('superiorBody', '上一级机关（复查/复核机关）', { placeholder: '某市某区人民政府' }),
      textInput('caseNo', '文号', { placeholder: '区民信意〔2026〕12号' }),
      textInput('petitioner', '信访人姓名（名称）'),
      date('receivedDate', '收到信访事项日期'),
      date('acceptedDate', '受理日期（处理意见书必填）', true),
      date('requestReceivedDate', '收到复查/复核请求日期（复查、复核意见书必填）', true),
      textInput('originalBody', '原意见作出机关（复查、复核意见书必填）', { optional: true }),
      date('originalDate', '原意见作出日期', true),
      date('issueDate', '出具日期'),
      textInput('request', '信访请求', { multiline: true }),
      textInput('petitionerFacts', '信访人陈述的事实和理由', { multiline: true }),
      textInput('investigatedFacts', '调查核实查明的事实（时间、对象、证据来源）', { multiline: true }),
      select('decision', '处理结论', [
        ['not_supported', '不予支持'],
        ['supported', '予以支持'],
        ['explained', '解释说明'],
      ]),
      textInput('decisionReason', '处理理由', { multiline: true }),
      textInput('legalBasis', '法律法规依据（每行一条，如《社会保险法》第八十三条）', { multiline: true }),
    ],
  };
}

type ViewState = Record<
  string,
  Record<
    string,
    { value?: string | null; selected_date?: string | null; selected_option?: { value: string } | null }
  >
>;

/** Reads the modal into the draft input contract; empty optional fields are left out. */
export function readDraftState(deps: SlackDeps, values: ViewState): Record<string, unknown> {
  const v = (id: string) => {
    const e = values[id]?.v;
    return e?.value ?? e?.selected_date ?? e?.selected_option?.value ?? undefined;
  };
  const out: Record<string, unknown> = {};
  for (const id of [
    'letterType',
    'handlingBody',
    'superiorBody',
    'caseNo',
    'receivedDate',
    'acceptedDate',
    'requestReceivedDate',
    'issueDate',
    'request',
    'petitionerFacts',
    'investigatedFacts',
    'decision',
    'decisionReason',
  ]) {
    const x = v(id);
    if (x !== undefined && x !== null && x !== '') out[id] = x;
  }
  out.petitioner = { name: v('petitioner') ?? '' };
  const basis = findReferences(v('legalBasis') ?? '', deps.core.catalog).filter((r) => r.lawNamed);
  out.legalBasis = basis.map((r) => ({ law: r.law, article: r.article }));
  const originalBody = v('originalBody');
  const originalDate = v('originalDate');
  if (originalBody && originalDate) out.originalOpinion = { body: originalBody, date: originalDate };
  return out;
}

const FIELD_BLOCK: Record<string, string> = {
  文书类型: 'letterType',
  文号: 'caseNo',
  信访人姓名: 'petitioner',
  收到日期: 'receivedDate',
  受理日期: 'acceptedDate',
  '收到复查/复核请求日期': 'requestReceivedDate',
  出具日期: 'issueDate',
  信访请求: 'request',
  信访人陈述的事实和理由: 'petitionerFacts',
  调查核实查明的事实: 'investigatedFacts',
  处理结论: 'decision',
  处理理由: 'decisionReason',
  法律法规依据: 'legalBasis',
  办理机关: 'handlingBody',
  上一级机关: 'superiorBody',
  原意见: 'originalBody',
  延期: 'issueDate',
};

/** Validation problems as Slack field errors (response_action: errors), or null when the case can be drafted. */
export function draftErrors(deps: SlackDeps, input: Record<string, unknown>): Record<string, string> | null {
  const { problems } = deps.core.drafter.validate(input);
  if (problems.length === 0) return null;
  const errors: Record<string, string> = {};
  for (const p of problems) {
    const block = FIELD_BLOCK[p.field] ?? 'request';
    errors[block] = errors[block] ? `${errors[block]}；${p.message}` : p.message;
  }
  return errors;
}

export async function postDraft(
  deps: SlackDeps,
  client: SlackClient,
  input: Record<string, unknown>,
  privateMetadata: string,
  user: string,
) {
  const meta = parsePayload(ModalOrigin, privateMetadata, '起草表单');
  const where: Where = {
    channel: meta.channel,
    threadTs: meta.threadTs ?? undefined,
    user,
    team: meta.team ?? undefined,
  };
  const r = deps.core.drafter.draft(input);
  const body = `${r.text}\n\n${r.findings.length > 0 ? formatReport(r.text, r) : '（已自动检查：未发现问题。）'}`;
  // Never lost: where the bot cannot post (not in the channel…), the letter and its .docx go to the user by DM.
  await deliverLetter(deps, client, where, renderReply(body), r.text);
}
