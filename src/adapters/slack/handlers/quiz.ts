/**
 * Quizzes in Slack: a question with buttons, immediate feedback with the article, then the next question; scores are
 * kept per user (a double click never counts twice), a leaderboard per channel, a weekly channel quiz, and a review
 * mode that re-asks what the user got wrong.
 */
import { isAppError } from '../../../errors.ts';
import { formatFeedback, formatWeakPoints } from '../../../skills/quiz/service.ts';
import { questionBlocks } from '../blocks/quiz.ts';
import { escapeMrkdwn } from '../blocks/text.ts';
import { poster, type SlackClient, type SlackDeps, type Where } from '../context.ts';
import { parsePayload, QuizRef } from '../payloads.ts';

export async function startQuiz(
  deps: SlackDeps,
  client: SlackClient,
  where: Where,
  options: { review?: boolean; count?: number },
): Promise<void> {
  const post = poster(client, where);
  try {
    const { session, first } = await deps.core.quiz.start(where.user, {
      channelId: where.channel,
      count: options.count ?? 5,
      ...(options.review ? { review: true } : {}),
    });
    if (!first) return;
    await post({
      text: `法规测验：${first.stem}`,
      blocks: questionBlocks(session.id, first, 0, session.questionIds.length),
    });
  } catch (e) {
    // “没有需要复习的错题” and the like are said here; anything else goes to the caller's failure reporter.
    if (isAppError(e) && e.code !== 'internal') await post({ text: e.userMessage });
    else throw e;
  }
}

export interface QuizAnswerAction {
  sessionId: string;
  questionId: string;
  answer: string[];
  user: string;
  channel: string;
  messageTs: string | undefined;
  threadTs: string | undefined;
}

/** Records an answer, replaces the question with its feedback, posts the next question or the final score. */
export async function answerQuiz(
  deps: SlackDeps,
  client: SlackClient,
  a: QuizAnswerAction,
  ephemeral: (text: string) => Promise<unknown>,
): Promise<void> {
  const r = await deps.core.quiz.answer(a.sessionId, a.questionId, a.answer, a.user);
  if (r.status === 'expired') {
    await ephemeral('这道题所在的测验已过期（测验开始后60分钟内有效），请发送 /xinfang quiz 重新开始。');
    return;
  }
  if (r.status === 'duplicate') {
    await ephemeral('这道题已经作答，成绩不会重复计算。');
    return;
  }
  if (r.status === 'not_current') {
    await ephemeral('请先回答当前的题目。');
    return;
  }
  const feedback = formatFeedback(r.question, r.correct);
  if (a.messageTs) {
    await client.chat.update({
      channel: a.channel,
      ts: a.messageTs,
      text: feedback,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(r.question.stem)}*` } },
        { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(feedback) } },
      ],
    });
  }
  const post = poster(client, { channel: a.channel, threadTs: a.threadTs });
  if (r.next) {
    await post({
      text: r.next.stem,
      blocks: questionBlocks(r.session.id, r.next, r.session.position, r.session.questionIds.length),
    });
  } else {
    const total = r.session.questionIds.length;
    const weak =
      r.session.correct < total
        ? `\n${formatWeakPoints(await deps.core.quiz.weakPoints({ userId: a.user }, 3), '你的薄弱点')}`
        : '';
    await post({
      text: `<@${a.user}> 测验结束：共 ${total} 题，答对 ${r.session.correct} 题，得分 ${Math.round((100 * r.session.correct) / total)}。${r.session.correct < total ? '答错的题目已加入复习计划，可发送 /xinfang quiz review 复习。' : ''}${weak}`,
    });
  }
}

/**
 * The concepts a channel's officers miss most (a trainer's report).
 * @wiring not yet called: the Slack command that shows it is still to be wired (see knip.jsonc).
 */
export async function teamReportText(deps: SlackDeps, channel: string): Promise<string> {
  const rows = await deps.core.quiz.weakPoints({ channelId: channel }, 10);
  return formatWeakPoints(rows, '*本频道答错最多的知识点*');
}

export async function leaderboardText(deps: SlackDeps, channel: string): Promise<string> {
  const rows = await deps.core.quiz.leaderboard(channel);
  if (rows.length === 0) return '本频道还没有测验成绩。发送 /xinfang quiz 开始测验。';
  return [
    '*本频道测验排行榜*',
    ...rows.map((r, i) => `${i + 1}. <@${r.userId}>：答对 ${r.correct} 题（共答 ${r.answered} 题）`),
  ].join('\n');
}

export function parseAnswerValue(value: string | undefined): QuizRef {
  return parsePayload(QuizRef, value, '测验按钮');
}

/** Posts the weekly quiz invitation to every channel whose schedule is due (once per day across instances). */
export async function runWeeklyQuizzes(deps: SlackDeps, client: SlackClient): Promise<number> {
  const due = await deps.core.quiz.dueWeekly();
  for (const d of due) {
    await client.chat.postMessage({
      channel: d.channelId,
      text: '本周法规测验开始了',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `*本周法规测验*：${d.count} 道题，检验《信访工作条例》掌握情况。` },
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'quiz_start',
              text: { type: 'plain_text', text: '开始答题' },
              value: String(d.count),
              style: 'primary',
            },
          ],
        },
      ],
    });
  }
  return due.length;
}
