/** The /xinfang slash command: help, ask, classify, check, deadline, draft (modal), quiz and channel settings. */

import type { KnownBlock } from '@slack/types';
import { reportFailure } from '../../../errors.ts';
import { channelMode, setChannelMode } from '../../../storage/repositories/surfaces.ts';
import { renderReply } from '../blocks/reply.ts';
import { MODE_NAMES, managesChannel, parseMode } from '../channels.ts';
import type { SlackClient, SlackDeps, Where } from '../context.ts';
import { decodeSlackText } from '../markup.ts';
import { draftModal } from './draft-modal.ts';
import { leaderboardText, startQuiz } from './quiz.ts';

const COMMAND_HELP = [
  '*信访法治助手* — /xinfang 子命令：',
  '• `/xinfang ask 问题` 依据法规回答并给出引用',
  '• `/xinfang classify 事项描述` 判断类别、法定途径、承办机关、时限',
  '• `/xinfang check 文书全文` 检查文书（也可在私信或对话线程中上传 .docx/.txt）',
  '• `/xinfang deadline 2026年3月5日受理` 计算时限（写明日期和事件：收到信访事项、受理、收到转送交办、收到处理意见书、收到复查请求…）',
  '• `/xinfang draft` 打开起草表单，生成文书和 Word 文件',
  '• `/xinfang channel` 查看本频道设置；频道创建者或管理员可用 `/xinfang channel 仅提及` 或 `/xinfang channel 回答问题`（也回答频道中直接发布的问题）更改',
  '• `/xinfang quiz [题数]`、`/xinfang quiz review`、`/xinfang quiz leaderboard`、`/xinfang quiz weekly 星期(0-6) 小时 [题数]`',
  '在频道中 @我 提问，之后同一线程内的追问无需再 @。',
].join('\n');

export interface CommandArgs {
  text: string;
  user: string;
  channel: string;
  team: string | undefined;
  triggerId: string;
}

export async function onCommand(
  deps: SlackDeps,
  client: SlackClient,
  cmd: CommandArgs,
  respond: (msg: {
    text: string;
    blocks?: KnownBlock[];
    response_type?: 'ephemeral' | 'in_channel';
  }) => Promise<unknown>,
): Promise<void> {
  // Access and the rate limit are checked by the guard middleware before this runs.
  const where: Where = { team: cmd.team, channel: cmd.channel, user: cmd.user, threadTs: undefined };
  // Commands arrive with Slack markup (should_escape: false keeps links and mentions as markup): decode once.
  const input = decodeSlackText(cmd.text).text;
  const [sub = 'help', ...restWords] = input.split(/\s+/);
  const rest = input.slice(sub.length).trim();
  try {
    switch (sub) {
      case 'draft':
        // views.open must run inside the trigger's 3 seconds: it comes first, before any other work.
        await client.views.open({ trigger_id: cmd.triggerId, view: draftModal(where) });
        return;
      case 'quiz': {
        const [mode, a, b, c] = restWords;
        if (mode === 'leaderboard' || mode === '排行') {
          await respond({ text: await leaderboardText(deps, cmd.channel), response_type: 'in_channel' });
          return;
        }
        if (mode === 'weekly') {
          const weekday = Number(a);
          const hour = Number(b);
          const count = c ? Number(c) : 5;
          if (
            !Number.isInteger(weekday) ||
            !Number.isInteger(hour) ||
            !Number.isInteger(count) ||
            count < 1 ||
            count > 20
          ) {
            await respond({ text: '用法：/xinfang quiz weekly 星期(0=周日…6=周六) 小时(0-23) [题数1-20]' });
            return;
          }
          await deps.core.quiz.setWeekly(cmd.channel, weekday, hour, count);
          await respond({
            text: `已设置：每周${'日一二三四五六'[weekday]} ${hour} 时在本频道发布 ${count} 道测验题。`,
            response_type: 'in_channel',
          });
          return;
        }
        const review = mode === 'review' || mode === '复习';
        const count = !review && mode ? Number(mode) : undefined;
        await startQuiz(deps, client, where, {
          review,
          ...(count && Number.isInteger(count) ? { count } : {}),
        });
        return;
      }
      case 'channel': {
        if (!/^[CG]/.test(cmd.channel)) {
          await respond({ text: '请在频道中使用 /xinfang channel。' });
          return;
        }
        if (rest === '') {
          const mode = await channelMode(deps.core.db, cmd.channel);
          await respond({
            text: `本频道当前：${MODE_NAMES[mode]}。频道创建者或工作区管理员可用 /xinfang channel 仅提及 或 /xinfang channel 回答问题 更改。`,
          });
          return;
        }
        const mode = parseMode(rest);
        if (!mode) {
          await respond({ text: '用法：/xinfang channel 仅提及 或 /xinfang channel 回答问题' });
          return;
        }
        if (!(await managesChannel(client, cmd.channel, cmd.user))) {
          await respond({ text: '只有频道创建者或工作区管理员可以更改本频道的设置。' });
          return;
        }
        await setChannelMode(deps.core.db, cmd.channel, mode, cmd.user);
        await respond({
          text: `已设置：本频道${MODE_NAMES[mode]}（由 <@${cmd.user}> 设置）。`,
          response_type: 'in_channel',
        });
        return;
      }
      case 'ask':
      case 'classify':
      case 'check':
      case 'deadline':
      case 'search': {
        if (rest === '') {
          await respond({ text: `请在 /xinfang ${sub} 后写明内容。\n${COMMAND_HELP}` });
          return;
        }
        const conversation = `slack-cmd:${cmd.team ?? '-'}:${cmd.channel}:${cmd.user}`;
        const message = sub === 'ask' ? rest : `/${sub} ${rest}`;
        const handle = () => deps.core.chat.handle(conversation, message);
        const reply = await (deps.work ? deps.work.run(handle) : handle());
        for (const m of renderReply(reply.text, {
          citations: reply.citations,
          library: deps.core.library,
          ...(reply.engine ? { engine: reply.engine } : {}),
        })) {
          await respond({ ...m, response_type: 'ephemeral' });
        }
        return;
      }
      default:
        await respond({ text: COMMAND_HELP });
    }
  } catch (e) {
    await respond({ text: reportFailure(deps.log, e, 'slash command failed') });
  }
}
