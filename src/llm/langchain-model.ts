/**
 * Our ChatModel as a LangChain chat model, so LangChain's agent runs on the one client the rest of the code uses:
 * every agent step then passes through the same redaction, timeouts, retries and circuit breaker. (`@langchain/openai`
 * would open a second client around them, and its current releases need Node 22.) Only what the agent needs is
 * implemented: `bindTools` and one non-streaming step that may return tool calls.
 */
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { AppError } from '../errors.ts';
import type { ChatModel, ToolMessage, ToolSpec } from './model.ts';

export interface ToolCallingOptions extends BaseChatModelCallOptions {
  specs?: ToolSpec[];
}

export class LangChainChatModel extends BaseChatModel<ToolCallingOptions> {
  constructor(private readonly model: ChatModel) {
    super({});
  }

  _llmType(): string {
    return 'xinfang-openai-compatible';
  }

  override bindTools(tools: BindToolsInput[], kwargs?: Partial<ToolCallingOptions>) {
    const specs = tools.map((t): ToolSpec => {
      const f = convertToOpenAITool(t).function;
      return {
        name: f.name,
        description: f.description ?? '',
        parameters: f.parameters as Record<string, unknown>,
      };
    });
    return this.withConfig({ ...kwargs, specs });
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    _run?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    if (!this.model.completeTools)
      throw new AppError('llm_unavailable', '所配置的语言模型不支持工具调用。', {
        detail: `model ${this.model.id} has no tool calling`,
      });
    const turn = await this.model.completeTools(messages.map(toOurs), options.specs ?? []);
    const message = new AIMessage({
      content: turn.content,
      tool_calls: turn.toolCalls.map((c) => ({
        id: c.id,
        name: c.name,
        args: parseArgs(c.arguments),
        type: 'tool_call' as const,
      })),
    });
    return { generations: [{ text: turn.content, message }] };
  }
}

/** Arguments that are not a JSON object reach the tool as they are, and its schema reports the problem. */
function parseArgs(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { input: v };
  } catch {
    return { input: text };
  }
}

function textOf(m: BaseMessage): string {
  return typeof m.content === 'string'
    ? m.content
    : m.content.map((b) => ('text' in b && typeof b.text === 'string' ? b.text : '')).join('');
}

function toOurs(m: BaseMessage): ToolMessage {
  const type = m.getType();
  if (type === 'system') return { role: 'system', content: textOf(m) };
  if (type === 'human') return { role: 'user', content: textOf(m) };
  if (type === 'tool') {
    const id = (m as BaseMessage & { tool_call_id?: string }).tool_call_id ?? '';
    return { role: 'tool', toolCallId: id, content: textOf(m) };
  }
  const calls = AIMessage.isInstance(m) ? (m.tool_calls ?? []) : [];
  if (calls.length === 0) return { role: 'assistant', content: textOf(m) };
  return {
    role: 'assistant',
    content: textOf(m),
    toolCalls: calls.map((c, i) => ({
      id: c.id ?? `call_${i}`,
      name: c.name,
      arguments: JSON.stringify(c.args),
    })),
  };
}
