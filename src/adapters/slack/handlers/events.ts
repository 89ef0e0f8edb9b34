/** @mentions in channels (answered in the thread), DMs, and follow-ups in threads the assistant is engaged in. */
import { engageThread, isEngaged } from '../../../storage/repositories/surfaces.ts';
import { allowed, type SlackClient, type SlackDeps, type Where } from '../context.ts';
import { checkSharedFiles, type SharedFile } from './files.ts';
import { respondToText } from './respond.ts';

export interface MessageEvent {
  type: string;
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  team?: string;
  files?: SharedFile[];
}

export function stripMention(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]+)?>/g, '').trim();
}

export async function onAppMention(
  deps: SlackDeps,
  client: SlackClient,
  event: MessageEvent,
  teamId?: string,
): Promise<void> {
  if (!event.user) return;
  const threadTs = event.thread_ts ?? event.ts;
  const where: Where = { team: teamId ?? event.team, channel: event.channel, user: event.user, threadTs };
  if (!allowed(deps, where)) return;
  await engageThread(deps.core.db, event.channel, threadTs);
  const text = stripMention(event.text ?? '');
  if (event.files?.length) return checkSharedFiles(deps, client, where, event.files);
  if (text === '') {
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: threadTs,
      text: '您好，请直接提问或描述信访事项；输入“帮助”查看用法。',
    } as never);
    return;
  }
  await respondToText(deps, client, where, text);
}

/** Plain messages: DMs, and replies in a thread the assistant already answers (no new @mention needed). */
export async function onMessage(
  deps: SlackDeps,
  client: SlackClient,
  event: MessageEvent,
  botUserId: string | undefined,
  teamId?: string,
): Promise<void> {
  if (event.bot_id || !event.user || (event.subtype && event.subtype !== 'file_share')) return;
  const text = event.text ?? '';
  // A mention is handled by onAppMention.
  if (botUserId && text.includes(`<@${botUserId}>`)) return;
  const isDm = event.channel_type === 'im';
  const engaged = event.thread_ts ? await isEngaged(deps.core.db, event.channel, event.thread_ts) : false;
  if (!isDm && !engaged) return;
  const where: Where = {
    team: teamId ?? event.team,
    channel: event.channel,
    user: event.user,
    threadTs: event.thread_ts ?? (isDm ? undefined : event.ts),
  };
  if (!allowed(deps, where)) return;
  if (event.files?.length) return checkSharedFiles(deps, client, where, event.files);
  if (text.trim() === '') return;
  await respondToText(deps, client, where, text.trim());
}
