/**
 * 👍/👎 on an answer (Slack's feedback_buttons; the older button pair is still accepted for messages already
 * posted), with an optional comment in a small modal after 👎. The modal carries the answer and the rater, so the
 * comment lands on that user's rating.
 */
import { comment, rate } from '../../../storage/repositories/surfaces.ts';
import type { SlackClient, SlackDeps } from '../context.ts';
import { FeedbackOrigin, parsePayload } from '../payloads.ts';

export const FEEDBACK_MODAL = 'feedback_comment';

export async function onFeedback(
  deps: SlackDeps,
  client: SlackClient,
  args: { answerId: string; user: string; up: boolean; triggerId: string | undefined },
  ephemeral: (text: string) => Promise<unknown>,
): Promise<void> {
  const ok = await rate(deps.core.db, args.answerId, args.user, args.up ? 1 : -1);
  if (!ok) {
    await ephemeral('找不到这条回答，可能已被清理。');
    return;
  }
  if (args.up || !args.triggerId) {
    await ephemeral(args.up ? '感谢反馈！' : '已记录，我们会改进。');
    return;
  }
  const origin: FeedbackOrigin = { answerId: args.answerId, user: args.user };
  await client.views.open({
    trigger_id: args.triggerId,
    view: {
      type: 'modal',
      callback_id: FEEDBACK_MODAL,
      private_metadata: JSON.stringify(origin),
      title: { type: 'plain_text', text: '反馈问题' },
      submit: { type: 'plain_text', text: '提交' },
      close: { type: 'plain_text', text: '跳过' },
      blocks: [
        {
          type: 'input',
          block_id: 'comment',
          optional: true,
          label: { type: 'plain_text', text: '哪里不对？（可选）' },
          element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 1000 },
        },
      ],
    },
  });
}

/** The comment from the 👎 modal; only the user who rated may comment on their rating. */
export async function onFeedbackComment(
  deps: SlackDeps,
  privateMetadata: string,
  submitter: string,
  text: string | null | undefined,
): Promise<void> {
  const origin = parsePayload(FeedbackOrigin, privateMetadata, '反馈表单');
  if (origin.user !== submitter) return;
  if (text && text.trim() !== '') await comment(deps.core.db, origin.answerId, origin.user, text.trim());
}
