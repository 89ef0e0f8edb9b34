/** Block Kit rendering of assistant replies: answer sections, a citations section, feedback buttons. */
import type { KnownBlock } from '@slack/types';
import type { ArticleRef } from '../../../domain/law.ts';
import { displayText, type LawLibrary } from '../../../retrieval/library.ts';
import { BLOCKS_PER_MESSAGE, MESSAGE_TEXT_BUDGET, splitText, toMrkdwn } from './text.ts';

export const FEEDBACK_ACTION = 'answer_feedback';

export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function citationBlocks(citations: ArticleRef[], library: LawLibrary): KnownBlock[] {
  if (citations.length === 0) return [];
  const lines = citations.slice(0, 8).map((c) => {
    const a = library.get(c.law, c.article);
    const what = a ? displayText(a).replace(/\s+/g, '') : '';
    const snippet = what.length > 140 ? `${what.slice(0, 139)}…` : what;
    const kind = a?.official ? '原文' : '要点';
    return `• *《${c.law}》第${c.article}条*${a?.title ? `（${a.title}）` : ''}${snippet ? `\n  ${kind}：${snippet}` : ''}`;
  });
  return [
    { type: 'divider' },
    { type: 'context', elements: [{ type: 'mrkdwn', text: '*引用条文*' }] },
    ...splitText(toMrkdwn(lines.join('\n'))).map(section),
  ];
}

/** Slack's native 👍/👎 (feedback_buttons in a context_actions block); the value names the answer. */
function feedbackBlock(answerId: string): KnownBlock {
  return {
    type: 'context_actions',
    block_id: `feedback_${answerId}`.slice(0, 255),
    elements: [
      {
        type: 'feedback_buttons',
        action_id: FEEDBACK_ACTION,
        positive_button: {
          text: { type: 'plain_text', text: '👍 有帮助' },
          accessibility_label: '这个回答有帮助',
          value: `up:${answerId}`,
        },
        negative_button: {
          text: { type: 'plain_text', text: '👎 有问题' },
          accessibility_label: '这个回答有问题',
          value: `down:${answerId}`,
        },
      },
    ],
  };
}

export interface ReplyOptions {
  citations?: ArticleRef[];
  library?: LawLibrary;
  answerId?: string;
  engine?: 'model' | 'offline';
}

/** What follows the answer text: citations, which engine answered, the feedback row. */
export function trailingBlocks(options: ReplyOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (options.citations && options.library)
    blocks.push(...citationBlocks(options.citations, options.library));
  if (options.engine) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: options.engine === 'model' ? '语言模型作答，引用已核验' : '离线规则引擎作答',
        },
      ],
    });
  }
  if (options.answerId) blocks.push(feedbackBlock(options.answerId));
  return blocks;
}

function blockChars(b: KnownBlock): number {
  return JSON.stringify(b).length;
}

/**
 * One or more messages, each within Slack's limits (45 of 50 blocks, about 11,000 characters of block text); the
 * answer is split at paragraph boundaries and keeps its line breaks; the feedback row goes on the last message.
 */
export function renderReply(text: string, options: ReplyOptions = {}): RenderedMessage[] {
  const blocks: KnownBlock[] = [...splitText(toMrkdwn(text)).map(section), ...trailingBlocks(options)];
  const messages: RenderedMessage[] = [];
  let part: KnownBlock[] = [];
  let chars = 0;
  for (const b of blocks) {
    const n = blockChars(b);
    if (part.length > 0 && (part.length >= BLOCKS_PER_MESSAGE || chars + n > MESSAGE_TEXT_BUDGET)) {
      messages.push({ text: '', blocks: part });
      part = [];
      chars = 0;
    }
    part.push(b);
    chars += n;
  }
  if (part.length > 0) messages.push({ text: '', blocks: part });
  // The notification / screen-reader text: the start of the answer on the first message, its place on the others.
  return messages.map((m, i) => ({
    ...m,
    text: i === 0 ? text.slice(0, 300) : `（续 ${i + 1}/${messages.length}）`,
  }));
}
