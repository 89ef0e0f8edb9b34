/**
 * A fake Slack Web API on 127.0.0.1, reached through Bolt's `slackApiUrl`: records every call and answers like
 * Slack (ts for messages, the external upload flow for files, auth.test), and serves private files for download.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  auth: string | undefined;
  /** The ts the fake answered with, for chat.postMessage. */
  ts?: string;
}

/** An injected failure: Slack's error for a method (optionally one channel), an HTTP status, `times` times. */
export interface ApiFault {
  method: string;
  channel?: string;
  error?: string;
  status?: number;
  retryAfter?: number;
  times?: number;
}

export class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  readonly faults: ApiFault[] = [];
  readonly files = new Map<string, Buffer>();
  private server: Server | null = null;
  private seq = 0;

  get base(): string {
    const addr = this.server?.address() as AddressInfo | null | undefined;
    return `http://127.0.0.1:${addr?.port ?? 0}`;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const url = req.url ?? '';
        if (req.method === 'GET' && url.startsWith('/files/')) {
          const f = this.files.get(url);
          if (!f || req.headers.authorization !== 'Bearer xoxb-test') {
            res.statusCode = 403;
            res.end();
            return;
          }
          res.end(f);
          return;
        }
        if (url.startsWith('/upload/')) {
          this.calls.push({ method: 'upload', args: { bytes: raw.length }, auth: req.headers.authorization });
          res.end('OK');
          return;
        }
        const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
        const type = req.headers['content-type'] ?? '';
        let args: Record<string, unknown> = {};
        const text = raw.toString('utf8');
        if (type.includes('json')) args = text ? JSON.parse(text) : {};
        else {
          for (const [k, v] of new URLSearchParams(text)) {
            try {
              args[k] = ['blocks', 'view', 'files', 'attachments'].includes(k) ? JSON.parse(v) : v;
            } catch {
              args[k] = v;
            }
          }
        }
        this.calls.push({ method, args, auth: req.headers.authorization });
        res.setHeader('content-type', 'application/json');
        const fault = this.faults.find(
          (f) =>
            f.method === method &&
            (f.times ?? 1) > 0 &&
            (!f.channel || f.channel === (args.channel ?? args.channel_id)),
        );
        if (fault) {
          fault.times = (fault.times ?? 1) - 1;
          if (fault.status) {
            res.statusCode = fault.status;
            if (fault.retryAfter !== undefined) res.setHeader('retry-after', String(fault.retryAfter));
            res.end(
              JSON.stringify({ ok: false, error: fault.status === 429 ? 'ratelimited' : 'internal_error' }),
            );
          } else res.end(JSON.stringify({ ok: false, error: fault.error ?? 'fatal_error' }));
          return;
        }
        const ts = `1700000000.${String(++this.seq).padStart(6, '0')}`;
        switch (method) {
          case 'auth.test':
            res.end(
              JSON.stringify({
                ok: true,
                user_id: 'UBOT',
                bot_id: 'BBOT',
                team_id: 'T1',
                url: 'https://x.slack.com/',
              }),
            );
            return;
          case 'conversations.open':
            res.end(JSON.stringify({ ok: true, channel: { id: `D-${String(args.users)}` } }));
            return;
          case 'chat.postMessage':
          case 'chat.update': {
            const last = this.calls.at(-1);
            if (last && method === 'chat.postMessage') last.ts = ts;
            res.end(JSON.stringify({ ok: true, channel: args.channel, ts: args.ts ?? ts }));
            return;
          }
          case 'files.getUploadURLExternal':
            res.end(
              JSON.stringify({ ok: true, upload_url: `${this.base}/upload/${ts}`, file_id: `F${this.seq}` }),
            );
            return;
          case 'files.completeUploadExternal':
            res.end(JSON.stringify({ ok: true, files: [{ id: `F${this.seq}`, title: 'x' }] }));
            return;
          default:
            res.end(JSON.stringify({ ok: true }));
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
