/** What every Slack handler receives: the core services and the Slack-specific settings. Handlers are plain functions. */
import type { KnownBlock } from '@slack/types';
import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';

export interface SlackDeps {
  core: App;
  log: Logger;
  slack: Config['slack'];
  botToken: string;
  /** Milliseconds after which a reply still not delivered replaces its placeholder with an error (default 90 s). */
  replyDeadlineMs?: number;
  /** Serialises the heavy part of replies within this runtime; without one, work runs at once (handler tests). */
  work?: WorkQueue;
}

/** Only the Web API methods the handlers use, so tests can pass a small fake. */
export type SlackClient = Pick<
  WebClient,
  'chat' | 'views' | 'files' | 'assistant' | 'conversations' | 'chatStream'
>;

export interface Where {
  team: string | undefined;
  channel: string;
  user: string;
  threadTs: string | undefined;
}

export function allowed(
  slack: Pick<Config['slack'], 'allowedTeams' | 'allowedChannels' | 'allowedUsers'>,
  where: { team: string | undefined; channel: string | undefined; user: string | undefined },
): boolean {
  const { allowedTeams, allowedChannels, allowedUsers } = slack;
  if (allowedTeams.length > 0 && (!where.team || !allowedTeams.includes(where.team))) return false;
  if (
    allowedChannels.length > 0 &&
    where.channel &&
    !allowedChannels.includes(where.channel) &&
    !where.channel.startsWith('D')
  )
    return false;
  if (allowedUsers.length > 0 && (!where.user || !allowedUsers.includes(where.user))) return false;
  return true;
}

/** A message we post: its notification text and, usually, its blocks. */
export interface MessageBody {
  text: string;
  blocks?: KnownBlock[] | undefined;
}

/** Posts into the place a conversation happens: the thread when there is one, else the channel or DM. */
export function poster(client: SlackClient, where: { channel: string; threadTs?: string | undefined }) {
  return (body: MessageBody) => {
    const args: ChatPostMessageArguments = {
      channel: where.channel,
      text: body.text,
      ...(body.blocks ? { blocks: body.blocks } : {}),
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    };
    return client.chat.postMessage(args);
  };
}

/**
 * Runs the CPU-heavy part of replies (search, classification, checks) a few at a time, yielding to the event loop
 * before each, so a burst of mentions still gets every ack and status placeholder out first.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly concurrency = 2) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      await new Promise<void>((r) => setImmediate(r));
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
