/** What every Slack handler receives: the core services and the Slack-specific settings. Handlers are plain functions. */
import { randomBytes } from 'node:crypto';
import type { KnownBlock } from '@slack/types';
import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import { isAppError } from '../../errors.ts';
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

export function errorId(): string {
  return randomBytes(3).toString('hex').toUpperCase();
}

export const FRIENDLY_ERROR = (id: string) =>
  `抱歉，处理时出现问题（错误编号 ${id}）。请稍后再试，或换一种说法；如多次出现请联系管理员。`;

/**
 * The one failure reporter of the Slack adapter: an AppError shows its Chinese message; anything else is logged
 * with its stack under a fresh error id, and the user sees that id.
 */
export function failureText(deps: Pick<SlackDeps, 'log'>, e: unknown, what: string): string {
  if (isAppError(e) && e.code !== 'internal') return e.userMessage;
  const id = errorId();
  deps.log.error({ errorId: id, code: isAppError(e) ? e.code : 'internal', err: e }, what);
  return FRIENDLY_ERROR(id);
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
