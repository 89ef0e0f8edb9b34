/**
 * Slack wiring only: builds the Bolt app (Socket Mode with SLACK_APP_TOKEN, else the HTTP receiver with signature
 * verification), puts the guard middleware (de-duplication, allowlists, rate limit) in front of every surface, and
 * routes each surface to a handler function. Listener arguments are Bolt's own types; payloads we wrote ourselves
 * (button values, modal metadata) are parsed with zod in the handlers.
 */
import {
  Assistant,
  type BlockAction,
  type BlockElementAction,
  App as BoltApp,
  LogLevel,
  type RespondFn,
} from '@slack/bolt';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import { AppError, isAppError, reportFailure } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { pruneSurfaceRecords, type Retention } from '../../storage/repositories/surfaces.ts';
import { CASE_EVENT_ACTION, CASE_OPEN_ACTION } from './blocks/cases.ts';
import { FEEDBACK_ACTION } from './blocks/reply.ts';
import { type SlackClient, type SlackDeps, WorkQueue } from './context.ts';
import {
  onAgentMessage,
  onAssistantThreadStarted,
  onMessagesTabOpened,
  ViewContexts,
} from './handlers/agent.ts';
import {
  CASE_EVENT_MODAL,
  CASE_MODAL,
  caseModalErrors,
  onCaseModalSubmit,
  onEventModalSubmit,
  onHomeOpened,
  openCaseModal,
  openEventModal,
  runDailyDigest,
} from './handlers/cases.ts';
import { onCommand } from './handlers/command.ts';
import { DRAFT_MODAL, draftErrors, postDraft, readDraftState } from './handlers/draft-modal.ts';
import { type MessageEvent, onAppMention, onMessage } from './handlers/events.ts';
import { FEEDBACK_MODAL, onFeedback, onFeedbackComment } from './handlers/feedback.ts';
import { answerQuiz, parseAnswerValue, runWeeklyQuizzes, startQuiz } from './handlers/quiz.ts';
import { decodeSlackText } from './markup.ts';
import { guard } from './middleware.ts';
import { FeedbackValue, parsePayload, QuizCount } from './payloads.ts';
import { warmUp, warmUpReceiver } from './warmup.ts';
import { webClientOptions } from './web.ts';

