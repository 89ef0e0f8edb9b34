/**
 * @mentions in channels (answered in the thread), the app's DM (the agent Messages tab), follow-ups in threads
 * the assistant is engaged in, and questions posted in channels set to have them answered (/xinfang channel). Slack markup is decoded here, once, before any engine sees the text.
 */
import { channelMode, engageThread, isEngaged } from '../../../storage/repositories/surfaces.ts';
import { looksLikeQuestion } from '../channels.ts';
import type { SlackClient, SlackDeps, Where } from '../context.ts';
import { decodeSlackText } from '../markup.ts';
import { onAgentMessage } from './agent.ts';
import { checkSharedFiles, type SharedFile } from './files.ts';
import { respondToText } from './respond.ts';

/** The fields of Slack's message and app_mention events that we read. */
export interface MessageEvent {
  type: string;
  subtype?: string | undefined;
  channel: string;
  channel_type?: string | undefined;
  user?: string | undefined;
  bot_id?: string | undefined;
  text?: string | undefined;
  ts: string;
  thread_ts?: string | undefined;
  team?: string | undefined;
  files?: SharedFile[] | undefined;
}

/** Subtypes that are a person writing: a plain message, a file share, a thread reply also sent to the channel. */
const HUMAN_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export async function onAppMention(
  deps: SlackDeps,
  client: SlackClient,
  event: MessageEvent,
  botUserId: string | undefined,
  teamId?: string,
): Promise<void> {
  if (!event.user || event.bot_id) return;
  const threadTs = event.thread_ts ?? event.ts;
  const where: Where = { team: teamId ?? event.team, channel: event.channel, user: event.user, threadTs };
  await engageThread(deps.core.db, event.channel, threadTs);
  const { text } = decodeSlackText(event.text ?? '', { botUserId });
  if (event.files?.length) return checkSharedFiles(deps, client, where, event.files);
  if (text === '') {
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: threadTs,
      text: '您好，请直接提问或描述信访事项；输入“帮助”查看用法。',
    });
    return;
  }
  await respondToText(deps, client, where, text);
}

/**
 * Plain messages: the app's DM, and replies in a thread the assistant already answers (no new @mention needed). In
 * such a thread a message that opens by addressing a colleague ("@张三 你看下") is between people and left alone.
 */
export async function onMessage(
  deps: SlackDeps,
  client: SlackClient,
  event: MessageEvent,
  botUserId: string | undefined,
  teamId?: string,
): Promise<void> {
  if (event.bot_id || !event.user || !HUMAN_SUBTYPES.has(event.subtype)) return;
  const decoded = decodeSlackText(event.text ?? '', { botUserId });
  // A mention of the bot is answered by onAppMention (Slack sends both events).
  if (decoded.mentionsBot && event.channel_type !== 'im') return;
  const isDm = event.channel_type === 'im';
  if (isDm) {
    // Agent messaging: every top-level DM message is the root of its own thread; answers go into that thread.
    const where: Where = {
      team: teamId ?? event.team,
      channel: event.channel,
      user: event.user,
      threadTs: event.thread_ts ?? event.ts,
    };
    return onAgentMessage(deps, client, event, decoded.text, where);
  }
  if (!event.thread_ts) {
    // A question posted in a channel that asked for it (/xinfang channel 回答问题), answered in its own thread.
    if (decoded.addressedToOther || event.files?.length || !looksLikeQuestion(decoded.text)) return;
    if ((await channelMode(deps.core.db, event.channel)) !== 'questions') return;
    await engageThread(deps.core.db, event.channel, event.ts);
    const where: Where = {
      team: teamId ?? event.team,
      channel: event.channel,
      user: event.user,
      threadTs: event.ts,
    };
    await respondToText(deps, client, where, decoded.text);
    return;
  }
  if (!(await isEngaged(deps.core.db, event.channel, event.thread_ts))) return;
  if (decoded.addressedToOther) return;
  const where: Where = {
    team: teamId ?? event.team,
    channel: event.channel,
    user: event.user,
    threadTs: event.thread_ts,
  };
  if (event.files?.length) return checkSharedFiles(deps, client, where, event.files);
  if (decoded.text === '') return;
  await respondToText(deps, client, where, decoded.text);
}
