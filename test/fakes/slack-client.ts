/**
 * A recording stand-in for the Web API client, for calling handlers directly. `fail` makes a method reject the way
 * the SDK does for a platform error (`{ data: { error } }`), optionally only for one channel.
 */
import type { SlackClient } from '../../src/adapters/slack/context.ts';

export interface Recorded {
  method: string;
  args: Record<string, unknown>;
}

export interface Fault {
  method: string;
  error: string;
  channel?: string;
}

export function fakeClient(faults: Fault[] = []): { client: SlackClient; calls: Recorded[] } {
  const calls: Recorded[] = [];
  let seq = 0;
  const rec =
    (method: string, extra: (args: Record<string, unknown>) => Record<string, unknown> = () => ({})) =>
    async (args: Record<string, unknown>): Promise<Record<string, unknown>> => {
      calls.push({ method, args });
      const where = args.channel ?? args.channel_id;
      const fault = faults.find((f) => f.method === method && (!f.channel || f.channel === where));
      if (fault)
        throw Object.assign(new Error(`An API error occurred: ${fault.error}`), {
          code: 'slack_webapi_platform_error',
          data: { ok: false, error: fault.error },
        });
      return { ok: true, ...extra(args) };
    };
  const startStream = rec('chat.startStream', () => ({ ts: `2.${++seq}` }));
  const appendStream = rec('chat.appendStream');
  const stopStream = rec('chat.stopStream');
  const client = {
    chat: {
      postMessage: rec('chat.postMessage', () => ({ ts: `1.${++seq}` })),
      update: rec('chat.update'),
      delete: rec('chat.delete'),
      startStream,
      appendStream,
      stopStream,
    },
    views: { open: rec('views.open') },
    files: {
      uploadV2: rec('files.uploadV2'),
      info: rec('files.info', (a) => ({
        file: { id: a.file, name: 'connect.txt', size: 10, url_private_download: 'http://127.0.0.1:9/none' },
      })),
    },
    reactions: { add: rec('reactions.add') },
    conversations: {
      open: rec('conversations.open', (a) => ({ channel: { id: `D-${String(a.users)}` } })),
      replies: rec('conversations.replies', () => ({ messages: [] })),
    },
    assistant: {
      threads: {
        setStatus: rec('assistant.threads.setStatus'),
        setSuggestedPrompts: rec('assistant.threads.setSuggestedPrompts'),
        setTitle: rec('assistant.threads.setTitle'),
      },
    },
    // The SDK's chatStream helper, reduced to what it does on the wire: start on the first append, stop at the end.
    chatStream(args: Record<string, unknown>) {
      const s: { ts: string | undefined } = { ts: undefined };
      return {
        get ts() {
          return s.ts;
        },
        async append(a: { markdown_text?: string }) {
          if (!s.ts) {
            const r = await startStream({ ...args, markdown_text: a.markdown_text });
            s.ts = String(r.ts);
            return r;
          }
          return appendStream({ channel: args.channel, ts: s.ts, markdown_text: a.markdown_text });
        },
        async stop(a: Record<string, unknown> = {}) {
          return stopStream({ channel: args.channel, ts: s.ts, ...a });
        },
      };
    },
  } as unknown as SlackClient;
  return { client, calls };
}
