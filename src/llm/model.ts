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

/** A tool the model may call: name, description and JSON schema of its arguments. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

interface ToolCall {
  id: string;
  name: string;
  /** The arguments as the model wrote them (JSON text). */
  arguments: string;
}

/** The messages of a tool-calling exchange: the assistant's calls and each tool's result. */
export type ToolMessage =
  | ChatMessage
  | { role: 'assistant'; content: string; toolCalls: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ToolTurn {
  content: string;
  toolCalls: ToolCall[];
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
  /** One step of a tool-calling exchange (OpenAI `tools`); absent on models that cannot call tools. */
  completeTools?(messages: ToolMessage[], tools: ToolSpec[]): Promise<ToolTurn>;
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

  async completeTools(messages: ToolMessage[], tools: ToolSpec[]): Promise<ToolTurn> {
    try {
      const res = await this.client.chat.completions.create({
        model: this.model,
        messages: messages.map(toOpenAIMessage),
        temperature: 0.1,
        ...(tools.length > 0
          ? {
              tools: tools.map((t) => ({
                type: 'function' as const,
                function: { name: t.name, description: t.description, parameters: t.parameters },
              })),
            }
          : {}),
      });
      this.log.info({ model: this.model, usage: res.usage }, 'llm tool step');
      const message = res.choices[0]?.message;
      return {
        content: message?.content ?? '',
        toolCalls: (message?.tool_calls ?? []).flatMap((c) =>
          c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [],
        ),
      };
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

function toOpenAIMessage(m: ToolMessage): OpenAI.Chat.Completions.ChatCompletionMessageParam {
  if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  if ('toolCalls' in m)
    return {
      role: 'assistant',
      content: m.content || null,
      tool_calls: m.toolCalls.map((c) => ({
        id: c.id,
        type: 'function' as const,
        function: { name: c.name, arguments: c.arguments },
      })),
    };
  return m;
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

  /** Every step of a tool exchange is redacted too: tool results and the arguments of earlier calls. */
  completeTools(messages: ToolMessage[], tools: ToolSpec[]): Promise<ToolTurn> {
    const inner = this.inner;
    if (!inner.completeTools) return Promise.reject(noTools(inner));
    const r = (t: string) => redact(t, this.kinds).text;
    return inner.completeTools(
      messages.map((m) =>
        'toolCalls' in m
          ? {
              ...m,
              content: r(m.content),
              toolCalls: m.toolCalls.map((c) => ({ ...c, arguments: r(c.arguments) })),
            }
          : { ...m, content: r(m.content) },
      ),
      tools,
    );
  }
}

function noTools(model: ChatModel): AppError {
  return new AppError('llm_unavailable', '所配置的语言模型不支持工具调用。', {
    detail: `model ${model.id} has no tool calling`,
  });
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

  async completeTools(messages: ToolMessage[], tools: ToolSpec[]): Promise<ToolTurn> {
    this.guard();
    if (!this.inner.completeTools) throw noTools(this.inner);
    try {
      const out = await this.inner.completeTools(messages, tools);
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
