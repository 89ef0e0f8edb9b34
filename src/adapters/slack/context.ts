/** What every Slack handler receives: the core services and the Slack-specific settings. Handlers are plain functions. */
import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';

export interface SlackDeps {
  core: App;
  log: Logger;
  slack: Config['slack'];
  botToken: string;
}

/** Only the Web API methods the handlers use, so tests can pass a small fake. */
export type SlackClient = Pick<WebClient, 'chat' | 'views' | 'files' | 'reactions' | 'assistant'>;

export interface Where {
  team: string | undefined;
  channel: string;
  user: string;
  threadTs: string | undefined;
}

export function allowed(deps: SlackDeps, where: Where): boolean {
  const { allowedTeams, allowedChannels, allowedUsers } = deps.slack;
  if (allowedTeams.length > 0 && (!where.team || !allowedTeams.includes(where.team))) return false;
  if (
    allowedChannels.length > 0 &&
    !allowedChannels.includes(where.channel) &&
    !where.channel.startsWith('D')
  )
    return false;
  if (allowedUsers.length > 0 && !allowedUsers.includes(where.user)) return false;
  return true;
}

export function errorId(): string {
  return randomBytes(3).toString('hex').toUpperCase();
}

export const FRIENDLY_ERROR = (id: string) =>
  `抱歉，处理时出现问题（错误编号 ${id}）。请稍后再试，或换一种说法；如多次出现请联系管理员。`;

/** Posts into the place a conversation happens: the thread when there is one, else the channel or DM. */
export function poster(client: SlackClient, where: { channel: string; threadTs?: string | undefined }) {
  return (body: object) =>
    client.chat.postMessage({
      channel: where.channel,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      ...body,
    } as never);
}
