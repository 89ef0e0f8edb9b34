/**
 * A fake OpenAI-compatible HTTP server on 127.0.0.1 for tests: chat completions (plain, JSON, streaming, tool
 * calls) and embeddings. Each test sets `reply` to decide what the "model" says — a script of tool calls and a final
 * text for the agent; every request body is captured.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequestBody {
  model: string;
  messages: {
    role: string;
    content: string | null;
    tool_call_id?: string;
    tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  }[];
  stream?: boolean;
  response_format?: { type: string };
  tools?: { type: 'function'; function: { name: string; description: string; parameters: unknown } }[];
}

export type FakeReply =
  | { kind: 'text'; text: string }
  /** The model calls tools (arguments as an object, or as raw text to test invalid JSON). */
  | { kind: 'tools'; calls: { name: string; args: unknown }[]; text?: string }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'hang' };

export class FakeOpenAI {
  readonly requests: { path: string; body: ChatRequestBody & Record<string, unknown> }[] = [];
  reply: (body: ChatRequestBody, index: number) => FakeReply = () => ({ kind: 'text', text: '好的。' });
  private server: Server | null = null;
  private chats = 0;

  /** Numbers the next chat request 0 again (a new script). */
  resetCount(): void {
    this.chats = 0;
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${addr.port}/v1`;
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const body = JSON.parse((await read(req)) || '{}');
      this.requests.push({ path: req.url ?? '', body });
      if (req.url?.endsWith('/embeddings')) {
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        const dim = body.dimensions ?? 8;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            object: 'list',
            data: inputs.map((t, index) => {
              const v = Array.from({ length: dim }, (_, i) => ((t.length + i) % 7) + 1);
              // The openai client asks for base64 by default and decodes it itself.
              const embedding =
                body.encoding_format === 'base64'
                  ? Buffer.from(new Float32Array(v).buffer).toString('base64')
                  : v;
              return { object: 'embedding', index, embedding };
            }),
            model: body.model,
            usage: { prompt_tokens: 1, total_tokens: 1 },
          }),
        );
        return;
      }
      const r = this.reply(body, this.chats++);
      if (r.kind === 'hang') return; // never answers: the client's timeout must fire
      if (r.kind === 'status') {
        res.statusCode = r.status;
        res.setHeader('content-type', 'application/json');
        res.end(
          r.body ?? JSON.stringify({ error: { message: 'fake error', type: 'invalid_request_error' } }),
        );
        return;
      }
      if (r.kind === 'tools') {
        res.setHeader('content-type', 'application/json');
        const n = this.chats;
        res.end(
          JSON.stringify({
            id: 'c1',
            object: 'chat.completion',
            created: 0,
            model: body.model,
            choices: [
              {
                index: 0,
                message: {
                  role: 'assistant',
                  content: r.text ?? null,
                  tool_calls: r.calls.map((c, i) => ({
                    id: `call_${n}_${i}`,
                    type: 'function',
                    function: {
                      name: c.name,
                      arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args),
                    },
                  })),
                },
                finish_reason: 'tool_calls',
              },
            ],
            usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
          }),
        );
        return;
      }
      if (body.stream) {
        res.setHeader('content-type', 'text/event-stream');
        const pieces = r.text.match(/[\s\S]{1,6}/g) ?? [];
        for (const p of pieces) {
          res.write(
            `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta: { content: p }, finish_reason: null }] })}\n\n`,
          );
        }
        res.write(
          `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`,
        );
        res.end('data: [DONE]\n\n');
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'c1',
          object: 'chat.completion',
          created: 0,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: r.text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
