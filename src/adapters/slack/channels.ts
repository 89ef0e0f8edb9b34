/**
 * Per-channel behaviour, as teams expect from knowledge bots: in a channel the assistant answers only when
 * @mentioned (the default), or also answers questions posted in the channel. A channel manager sets it with
 * `/xinfang channel 仅提及` / `/xinfang channel 回答问题`; it is stored in the database (slack_channels), so every
 * instance behaves alike. Slack's API does not say who the channel managers are; the channel's creator and the
 * workspace's admins and owners are taken as such.
 * The setting is stored by storage/repositories/surfaces.ts.
 */
import type { ChannelMode } from '../../storage/repositories/surfaces.ts';
import type { SlackClient } from './context.ts';

export const MODE_NAMES: Record<ChannelMode, string> = {
  mention: '仅在被 @提及 时回答',
  questions: '被 @提及 时回答，并回答频道中直接发布的问题',
};

/** The words after `/xinfang channel` that choose a mode. */
const MODE_WORDS: Record<string, ChannelMode> = {
  mention: 'mention',
  仅提及: 'mention',
  提及: 'mention',
  questions: 'questions',
  回答问题: 'questions',
  问题: 'questions',
};

export function parseMode(word: string): ChannelMode | undefined {
  return MODE_WORDS[word.trim().toLowerCase()];
}

/** Whether the user may change the channel's behaviour: its creator, or a workspace admin or owner. */
export async function managesChannel(
  client: Pick<SlackClient, 'conversations' | 'users'>,
  channel: string,
  user: string,
): Promise<boolean> {
  const info = await client.conversations.info({ channel });
  if (info.channel?.creator === user) return true;
  const who = await client.users.info({ user });
  return Boolean(who.user?.is_admin || who.user?.is_owner || who.user?.is_primary_owner);
}

/**
 * A message that asks something: ends with a question mark, or uses a question word. Statements and chatter
 * ("收到", "明天开会") are left to people.
 */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (t.length < 4) return false;
  if (/[？?]$/.test(t)) return true;
  return /(吗|么|呢)[。！!]?$|怎么|如何|是否|能否|可否|多久|多少|几[天日个名人条次]|哪些|哪个|什么|为什么|请问/.test(
    t,
  );
}
