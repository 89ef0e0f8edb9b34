/** Block Kit rendering of assistant replies: answer sections, a citations section, feedback buttons. */
import type { KnownBlock } from '@slack/types';
import type { ArticleRef } from '../../../domain/law.ts';
import { displayText, type LawLibrary } from '../../../retrieval/library.ts';
import { BLOCKS_PER_MESSAGE, splitText, toMrkdwn } from './text.ts';

export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function citationBlocks(citations: ArticleRef[], library: LawLibrary): KnownBlock[] {
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

export function feedbackBlock(answerId: string): KnownBlock {
  return {
    type: 'actions',
    block_id: 'feedback',
    elements: [
      {
        type: 'button',
        action_id: 'feedback_up',
        text: { type: 'plain_text', text: '👍 有帮助' },
        value: answerId,
      },
      {
        type: 'button',
        action_id: 'feedback_down',
        text: { type: 'plain_text', text: '👎 有问题' },
        value: answerId,
      },
    ],
  };
}

/** One or more messages (each within Slack's block limit); the feedback row goes on the last one. */
export function renderReply(
  text: string,
  options: {
    citations?: ArticleRef[];
    library?: LawLibrary;
    answerId?: string;
    engine?: 'model' | 'offline';
  } = {},
): RenderedMessage[] {
  const blocks: KnownBlock[] = splitText(toMrkdwn(text)).map(section);
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
  const messages: RenderedMessage[] = [];
  for (let i = 0; i < blocks.length; i += BLOCKS_PER_MESSAGE) {
    const part = blocks.slice(i, i + BLOCKS_PER_MESSAGE);
    messages.push({ text: i === 0 ? text.slice(0, 300) : '（续）', blocks: part });
  }
  return messages;
}
