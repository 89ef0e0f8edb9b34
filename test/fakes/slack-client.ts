/** A recording stand-in for the Web API client, for calling handlers directly. */
import type { SlackClient } from '../../src/adapters/slack/context.ts';

export interface Recorded {
  method: string;
  args: Record<string, unknown>;
}

export function fakeClient(): { client: SlackClient; calls: Recorded[] } {
  const calls: Recorded[] = [];
  let seq = 0;
  const rec =
    (method: string, extra: () => Record<string, unknown> = () => ({})) =>
    async (args: Record<string, unknown>) => {
      calls.push({ method, args });
      return { ok: true, ...extra() };
    };
  const client = {
    chat: {
      postMessage: rec('chat.postMessage', () => ({ ts: `1.${++seq}` })),
      update: rec('chat.update'),
    },
    views: { open: rec('views.open') },
    files: { uploadV2: rec('files.uploadV2') },
    reactions: { add: rec('reactions.add') },
    assistant: { threads: { setStatus: rec('assistant.threads.setStatus') } },
  } as unknown as SlackClient;
  return { client, calls };
}
