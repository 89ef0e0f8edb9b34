/**
 * Rendering of the case register in Slack: the App Home "我的事项", the registration modal, the event modal, the
 * daily digest and the “登记这个事项” button (for the chat engine to append after a classification).
 */
import type { KnownBlock, View } from '@slack/types';
import { EVENT_LABEL, FORM_LABEL, STATUS_LABEL } from '../../../domain/cases.ts';
import { formatChineseDate } from '../../../skills/deadlines/dates.ts';
import { type CaseSummary, type Digest, type DigestItem, DONE_BY } from '../../../skills/register/service.ts';
import { textInput } from './inputs.ts';

export const CASE_MODAL = 'case_register';
export const CASE_EVENT_MODAL = 'case_event';
/** Opens the registration modal; its value is a short prefill ({summary}) as JSON, or empty. */
export const CASE_OPEN_ACTION = 'case_register_open';
/** Opens the event modal; its value is {"id","type"} as JSON. */
export const CASE_EVENT_ACTION = 'case_record_event';

const STATUS_EMOJI = { overdue: '🔴', due_soon: '🟠', on_track: '🟢', closed: '⚪' } as const;

function clip(s: string, n: number): string {
  return [...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s;
}

function mrkdwnEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function nextText(c: CaseSummary): string {
  if (!c.next) return '暂无待办期限';
  const left = c.next.overdue
    ? '*已超期*'
    : c.next.workdaysLeft !== null
      ? `剩 ${c.next.workdaysLeft} 个工作日`
      : '';
  return `${c.next.what}：${formatChineseDate(c.next.due)} ${left}（《${c.next.basis.law}》第${c.next.basis.article}条）`;
}

/** The App Home tab: the user's open matters by due date, and a button to register a new one. */
export function homeView(cases: CaseSummary[], today: string): View {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: '我的事项' } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `截至 ${formatChineseDate(today)}，按到期日排序；期限按法定节假日和调休计算。`,
        },
      ],
    },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: CASE_OPEN_ACTION,
          text: { type: 'plain_text', text: '登记新事项' },
          style: 'primary',
          value: '',
        },
      ],
    },
    { type: 'divider' },
  ];
  if (cases.length === 0)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '目前没有由您承办的未办结事项。' } });
  // A Home tab holds at most 100 blocks.
  for (const c of cases.slice(0, 45)) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${STATUS_EMOJI[c.status]} *${c.id}* ${STATUS_LABEL[c.status]} · ${FORM_LABEL[c.form]} · 收到 ${c.receivedDate}\n${mrkdwnEscape(clip(c.summary, 120))}\n${nextText(c)}`,
      },
      ...(c.next
        ? {
            accessory: {
              type: 'button' as const,
              action_id: CASE_EVENT_ACTION,
              text: { type: 'plain_text' as const, text: '记录进展' },
              value: JSON.stringify({ id: c.id, type: doneByOf(c) }),
            },
          }
        : {}),
    });
  }
  if (cases.length > 45)
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `另有 ${cases.length - 45} 件未显示，请用 \`xinfang case list\` 查看。` },
      ],
    });
  return { type: 'home', blocks };
}

function doneByOf(c: CaseSummary): string {
  return (c.next && DONE_BY[c.next.code]) ?? 'closed';
}

/** Registration modal, pre-filled with a summary (e.g. the matter just classified in chat). */
export function caseModal(prefill: { summary?: string | undefined }, today: string): View {
  return {
    type: 'modal',
    callback_id: CASE_MODAL,
    title: { type: 'plain_text', text: '登记信访事项' },
    submit: { type: 'plain_text', text: '登记' },
    close: { type: 'plain_text', text: '取消' },
    blocks: [
      {
        type: 'input',
        block_id: 'receivedDate',
        label: { type: 'plain_text', text: '收到日期' },
        element: { type: 'datepicker', action_id: 'v', initial_date: today },
      },
      {
        type: 'input',
        block_id: 'form',
        label: { type: 'plain_text', text: '信访形式' },
        element: {
          type: 'static_select',
          action_id: 'v',
          initial_option: { text: { type: 'plain_text', text: FORM_LABEL.letter }, value: 'letter' },
          options: Object.entries(FORM_LABEL).map(([value, text]) => ({
            text: { type: 'plain_text', text },
            value,
          })),
        },
      },
      textInput('summary', '事项概要（将自动判断类别和法定途径）', {
        multiline: true,
        ...(prefill.summary ? { initial: prefill.summary.slice(0, 2000) } : {}),
      }),
      textInput('petitioner', '信访人姓名（仅承办人和登记管理员可见完整信息）', { optional: true }),
      textInput('phone', '联系电话', { optional: true }),
      {
        type: 'input',
        block_id: 'officer',
        optional: true,
        label: { type: 'plain_text', text: '承办人（默认为您）' },
        element: { type: 'users_select', action_id: 'v' },
      },
    ],
  };
}