export interface SlackRuntime {
  bolt: BoltApp;
  deps: SlackDeps;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function slackMode(config: Config): { mode: 'socket' | 'http' | null; why: string } {
  const s = config.slack;
  if (!s.botToken) return { mode: null, why: '未设置 SLACK_BOT_TOKEN' };
  if (s.appToken) return { mode: 'socket', why: '已设置 SLACK_APP_TOKEN，使用 Socket Mode' };
  if (s.signingSecret)
    return { mode: 'http', why: `已设置 SLACK_SIGNING_SECRET，在端口 ${s.port} 接收 /slack/events` };
  return {
    mode: null,
    why: '已设置 SLACK_BOT_TOKEN，但缺少 SLACK_APP_TOKEN（Socket Mode）或 SLACK_SIGNING_SECRET（HTTP）',
  };
}

const ephemeral = (respond: RespondFn) => (text: string) =>
  respond({ text, response_type: 'ephemeral', replace_original: false });

/** Runs a button handler; a failure (another user's quiz, a malformed value) is told to the clicker, not only logged. */
async function tell(
  deps: SlackDeps,
  respond: RespondFn,
  what: string,
  fn: () => Promise<void>,
): Promise<void> {
  try {
    await fn();
  } catch (e) {
    await ephemeral(respond)(reportFailure(deps.log, e, what)).catch(() => undefined);
  }
}

function actionValue(action: BlockElementAction): string | undefined {
  return 'value' in action && typeof action.value === 'string' ? action.value : undefined;
}

export function createSlackApp(
  core: App,
  config: Config,
  log: Logger,
  options: { replyDeadlineMs?: number; retention?: Partial<Retention> } = {},
): SlackRuntime {
  const { mode, why } = slackMode(config);
  if (!mode) throw new AppError('config_invalid', why);
  const s = config.slack;
  const deps: SlackDeps = {
    core,
    log,
    slack: s,
    botToken: s.botToken ?? '',
    work: new WorkQueue(),
    ...(options.replyDeadlineMs !== undefined ? { replyDeadlineMs: options.replyDeadlineMs } : {}),
  };
  const retention: Retention = { ...s.retention, ...options.retention };
  const prune = () =>
    pruneSurfaceRecords(core.db, retention)
      .then((n) => log.info(n, 'slack records pruned'))
      .catch((e: unknown) => log.error({ err: e }, 'slack records not pruned'));
  const bolt = new BoltApp({
    token: s.botToken ?? '',
    ...(mode === 'socket'
      ? { socketMode: true, appToken: s.appToken ?? '' }
      : { signingSecret: s.signingSecret ?? '', port: s.port }),
    clientOptions: webClientOptions(s.apiUrl),
    logLevel: LogLevel.WARN,
  });
  const views = new ViewContexts();

  bolt.use(guard(deps));

  // Agent messaging experience (manifest agent_view): the Messages tab and what the user is looking at.
  bolt.event('app_home_opened', async ({ event, client }) => {
    await onMessagesTabOpened(client, event);
    await onHomeOpened(deps, client, event); // the Home tab: 我的事项
  });
  bolt.event('app_context_changed', async ({ event }) => {
    const channel = event.context.entities?.find((e) => e.type === 'slack#/types/channel_id');
    views.set(event.user, typeof channel?.value === 'string' ? channel.value : undefined);
  });

  // Apps installed earlier with assistant_view keep their assistant threads.
  bolt.assistant(
    new Assistant({
      threadStarted: async ({ say, setSuggestedPrompts }) =>
        onAssistantThreadStarted({ say, setSuggestedPrompts }),
      userMessage: async ({ message, client, context }) => {
        if (message.subtype !== undefined && message.subtype !== 'file_share') return;
        if (!('user' in message) || !message.user || ('bot_id' in message && message.bot_id)) return;
        const m: MessageEvent = {
          type: 'message',
          subtype: message.subtype,
          channel: message.channel,
          channel_type: message.channel_type,
          user: message.user,
          text: message.text,
          ts: message.ts,
          thread_ts: message.thread_ts,
          files: message.files,
        };
        const text = decodeSlackText(message.text ?? '', { botUserId: context.botUserId }).text;
        await onAgentMessage(deps, client, m, text, {
          team: context.teamId,
          channel: message.channel,
          user: message.user,
          threadTs: message.thread_ts,
        });
      },
    }),
  );

  bolt.event('app_mention', async ({ event, client, context }) => {
    await onAppMention(
      deps,
      client,
      {
        type: event.type,
        subtype: event.subtype,
        channel: event.channel,
        user: event.user,
        bot_id: event.bot_id,
        text: event.text,
        ts: event.ts,
        thread_ts: event.thread_ts,
        team: event.team,
        files: event.files,
      },
      context.botUserId,
      context.teamId,
    );
  });

  bolt.message(async ({ message, client, context }) => {
    if (
      message.subtype !== undefined &&
      message.subtype !== 'file_share' &&
      message.subtype !== 'thread_broadcast'
    )
      return;
    await onMessage(
      deps,
      client,
      {
        type: 'message',
        subtype: message.subtype,
        channel: message.channel,
        channel_type: message.channel_type,
        user: message.user,
        bot_id: 'bot_id' in message ? message.bot_id : undefined,
        text: message.text,
        ts: message.ts,
        thread_ts: message.thread_ts,
        files: 'files' in message ? message.files : undefined,
      },
      context.botUserId,
      context.teamId,
    );
  });

  bolt.command('/xinfang', async ({ command, ack, respond, client }) => {
    await ack();
    await onCommand(
      deps,
      client,
      {
        text: command.text,
        user: command.user_id,
        channel: command.channel_id,
        team: command.team_id,
        triggerId: command.trigger_id,
      },
      respond,
    );
  });

  bolt.view(DRAFT_MODAL, async ({ ack, view, body, client }) => {
    const input = readDraftState(deps, view.state.values);
    const errors = draftErrors(deps, input);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    try {
      await postDraft(deps, client, input, view.private_metadata, body.user.id);
    } catch (e) {
      // The modal is closed by now: the user hears about it by DM, with an error id.
      const text = reportFailure(deps.log, e, 'draft delivery failed');
      await client.chat.postMessage({ channel: body.user.id, text }).catch(() => undefined);
    }
  });

  bolt.view(FEEDBACK_MODAL, async ({ ack, view, body }) => {
    await ack();
    await onFeedbackComment(
      deps,
      view.private_metadata,
      body.user.id,
      view.state.values.comment?.text?.value,
    );
  });

  bolt.action<BlockAction>(FEEDBACK_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    await tell(deps, respond, 'feedback failed', async () => {
      const v = parsePayload(FeedbackValue, actionValue(action), '反馈按钮', false);
      await onFeedback(
        deps,
        client,
        { answerId: v.answerId, user: body.user.id, up: v.up, triggerId: body.trigger_id },
        ephemeral(respond),
      );
    });
  });
  // The button pair of answers posted before feedback_buttons.
  for (const [id, up] of [
    ['feedback_up', true],
    ['feedback_down', false],
  ] as const) {
    bolt.action<BlockAction>(id, async ({ ack, body, action, client, respond }) => {
      await ack();
      await tell(deps, respond, 'feedback failed', async () => {
        const answerId = actionValue(action);
        if (!answerId) throw new AppError('input_invalid', '反馈按钮的数据无效，请重新操作。');
        await onFeedback(
          deps,
          client,
          { answerId, user: body.user.id, up, triggerId: body.trigger_id },
          ephemeral(respond),
        );
      });
    });
  }

