/** Slack's AI-app surface (assistant threads): greeting with suggested prompts, status while working, answers. */
import { allowed, type SlackClient, type SlackDeps } from '../context.ts';
import type { MessageEvent } from './events.ts';
import { checkSharedFiles } from './files.ts';
import { respondToText } from './respond.ts';

export const SUGGESTED_PROMPTS = [
  { title: '分类：这件事该走什么途径', message: '公司拖欠我三个月工资不发，这件事该走什么途径？' },
  { title: '起草：处理意见书', message: '帮我起草一份处理意见书' },
  { title: '检查：粘贴一份文书', message: '/check 把要检查的文书全文粘贴在这里' },
  { title: '测验：法规知识', message: '/quiz' },
  { title: '时限：什么时候到期', message: '2026年3月5日受理的，什么时候到期？' },
];

export async function onAssistantThreadStarted(args: {
  say: (msg: string) => Promise<unknown>;
  setSuggestedPrompts: (p: { prompts: typeof SUGGESTED_PROMPTS; title?: string }) => Promise<unknown>;
}): Promise<void> {
  await args.say(
    '您好，我是信访法治助手。可以问法规问题、判断事项的法定途径、起草或检查信访文书、计算时限，也可以做法规测验。',
  );
  await args.setSuggestedPrompts({ prompts: SUGGESTED_PROMPTS, title: '您可以这样开始：' });
}

export async function onAssistantUserMessage(
  deps: SlackDeps,
  client: SlackClient,
  event: MessageEvent,
  setStatus: (s: string) => Promise<unknown>,
  teamId?: string,
): Promise<void> {
  if (!event.user || event.bot_id) return;
  const where = {
    team: teamId ?? event.team,
    channel: event.channel,
    user: event.user,
    threadTs: event.thread_ts,
  };
  if (!allowed(deps, where)) return;
  if (event.files?.length) return checkSharedFiles(deps, client, where, event.files);
  const text = (event.text ?? '').trim();
  if (text === '/quiz') {
    const { startQuiz } = await import('./quiz.ts');
    await startQuiz(deps, client, where, {});
    return;
  }
  await respondToText(deps, client, where, text, { setStatus });
}
