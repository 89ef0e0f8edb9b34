/** Signed Slack requests for end-to-end tests and the benchmark. */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import type { SlackDeps } from '../src/adapters/slack/context.ts';

export const SIGNING_SECRET = 'test-signing-secret';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export function sign(
  body: string,
  ts = Math.floor(Date.now() / 1000),
  secret = SIGNING_SECRET,
): Record<string, string> {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': sig, 'x-slack-request-timestamp': String(ts) };
}

export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  headers: Record<string, string> = sign(body),
): Promise<{ status: number; ms: number; text: string }> {
  const t = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...headers },
  });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - t, text };
}

export function eventBody(eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1,
    event,
  });
}

/** Waits until `cond` gives something truthy, and returns it. */
export async function until<T>(
  cond: () => T,
  ms = 10_000,
): Promise<Exclude<T, undefined | null | false | 0 | ''>> {
  const end = Date.now() + ms;
  for (;;) {
    const value = cond();
    if (value) return value as Exclude<T, undefined | null | false | 0 | ''>;
    if (Date.now() > end) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The Slack settings the handler tests run with (a bot token and a signing secret, no allowlists). */
export function testSlackConfig(over: Partial<SlackDeps['slack']> = {}): SlackDeps['slack'] {
  return {
    botToken: 'xoxb-test',
    signingSecret: 's',
    appToken: undefined,
    apiUrl: undefined,
    port: 3000,
    allowedTeams: [],
    allowedChannels: [],
    allowedUsers: [],
    rateLimit: 20,
    retention: { eventsDays: 7, rateLimitDays: 1, threadsDays: 90 },
    ...over,
  };
}
