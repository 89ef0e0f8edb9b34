/** What every Slack handler receives: the core services and the Slack-specific settings. Handlers are plain functions. */
import { AsyncLocalStorage } from 'node:async_hooks';
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
  /** Orders acks, placeholders and the heavy part of replies within this runtime; without one, work runs at once (handler tests). */
  work?: WorkQueue;
}

/** Only the Web API methods the handlers use, so tests can pass a small fake. */
export type SlackClient = Pick<
  WebClient,
  'chat' | 'views' | 'files' | 'assistant' | 'conversations' | 'chatStream' | 'users'
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

interface FrontTicket {
  open: boolean;
}

/**
 * Orders the work of a burst so that what users see comes first. Bolt acks an event before any of our code runs;
 * `admit` then gives each request a turn of the event loop of its own, one after another, so a request's own work
 * (de-duplication, rate limit, posting its status) runs between two polls for new connections and the next
 * requests' acks are never behind more than one request's work. A request counts as "in front" until it reaches
 * `run` (its status is showing) or ends. `run`, the CPU-heavy part of replies (search, classification, checks),
 * starts only when no request is in front — so a burst's placeholders all go out before the first answer is
 * computed — `concurrency` at a time, each starting on a turn of the event loop of its own so that new requests
 * are acked in between (the engines rarely wait for I/O, so jobs started together would run back to back). A job never waits for the front longer than `maxDeferMs`, so a steady stream of new requests cannot
 * starve the answers.
 */
export class WorkQueue {
  private running = 0;
  private front = 0;
  private readonly waiting: { start: () => void; since: number }[] = [];
  private readonly tickets = new AsyncLocalStorage<FrontTicket>();
  private timer: NodeJS.Timeout | null = null;
  private turns: Promise<void> = Promise.resolve();

  constructor(
    private readonly concurrency = 4,
    private readonly maxDeferMs = 1_000,
  ) {}

  /** Runs one request's handling, counted in front until it calls `run` or ends. */
  async admit<T>(fn: () => Promise<T>): Promise<T> {
    const ticket: FrontTicket = { open: true };
    this.front++;
    try {
      await this.nextTurn();
      return await this.tickets.run(ticket, fn);
    } finally {
      this.leaveFront(ticket);
    }
  }

  /** Runs heavy work once no request is waiting for its first visible reply (or after `maxDeferMs`). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const ticket = this.tickets.getStore();
    if (ticket) this.leaveFront(ticket);
    await new Promise<void>((start) => {
      this.waiting.push({ start, since: performance.now() });
      this.pump();
    });
    try {
      await this.nextTurn();
      return await fn();
    } finally {
      this.running--;
      this.pump();
    }
  }

  /** Resolves on a turn of the event loop of the caller's own, after those of earlier callers. */
  private nextTurn(): Promise<void> {
    const turn = this.turns.then(() => new Promise<void>((r) => setImmediate(r)));
    this.turns = turn;
    return turn;
  }

  private leaveFront(ticket: FrontTicket): void {
    if (!ticket.open) return;
    ticket.open = false;
    this.front--;
    this.pump();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const oldest = this.waiting[0];
      if (!oldest) break;
      const waited = performance.now() - oldest.since;
      if (this.front > 0 && waited < this.maxDeferMs) {
        // Re-check when the oldest job has waited long enough, in case the front never empties.
        if (!this.timer) {
          this.timer = setTimeout(() => {
            this.timer = null;
            this.pump();
          }, this.maxDeferMs - waited);
          this.timer.unref();
        }
        return;
      }
      this.waiting.shift();
      this.running++;
      oldest.start();
    }
  }
}
