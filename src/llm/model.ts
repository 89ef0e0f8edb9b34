/**
 * ChatModel: the one interface the core uses to reach a language model. The OpenAI-compatible implementation
 * (OpenAI, DeepSeek, Qwen/DashScope, vLLM, Ollama…) with timeouts and the client's retries with backoff;
 * wrappers add redaction (nothing personal leaves the machine) and a circuit breaker (fail fast to the offline
 * engine while the service is down). Token usage is logged, message contents never are.
 */
import type OpenAI from 'openai';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { type RedactionKind, redact } from './redact.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompleteOptions {
  /** JSON output: a JSON schema (structured outputs) or plain JSON mode. */
  json?: { name: string; schema: Record<string, unknown> } | true;
}

export interface ChatModel {
  readonly id: string;
  complete(messages: ChatMessage[], options?: CompleteOptions): Promise<string>;
  /** Token stream; servers without streaming yield the whole answer once. */
  stream(messages: ChatMessage[]): AsyncIterable<string>;
}

export class OpenAIChatModel implements ChatModel {
  readonly id: string;
  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    private readonly log: Logger,
  ) {
    this.id = `openai:${model}`;
  }

  async complete(messages: ChatMessage[], options: CompleteOptions = {}): Promise<string> {
    const responseFormat =
      options.json === true
        ? { type: 'json_object' as const }
        : options.json
          ? {
              type: 'json_schema' as const,
              json_schema: { name: options.json.name, schema: options.json.schema, strict: true },
            }
          : undefined;
    try {
      const res = await this.client.chat.completions.create({
        model: this.model,
        messages,
        temperature: 0.1,
        ...(responseFormat ? { response_format: responseFormat } : {}),
      });
      this.log.info({ model: this.model, usage: res.usage }, 'llm completion');
      return res.choices[0]?.message?.content ?? '';
    } catch (cause) {
      throw toLlmError(cause);
    }
  }

  async *stream(messages: ChatMessage[]): AsyncIterable<string> {
    let stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;
    try {
      stream = await this.client.chat.completions.create({
        model: this.model,
        messages,
        temperature: 0.1,
        stream: true,
        stream_options: { include_usage: true },
      });
    } catch (cause) {
      throw toLlmError(cause);
    }
    try {
      for await (const chunk of stream) {
        if (chunk.usage) this.log.info({ model: this.model, usage: chunk.usage }, 'llm stream');
        const t = chunk.choices[0]?.delta?.content;
        if (t) yield t;
      }
    } catch (cause) {
      throw toLlmError(cause);
    }
  }
}

function toLlmError(cause: unknown): AppError {
  const status = (cause as { status?: number }).status;
  return new AppError('llm_unavailable', '语言模型服务暂不可用。', {
    cause,
    detail: `llm request failed${status ? ` (HTTP ${status})` : ''}: ${cause instanceof Error ? cause.message : String(cause)}`,
  });
}

/** Redacts every message before it is sent. */
export class RedactingModel implements ChatModel {
  constructor(
    private readonly inner: ChatModel,
    private readonly kinds: RedactionKind[],
  ) {}

  get id(): string {
    return this.inner.id;
  }

  private clean(messages: ChatMessage[]): ChatMessage[] {
    return messages.map((m) => ({ ...m, content: redact(m.content, this.kinds).text }));
  }

  complete(messages: ChatMessage[], options?: CompleteOptions): Promise<string> {
    return this.inner.complete(this.clean(messages), options);
  }

  stream(messages: ChatMessage[]): AsyncIterable<string> {
    return this.inner.stream(this.clean(messages));
  }
}

/** Opens after `threshold` consecutive failures; while open, calls fail at once for `cooldownMs`. */
export class CircuitBreakerModel implements ChatModel {
  private failures = 0;
  private openUntil = 0;

  constructor(
    private readonly inner: ChatModel,
    private readonly threshold = 3,
    private readonly cooldownMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get id(): string {
    return this.inner.id;
  }

  get open(): boolean {
    return this.now() < this.openUntil;
  }

  private guard(): void {
    if (this.open) throw new AppError('llm_unavailable', '语言模型服务暂不可用（熔断中）。');
  }

  private record(ok: boolean): void {
    if (ok) this.failures = 0;
    else if (++this.failures >= this.threshold) {
      this.openUntil = this.now() + this.cooldownMs;
      this.failures = 0;
    }
  }

  async complete(messages: ChatMessage[], options?: CompleteOptions): Promise<string> {
    this.guard();
    try {
      const out = await this.inner.complete(messages, options);
      this.record(true);
      return out;
    } catch (e) {
      this.record(false);
      throw e;
    }
  }

  async *stream(messages: ChatMessage[]): AsyncIterable<string> {
    this.guard();
    try {
      for await (const t of this.inner.stream(messages)) yield t;
      this.record(true);
    } catch (e) {
      this.record(false);
      throw e;
    }
  }
}
