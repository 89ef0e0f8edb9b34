/**
 * Delivering work the user cannot easily redo (a drafted letter, its check results and .docx) so that it is never
 * lost: posted where asked, and when the bot cannot post there (not a member, archived, no permission) sent to the
 * user by DM with the reason and how to invite the bot.
 */
import { letterToDocx } from '../../skills/letters/docx.ts';
import type { MessageBody, SlackClient, SlackDeps, Where } from './context.ts';
import { poster } from './context.ts';
import { slackErrorCode } from './web.ts';

/** Slack errors that mean "the bot cannot post in this conversation", so the DM fallback applies. */
const CANNOT_POST = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_non_threadable_channel',
  'restricted_action_thread_only_channel',
  'ekm_access_denied',
  'cannot_reply_to_message',
]);

function cannotPostThere(e: unknown): boolean {
  const code = slackErrorCode(e);
  return code !== undefined && CANNOT_POST.has(code);
}

function whyNotPosted(channel: string, code: string | undefined): string {
  const place = channel.startsWith('C') || channel.startsWith('G') ? `<#${channel}>` : '该会话';
  if (code === 'not_in_channel' || code === 'channel_not_found')
    return `我还不在 ${place} 中，无法在那里发布，所以把结果私信发给您。如需在频道中使用，请在该频道输入 /invite @信访法治助手 邀请我加入后再试。`;
  if (code === 'is_archived') return `${place} 已归档，无法发布，所以把结果私信发给您。`;
  return `我没有在 ${place} 发言的权限（${code ?? '未知原因'}），所以把结果私信发给您。`;
}

function letterTitle(letterText: string): string {
  return (
    letterText
      .split('\n')
      .find((l) => /(意见书|告知书)$/.test(l.trim()))
      ?.trim() ?? '信访文书'
  );
}

async function upload(
  client: SlackClient,
  channel: string,
  threadTs: string | undefined,
  letterText: string,
) {
  const file = await letterToDocx(letterText);
  const title = letterTitle(letterText);
  const common = {
    channel_id: channel,
    file,
    filename: `${title}.docx`,
    title,
    initial_comment: '已生成 Word 文件（按公文格式排版），请核对后用印。',
  };
  await client.files.uploadV2(threadTs ? { ...common, thread_ts: threadTs } : common);
}

/**
 * Posts the messages and the letter's .docx where asked; if Slack refuses the place, opens a DM with the user and
 * delivers everything there, preceded by the reason. Returns where it went.
 */
export async function deliverLetter(
  deps: Pick<SlackDeps, 'log'>,
  client: SlackClient,
  where: Where,
  messages: MessageBody[],
  letterText: string,
): Promise<'here' | 'dm'> {
  try {
    const post = poster(client, where);
    for (const m of messages) await post(m);
    await upload(client, where.channel, where.threadTs, letterText);
    return 'here';
  } catch (e) {
    if (!cannotPostThere(e)) throw e;
    const code = slackErrorCode(e);
    deps.log.warn({ code, channel: where.channel }, 'letter not postable where asked; sent by DM');
    const dm = await client.conversations.open({ users: where.user });
    const dmChannel = dm.channel?.id;
    if (!dmChannel) throw e;
    const post = poster(client, { channel: dmChannel });
    await post({ text: whyNotPosted(where.channel, code) });
    // The whole letter again, so the DM alone is complete even if part of it reached the channel.
    for (const m of messages) await post(m);
    await upload(client, dmChannel, undefined, letterText);
    return 'dm';
  }
}
