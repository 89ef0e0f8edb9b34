/**
 * Bolt middleware in front of every surface: retried events de-duplicated across instances; the workspace, channel
 * and user allowlists on events, commands, actions, views and the agent pane alike; and the per-user rate limit on
 * the requests that start work by themselves (commands, modal submissions, starting a quiz). Text and file requests
 * are counted where the handler decides to answer them (a channel message in someone else's thread costs nothing).
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { z } from 'zod';
import { allowRequest, firstDelivery } from '../../storage/repositories/surfaces.ts';
import { allowed, type SlackDeps } from './context.ts';

export const DENIED = '本助手未对该工作区、频道或用户开放，请联系管理员。';
export const TOO_MANY = (limit: number) => `请求过于频繁，请稍后再试（每人每分钟最多 ${limit} 次）。`;

const Id = z.object({ id: z.string() }).partial();
/** The parts of any Slack request body that say who acts where; every field optional, nothing else read. */
const Who = z
  .object({
    type: z.string(),
    event_id: z.string(),
    team_id: z.string(),
    user_id: z.string(),
    channel_id: z.string(),
    command: z.string(),
    text: z.string(),
    user: z.union([z.string(), Id.extend({ team_id: z.string().optional() })]),
    team: Id.nullable(),
    channel: Id,
    actions: z.array(z.object({ action_id: z.string() }).partial()),
    view: z.object({ blocks: z.array(z.object({ block_id: z.string() }).partial()) }).partial(),
    event: z
      .object({
        type: z.string(),
        user: z.string(),
        channel: z.string(),
        team: z.string(),
        bot_id: z.string(),
      })
      .partial(),
  })
  .partial();

interface Actor {
  kind: 'event' | 'command' | 'action' | 'view' | 'other';
  team: string | undefined;
  channel: string | undefined;
  user: string | undefined;
  /** Whether this request counts against the user's rate limit in the middleware. */
  costly: boolean;
  eventId: string | undefined;
  /** A modal's first input block, where a refusal is shown so the filled-in form stays open. */
  firstBlock?: string | undefined;
}

function actorOf(body: unknown): Actor {
  const b = Who.safeParse(body);
  const w = b.success ? b.data : {};
  const userObj = typeof w.user === 'object' ? w.user : undefined;
  if (w.event) {
    return {
      kind: 'event',
      team: w.team_id ?? w.event.team,
      channel: w.event.channel,
      user: w.event.bot_id ? undefined : w.event.user,
      costly: false,
      eventId: w.event_id,
    };
  }
  if (w.command) {
    const sub = (w.text ?? '').trim().split(/\s+/)[0] ?? '';
    return {
      kind: 'command',
      team: w.team_id,
      channel: w.channel_id,
      user: w.user_id,
      costly: sub !== '' && sub !== 'help',
      eventId: undefined,
    };
  }
  const kind = w.type === 'block_actions' ? 'action' : w.type === 'view_submission' ? 'view' : 'other';
  return {
    kind,
    team: w.team?.id ?? userObj?.team_id,
    channel: w.channel?.id,
    user: userObj?.id ?? (typeof w.user === 'string' ? w.user : undefined),
    costly: kind === 'view' || (w.actions ?? []).some((a) => a.action_id === 'quiz_start'),
    eventId: undefined,
    firstBlock: w.view?.blocks?.[0]?.block_id,
  };
}

type Args = AnyMiddlewareArgs & { next: () => Promise<void> };

async function refuse(args: Args, who: Actor, text: string): Promise<void> {
  if (args.body.type === 'view_submission' && 'ack' in args && args.ack && who.firstBlock) {
    // A refused submission keeps the modal open with its fields, the reason shown on the first field.
    const ack = args.ack as (r: {
      response_action: 'errors';
      errors: Record<string, string>;
    }) => Promise<void>;
    await ack({ response_action: 'errors', errors: { [who.firstBlock]: text } });
    return;
  }
  if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  if ('respond' in args && typeof args.respond === 'function')
    await args.respond({ text, response_type: 'ephemeral', replace_original: false }).catch(() => undefined);
}

export function guard(deps: SlackDeps): Middleware<AnyMiddlewareArgs> {
  const check = async (args: Args) => {
    const who = actorOf(args.body);
    // Slack retries an event it thinks went unanswered; the event id is claimed once in the database, so a retry
    // (to this or another instance) never produces a second reply.
    if (who.eventId && !(await firstDelivery(deps.core.db, who.eventId))) return;
    if (!allowed(deps.slack, who)) {
      if (who.kind !== 'event') await refuse(args, who, DENIED);
      return;
    }
    if (who.costly && who.user && !(await allowRequest(deps.core.db, who.user, deps.slack.rateLimit))) {
      await refuse(args, who, TOO_MANY(deps.slack.rateLimit));
      return;
    }
    await args.next();
  };
  // Through the runtime's queue: the acks of requests that arrived together go out before any of their work.
  return async (args) => (deps.work ? deps.work.admit(() => check(args)) : check(args));
}