  const quizAnswer = async (
    body: BlockAction,
    client: SlackClient,
    respond: RespondFn,
    ref: string | undefined,
    answer: (a: string | undefined) => string[],
  ) =>
    tell(deps, respond, 'quiz answer failed', async () => {
      const v = parseAnswerValue(ref);
      await answerQuiz(
        deps,
        client,
        {
          sessionId: v.s,
          questionId: v.q,
          answer: answer(v.a),
          user: body.user.id,
          channel: body.channel?.id ?? '',
          messageTs: body.message?.ts,
          threadTs: body.message?.thread_ts,
        },
        ephemeral(respond),
      );
    });
  bolt.action<BlockAction>(/^quiz_answer_[A-E]$/, async ({ ack, action, body, client, respond }) => {
    await ack();
    await quizAnswer(body, client, respond, actionValue(action), (a) => [a ?? '']);
  });
  bolt.action('quiz_pick', async ({ ack }) => ack());
  bolt.action<BlockAction>('quiz_submit', async ({ ack, action, body, client, respond }) => {
    await ack();
    const picked = body.state?.values?.quiz_multi?.quiz_pick?.selected_options?.map((o) => o.value) ?? [];
    await quizAnswer(body, client, respond, actionValue(action), () => picked);
  });
  bolt.action<BlockAction>(/^quiz_fill\|/, async ({ ack, action, body, client, respond }) => {
    await ack();
    await quizAnswer(body, client, respond, action.action_id.slice('quiz_fill|'.length), () => [
      actionValue(action) ?? '',
    ]);
  });
  bolt.action<BlockAction>('quiz_start', async ({ ack, body, action, client, respond }) => {
    await ack();
    await tell(deps, respond, 'quiz start failed', () =>
      startQuiz(
        deps,
        client,
        { user: body.user.id, channel: body.channel?.id ?? '', team: body.team?.id, threadTs: undefined },
        { count: QuizCount.parse(actionValue(action)) },
      ),
    );
  });

  // Case register: registration modal (登记这个事项 / 登记新事项), 记录进展 buttons and their modal.
  bolt.action<BlockAction>(CASE_OPEN_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    await tell(deps, respond, 'case modal failed', () =>
      openCaseModal(deps, client, body.trigger_id, actionValue(action)),
    );
  });
  bolt.action<BlockAction>(CASE_EVENT_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    await tell(deps, respond, 'case event modal failed', () =>
      openEventModal(deps, client, body.trigger_id, actionValue(action), body.user.id),
    );
  });
  bolt.view(CASE_MODAL, async ({ ack, view, body, client }) => {
    const errors = caseModalErrors(view.state.values);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await onCaseModalSubmit(deps, client, view.state.values, body.user.id).catch((e: unknown) =>
      client.chat.postMessage({
        channel: body.user.id,
        text: reportFailure(deps.log, e, 'case register failed'),
      }),
    );
  });
  bolt.view(CASE_EVENT_MODAL, async ({ ack, view, body, client }) => {
    await ack();
    await onEventModalSubmit(deps, client, view.private_metadata, view.state.values, body.user.id).catch(
      (e: unknown) =>
        client.chat.postMessage({
          channel: body.user.id,
          text: reportFailure(deps.log, e, 'case event failed'),
        }),
    );
  });

  bolt.error(async (error) => {
    log.error({ code: isAppError(error) ? error.code : error.code, err: error }, 'slack app error');
  });

  let timer: NodeJS.Timeout | null = null;
  const instance = `${process.pid}-${Date.now().toString(36)}`;
  return {
    bolt,
    deps,
    async start() {
      // Before listening: the first requests then find every path compiled and every table loaded.
      await warmUp(deps, bolt);
      await bolt.start();
      if (mode === 'http') await warmUpReceiver(deps, s.port, s.signingSecret ?? '');
      await prune();
      timer = setInterval(() => {
        void prune();
        runWeeklyQuizzes(deps, bolt.client).catch((e: unknown) =>
          log.error({ err: e }, 'weekly quiz failed'),
        );
        runDailyDigest(deps, bolt.client, instance).catch((e: unknown) =>
          log.error({ err: e }, 'register digest failed'),
        );
      }, 10 * 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await bolt.stop();
    },
  };
}
