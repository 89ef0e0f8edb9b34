/** Quiz questions as Block Kit: buttons for single choice, checkboxes or a text input with a submit button. */
import type { KnownBlock } from '@slack/types';
import type { Question } from '../../../skills/quiz/types.ts';
import { escapeMrkdwn } from './text.ts';

const TYPE = {
  single: '单选',
  multiple: '多选',
  true_false: '判断',
  fill: '填空',
  scenario: '情景',
} as const;

export function questionBlocks(sessionId: string, q: Question, index: number, total: number): KnownBlock[] {
  const ref = JSON.stringify({ s: sessionId, q: q.id });
  const head: KnownBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: `*第${index + 1}/${total}题*（${TYPE[q.type]}）\n${escapeMrkdwn(q.stem)}` },
  };
  if (q.type === 'multiple') {
    return [
      head,
      {
        type: 'actions',
        block_id: 'quiz_multi',
        elements: [
          {
            type: 'checkboxes',
            action_id: 'quiz_pick',
            options: q.options.map((o) => ({
              text: { type: 'plain_text', text: `${o.key}. ${o.text}`.slice(0, 75) },
              value: o.key,
            })),
          },
          {
            type: 'button',
            action_id: 'quiz_submit',
            text: { type: 'plain_text', text: '提交' },
            value: ref,
            style: 'primary',
          },
        ],
      },
    ];
  }
  if (q.type === 'fill') {
    return [
      head,
      {
        type: 'input',
        block_id: 'quiz_fill',
        dispatch_action: true,
        label: { type: 'plain_text', text: '答案（输入后按回车提交）' },
        element: { type: 'plain_text_input', action_id: `quiz_fill|${ref}` },
      },
    ];
  }
  return [
    head,
    ...q.options.map(
      (o): KnownBlock => ({
        type: 'section',
        text: { type: 'mrkdwn', text: `${o.key}. ${escapeMrkdwn(o.text)}` },
      }),
    ),
    {
      type: 'actions',
      block_id: 'quiz_choice',
      elements: q.options.map((o) => ({
        type: 'button' as const,
        action_id: `quiz_answer_${o.key}`,
        text: { type: 'plain_text' as const, text: o.key },
        value: JSON.stringify({ s: sessionId, q: q.id, a: o.key }),
      })),
    },
  ];
}