/** The event modal: the date (today by default), a delivery date for replies, an optional note. */
export function eventModal(caseId: string, type: string, today: string): View {
  const label = EVENT_LABEL[type as keyof typeof EVENT_LABEL] ?? type;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `事项 *${caseId}*：记录“${label}”` } },
    {
      type: 'input',
      block_id: 'date',
      label: { type: 'plain_text', text: '日期' },
      element: { type: 'datepicker', action_id: 'v', initial_date: today },
    },
  ];
  if (type === 'replied' || type === 'review_replied')
    blocks.push({
      type: 'input',
      block_id: 'deliveredOn',
      optional: true,
      label: { type: 'plain_text', text: '信访人收到日期（送达日期，起算其请求复查、复核的期限）' },
      element: { type: 'datepicker', action_id: 'v' },
    });
  blocks.push(textInput('note', '备注', { optional: true, multiline: true }));
  return {
    type: 'modal',
    callback_id: CASE_EVENT_MODAL,
    private_metadata: JSON.stringify({ id: caseId, type }),
    title: { type: 'plain_text', text: '记录进展' },
    submit: { type: 'plain_text', text: '记录' },
    close: { type: 'plain_text', text: '取消' },
    blocks,
  };
}

function digestLine(i: DigestItem, withSummary: boolean): string {
  const when = i.overdue
    ? `*已超期*（${formatChineseDate(i.due)}到期）`
    : `${formatChineseDate(i.due)}到期，剩 ${i.workdaysLeft ?? '?'} 个工作日`;
  const summary = withSummary ? ` ${mrkdwnEscape(clip(i.summary, 60))}` : '';
  return `*${i.caseId}*${summary}\n${i.what}：${when}（依据《${i.basis.law}》第${i.basis.article}条）`;
}

/** The digest for one officer (by DM): each limit with a button to record the event that meets it. */
export function officerDigest(items: DigestItem[], day: string): { text: string; blocks: KnownBlock[] } {
  const overdue = items.filter((i) => i.overdue).length;
  const text = `时限提醒：${items.length} 项期限临近或已超期（其中超期 ${overdue} 项）`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `时限提醒 ${day}` } },
    ...items.slice(0, 40).map(
      (i): KnownBlock => ({
        type: 'section',
        text: { type: 'mrkdwn', text: digestLine(i, true) },
        accessory: {
          type: 'button',
          action_id: CASE_EVENT_ACTION,
          text: {
            type: 'plain_text',
            text: `记录${EVENT_LABEL[i.doneBy as keyof typeof EVENT_LABEL] ?? '进展'}`,
          },
          value: JSON.stringify({ id: i.caseId, type: i.doneBy }),
        },
      }),
    ),
  ];
  return { text, blocks };
}

/** The digest for the register channel: everyone reads it, so summaries are masked and accusations hidden. */
export function channelDigest(digest: Digest): { text: string; blocks: KnownBlock[] } {
  const items = digest.all;
  const overdue = items.filter((i) => i.overdue).length;
  const text = `今日时限提醒：${items.length} 项期限临近或已超期（其中超期 ${overdue} 项）`;
  const lines = items
    .slice(0, 40)
    .map(
      (i) =>
        `${digestLine(i, true)}\n承办：${i.officer && /^[UW][A-Z0-9]+$/.test(i.officer) ? `<@${i.officer}>` : (i.officer ?? '未指定')}`,
    );
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `时限提醒 ${digest.day}` } },
      { type: 'section', text: { type: 'mrkdwn', text: items.length ? text : '今日没有临近或超期的期限。' } },
      ...lines.map((l): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: l } })),
    ],
  };
}

/**
 * “登记这个事项”: a button the chat engine can append under a classification reply.
 * @wiring not yet called: the chat engine's “登记这个事项” is still to be wired to it (see knip.jsonc).
 */
export function registerButton(summary: string): KnownBlock {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: CASE_OPEN_ACTION,
        text: { type: 'plain_text', text: '登记这个事项' },
        value: JSON.stringify({ summary: clip(summary, 600) }),
      },
    ],
  };
}
