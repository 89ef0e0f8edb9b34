/**
 * Slack wiring only: builds the Bolt app (Socket Mode with SLACK_APP_TOKEN, else the HTTP receiver with signature
 * verification), de-duplicates retried events in the database, and routes each surface to a handler function.
 */
import { Assistant, App as BoltApp, LogLevel } from '@slack/bolt';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { firstDelivery } from '../../storage/repositories/surfaces.ts';
import type { SlackClient, SlackDeps } from './context.ts';
import { onAssistantThreadStarted, onAssistantUserMessage } from './handlers/assistant.ts';
import { onCommand } from './handlers/command.ts';
import { DRAFT_MODAL, draftErrors, postDraft, readDraftState } from './handlers/draft-modal.ts';
import { type MessageEvent, onAppMention, onMessage } from './handlers/events.ts';
import { FEEDBACK_MODAL, onFeedback, onFeedbackComment } from './handlers/feedback.ts';
import { answerQuiz, parseAnswerValue, runWeeklyQuizzes, startQuiz } from './handlers/quiz.ts';

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

export function createSlackApp(core: App, config: Config, log: Logger): SlackRuntime {
  const { mode } = slackMode(config);
  if (!mode) throw new AppError('config_invalid', slackMode(config).why);
  const s = config.slack;
  const deps: SlackDeps = { core, log, slack: s, botToken: s.botToken ?? '' };
  const bolt = new BoltApp({
    token: s.botToken ?? '',
    ...(mode === 'socket'
      ? { socketMode: true, appToken: s.appToken ?? '' }
      : { signingSecret: s.signingSecret ?? '', port: s.port }),
    ...(s.apiUrl ? { clientOptions: { slackApiUrl: s.apiUrl } } : {}),
    logLevel: LogLevel.WARN,
  });

  // Slack retries an event it thinks went unanswered; the event id is claimed once in the database, so a retry
  // (to this or another instance) never produces a second reply.
  bolt.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !(await firstDelivery(core.db, eventId))) return;
    await next();
  });

  bolt.assistant(
    new Assistant({
      threadStarted: async ({ say, setSuggestedPrompts }) =>
        onAssistantThreadStarted({ say, setSuggestedPrompts }),
      userMessage: async ({ message, client, setStatus, context }) =>
        onAssistantUserMessage(
          deps,
          client as SlackClient,
          message as unknown as MessageEvent,
          setStatus,
          context.teamId,
        ),
    }),
  );

  bolt.event('app_mention', async ({ event, client, context }) => {
    await onAppMention(deps, client as SlackClient, event as unknown as MessageEvent, context.teamId);
  });

  bolt.message(async ({ message, client, context }) => {
    await onMessage(
      deps,
      client as SlackClient,
      message as unknown as MessageEvent,
      context.botUserId,
      context.teamId,
    );
  });

  bolt.command('/xinfang', async ({ command, ack, respond, client }) => {
    await ack();
    await onCommand(
      deps,
      client as SlackClient,
      {
        text: command.text,
        user: command.user_id,
        channel: command.channel_id,
        team: command.team_id,
        triggerId: command.trigger_id,
      },
      (m) => respond(m as never),
    );
  });

  bolt.view(DRAFT_MODAL, async ({ ack, view, body, client }) => {
    const input = readDraftState(deps, view.state.values as never);
    const errors = draftErrors(deps, input);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await postDraft(deps, client as SlackClient, input, view.private_metadata, body.user.id);
  });

  bolt.view(FEEDBACK_MODAL, async ({ ack, view }) => {
    await ack();
    await onFeedbackComment(
      deps,
      view.private_metadata,
      (view.state.values.comment?.text?.value as string | undefined) ?? undefined,
    );
  });

  for (const [id, up] of [
    ['feedback_up', true],
    ['feedback_down', false],
  ] as const) {
    bolt.action(id, async ({ ack, body, action, client, respond }) => {
      await ack();
      await onFeedback(
        deps,
        client as SlackClient,
        {
          answerId: (action as { value?: string }).value ?? '',
          user: body.user.id,
          up,
          triggerId: (body as { trigger_id?: string }).trigger_id,
        },
        (text) => respond({ text, response_type: 'ephemeral', replace_original: false }),
      );
    });
  }

  const quizAction = async (
    args: { body: unknown; client: unknown; respond: (m: never) => Promise<unknown> },
    ref: { s: string; q: string },
    answer: string[],
  ) => {
    const body = args.body as {
      user: { id: string };
      channel?: { id: string };
      message?: { ts: string; thread_ts?: string };
    };
    await answerQuiz(
      deps,
      args.client as SlackClient,
      {
        sessionId: ref.s,
        questionId: ref.q,
        answer,
        user: body.user.id,
        channel: body.channel?.id ?? '',
        messageTs: body.message?.ts,
        threadTs: body.message?.thread_ts,
      },
      (text) => args.respond({ text, response_type: 'ephemeral', replace_original: false } as never),
    );
  };
  bolt.action(/^quiz_answer_[A-E]$/, async ({ ack, action, body, client, respond }) => {
    await ack();
    const v = parseAnswerValue((action as { value?: string }).value);
    await quizAction({ body, client, respond: respond as never }, v, [v.a ?? '']);
  });
  bolt.action('quiz_pick', async ({ ack }) => ack());
  bolt.action('quiz_submit', async ({ ack, action, body, client, respond }) => {
    await ack();
    const state = (
      body as {
        state?: { values?: Record<string, Record<string, { selected_options?: { value: string }[] }>> };
      }
    ).state;
    const picked = state?.values?.quiz_multi?.quiz_pick?.selected_options?.map((o) => o.value) ?? [];
    await quizAction(
      { body, client, respond: respond as never },
      parseAnswerValue((action as { value?: string }).value),
      picked,
    );
  });
  bolt.action(/^quiz_fill\|/, async ({ ack, action, body, client, respond }) => {
    await ack();
    const a = action as { action_id: string; value?: string };
    await quizAction(
      { body, client, respond: respond as never },
      parseAnswerValue(a.action_id.slice('quiz_fill|'.length)),
      [a.value ?? ''],
    );
  });
  bolt.action('quiz_start', async ({ ack, body, action, client }) => {
    await ack();
    const b = body as { user: { id: string }; channel?: { id: string }; team?: { id: string } };
    await startQuiz(
      deps,
      client as SlackClient,
      { user: b.user.id, channel: b.channel?.id ?? '', team: b.team?.id, threadTs: undefined },
      { count: Number((action as { value?: string }).value) || 5 },
    );
  });

  bolt.error(async (error) => {
    log.error({ code: (error as { code?: string }).code, err: error.message }, 'slack app error');
  });

  let timer: NodeJS.Timeout | null = null;
  return {
    bolt,
    deps,
    async start() {
      await bolt.start();
      timer = setInterval(() => {
        runWeeklyQuizzes(deps, bolt.client as SlackClient).catch((e) =>
          log.error({ err: (e as Error).message }, 'weekly quiz failed'),
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
