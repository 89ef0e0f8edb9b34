/**
 * Slack's agent messaging experience (manifest `agent_view`): the app's Messages tab is the conversation. Opening it
 * (`app_home_opened`, tab "messages") sets up to four suggested prompts; `app_context_changed` tells what the user is
 * looking at. Apps installed with the older `assistant_view` still get `assistant_thread_started` and their thread
 * messages, answered the same way. Every prompt works when clicked.
 */
import type { AssistantThreadsSetSuggestedPromptsArguments } from '@slack/web-api';
import type { SlackClient, SlackDeps, Where } from '../context.ts';
import type { MessageEvent } from './events.ts';
import { checkSharedFiles } from './files.ts';
import { respondToText } from './respond.ts';

/** Slack shows at most four suggested prompts. */
export const SUGGESTED_PROMPTS = [
  { title: '分类：这件事该走什么途径', message: '公司拖欠我三个月工资不发，这件事该走什么途径？' },
  { title: '起草：处理意见书', message: '帮我起草一份处理意见书' },
  { title: '检查：信访文书', message: '检查文书' },
  { title: '时限：什么时候到期', message: '2026年3月5日受理的，什么时候到期？' },
] as const satisfies readonly { title: string; message: string }[];

const PROMPTS_TITLE = '您好，我是信访法治助手。可以这样开始：';

const GREETING =
  '您好，我是信访法治助手。可以问法规问题、判断事项的法定途径、起草或检查信访文书、计算时限；发送“测验”做法规测验。';

/** What the "检查文书" prompt (and the same words typed) answers: how to hand over a letter. */
const CHECK_HOW =
  '请把要检查的文书作为 .docx、.txt 或 .md 文件上传到这里，或发送“/check ”加文书全文（例如：/check 信访事项处理意见书……），我会逐项检查事实、依据、结论和救济告知。';

/** What the user is looking at, from `app_context_changed`, kept per runtime (never module state). */
export class ViewContexts {
  private readonly byUser = new Map<string, { channel?: string; at: number }>();
  set(user: string, channel: string | undefined): void {
    this.byUser.set(user, { ...(channel ? { channel } : {}), at: Date.now() });
    if (this.byUser.size > 10_000) {
      const oldest = this.byUser.keys().next().value;
      if (oldest !== undefined) this.byUser.delete(oldest);
    }
  }
  channelOf(user: string): string | undefined {
    return this.byUser.get(user)?.channel;
  }
}

function prompts(channelId: string): AssistantThreadsSetSuggestedPromptsArguments {
  // Under agent_view a thread_ts makes the call fail silently, so the prompts are set on the DM itself.
  return {
    channel_id: channelId,
    prompts: [...SUGGESTED_PROMPTS],
    title: PROMPTS_TITLE,
  } as AssistantThreadsSetSuggestedPromptsArguments;
}

/** The user opened the app's Messages tab: offer the suggested prompts. */
export async function onMessagesTabOpened(
  client: SlackClient,
  event: { tab?: string | undefined; channel: string; user: string },
): Promise<void> {
  if (event.tab !== 'messages') return;
  await client.assistant.threads.setSuggestedPrompts(prompts(event.channel));
}

/** Legacy assistant_view: a new assistant thread gets the greeting and the prompts. */
export async function onAssistantThreadStarted(args: {
  say: (msg: string) => Promise<unknown>;
  setSuggestedPrompts: (p: {
    prompts: { title: string; message: string }[];
    title?: string;
  }) => Promise<unknown>;
}): Promise<void> {
  await args.say(GREETING);
  await args.setSuggestedPrompts({ prompts: [...SUGGESTED_PROMPTS], title: PROMPTS_TITLE });
}

/** A message in the app's DM (agent view, or an assistant_view thread): files, prompts, quiz, or the text flow. */
export async function onAgentMessage(
  deps: SlackDeps,
  client: SlackClient,
  event: MessageEvent,
  text: string,
  where: Where,
): Promise<void> {
  if (event.files?.length) return checkSharedFiles(deps, client, where, event.files);
  if (text === '') return;
  // A top-level message starts a new conversation thread in the Messages tab: name it after the question. Not
  // awaited: the title is one more round trip that the status and the answer need not wait for.
  if (where.threadTs && event.thread_ts === undefined)
    void client.assistant.threads
      .setTitle({ channel_id: where.channel, thread_ts: where.threadTs, title: text.slice(0, 60) })
      .catch((e: unknown) => deps.log.warn({ err: e }, 'thread title not set'));
  if (text === '检查文书' || text === '/check') {
    await client.chat.postMessage({
      channel: where.channel,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      text: CHECK_HOW,
    });
    return;
  }
  if (text === '/quiz' || text === '测验' || text === '法规测验') {
    const { startQuiz } = await import('./quiz.ts');
    await startQuiz(deps, client, where, {});
    return;
  }
  await respondToText(deps, client, where, text);
}
