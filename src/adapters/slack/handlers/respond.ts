/**
 * The one flow every text surface uses (mentions, the app's DM, thread follow-ups): rate limit, a visible status,
 * the chat assistant, then the final reply with citations and feedback buttons; a finished draft is uploaded as .docx
 * (by DM when the bot cannot post where asked). Model text is streamed natively (chat.startStream / appendStream /
 * stopStream through the client's chatStream helper); where streaming is unavailable the placeholder is edited at
 * most once a second. A reply not delivered within a bounded wait replaces its placeholder with an error id.
 */
import type { ChatStreamer } from '@slack/web-api';
import { errorId, FRIENDLY_ERROR, reportFailure } from '../../../errors.ts';
import { redact } from '../../../llm/redact.ts';
import { allowRequest, saveAnswer } from '../../../storage/repositories/surfaces.ts';
import { renderReply, trailingBlocks } from '../blocks/reply.ts';
import { poster, type SlackClient, type SlackDeps, type Where } from '../context.ts';
import { deliverLetter } from '../deliver.ts';
import { decodeSlackText } from '../markup.ts';

/** Slack allows about one chat.update per second per message. */
const UPDATE_INTERVAL_MS = 1_000;
const DEFAULT_REPLY_DEADLINE_MS = 90_000;
const LOADING_MESSAGES = ['正在查询法规…', '正在核对条文…', '正在整理答复…'];

export async function allowOrTell(deps: SlackDeps, client: SlackClient, where: Where): Promise<boolean> {
  if (await allowRequest(deps.core.db, where.user, deps.slack.rateLimit)) return true;
  await poster(
    client,
    where,
  )({
    text: `请求过于频繁，请稍后再试（每人每分钟最多 ${deps.slack.rateLimit} 次）。`,
  });
  return false;
}

/** Shows progress: the thread status in the app's DM, a placeholder message in channels. */
async function showStatus(deps: SlackDeps, client: SlackClient, where: Where): Promise<string | undefined> {
  try {
    if (where.channel.startsWith('D') && where.threadTs) {
      await client.assistant.threads.setStatus({
        channel_id: where.channel,
        thread_ts: where.threadTs,
        status: '正在查询法规…',
        loading_messages: LOADING_MESSAGES,
      });
      return undefined;
    }
    return (await poster(client, where)({ text: '⏳ 正在查询法规…' })).ts;
  } catch (e) {
    deps.log.warn({ err: e }, 'status could not be shown');
    return undefined;
  }
}

/** Streams released model text into the thread; falls back to editing the placeholder when streaming fails. */
class LiveText {
  private streamer: ChatStreamer | null = null;
  private streamFailed = false;
  private lastEdit = 0;
  private editing = false;
  text = '';

  constructor(
    private readonly deps: SlackDeps,
    private readonly client: SlackClient,
    private readonly where: Where,
    private readonly placeholder: () => string | undefined,
  ) {}

  get streamTs(): string | undefined {
    return this.streamer?.ts;
  }

  push(t: string): void {
    this.text += t;
    const threadTs = this.where.threadTs;
    if (!this.streamFailed && threadTs) {
      if (!this.streamer) {
        this.streamer = this.client.chatStream({
          channel: this.where.channel,
          thread_ts: threadTs,
          ...(this.where.channel.startsWith('D')
            ? {}
            : {
                recipient_user_id: this.where.user,
                ...(this.where.team ? { recipient_team_id: this.where.team } : {}),
              }),
          buffer_size: 120,
        });
      }
      this.pending = this.pending
        .then(() => this.streamer?.append({ markdown_text: t }))
        .then(() => undefined)
        .catch((e: unknown) => {
          this.deps.log.warn({ err: e }, 'streaming unavailable; editing the placeholder instead');
          this.streamFailed = true;
          this.streamer = null;
        });
      return;
    }
    this.edit();
  }

  private pending: Promise<void> = Promise.resolve();

  /** Waits for stream calls in flight. */
  async settle(): Promise<void> {
    await this.pending;
  }

  /** Finishes the stream with the trailing blocks (citations, feedback); false when nothing was streamed. */
  async finish(remainder: string, blocks: NonNullable<Parameters<ChatStreamer['stop']>[0]>['blocks']) {
    await this.settle();
    if (!this.streamer) return false;
    await this.streamer.stop({
      ...(remainder ? { markdown_text: remainder } : {}),
      ...(blocks ? { blocks } : {}),
    });
    return true;
  }

  private edit(): void {
    const ts = this.placeholder();
    const now = Date.now();
    if (!ts || this.editing || now - this.lastEdit < UPDATE_INTERVAL_MS) return;
    this.lastEdit = now;
    this.editing = true;
    this.client.chat
      .update({ channel: this.where.channel, ts, text: `${this.text} ▍` })
      .catch(() => undefined)
      .finally(() => {
        this.editing = false;
      });
  }
}

export async function respondToText(
  deps: SlackDeps,
  client: SlackClient,
  where: Where,
  text: string,
): Promise<void> {
  const { core, log } = deps;
  if (!(await allowOrTell(deps, client, where))) return;
  const post = poster(client, where);
  let placeholderTs = await showStatus(deps, client, where);
  const conversation = `slack:${where.team ?? '-'}:${where.channel}:${where.threadTs ?? 'dm'}`;
  const live = new LiveText(deps, client, where, () => placeholderTs);

  let done = false;
  const deadline = setTimeout(() => {
    if (done) return;
    const id = errorId();
    log.error({ errorId: id, code: 'timeout' }, 'slack reply not delivered in time');
    const msg = `${FRIENDLY_ERROR(id)}（处理超时）`;
    const ts = placeholderTs;
    (ts ? client.chat.update({ channel: where.channel, ts, text: msg }) : post({ text: msg })).catch(
      () => undefined,
    );
  }, deps.replyDeadlineMs ?? DEFAULT_REPLY_DEADLINE_MS);
  deadline.unref();

  try {
    const context = core.chat === core.dialogue ? [] : await threadContext(deps, client, where, text);
    const handle = () => core.chat.handle(conversation, text, (t) => live.push(t), undefined, context);
    const reply = await (deps.work ? deps.work.run(handle) : handle());
    let answerId: string | undefined;
    if (reply.kind === 'ask') {
      answerId = await saveAnswer(core.db, {
        surface: 'slack',
        userId: where.user,
        channel: where.channel,
        question: redact(text).text,
        answer: reply.text,
        citations: reply.citations,
        engine: reply.engine ?? 'offline',
      });
    }
    const options = {
      ...(reply.kind === 'ask' || reply.kind === 'classify' || reply.kind === 'followup'
        ? { citations: reply.citations, library: core.library }
        : {}),
      ...(answerId ? { answerId } : {}),
      ...(reply.engine ? { engine: reply.engine } : {}),
    };
    const messages = renderReply(reply.text, options);

    await live.settle();
    if (live.streamTs) {
      // The streamed text stands when the final answer continues it; the trailing blocks close the stream.
      const continues = reply.text.startsWith(live.text);
      const trailing = trailingBlocks(options);
      await live.finish(
        continues ? reply.text.slice(live.text.length) : '',
        continues ? trailing : undefined,
      );
      if (!continues) {
        const [first, ...rest] = messages;
        if (first) await client.chat.update({ channel: where.channel, ts: live.streamTs, ...first });
        for (const m of rest) await post(m);
      }
      if (placeholderTs)
        await client.chat.delete({ channel: where.channel, ts: placeholderTs }).catch(() => undefined);
      placeholderTs = undefined;
    } else {
      const [first, ...rest] = messages;
      if (first) {
        if (placeholderTs) await client.chat.update({ channel: where.channel, ts: placeholderTs, ...first });
        else await post(first);
      }
      for (const m of rest) await post(m);
    }
    done = true;
    if (reply.letter) await deliverLetter(deps, client, where, [], reply.letter.text);
  } catch (e) {
    done = true;
    const msg = reportFailure(deps.log, e, 'slack reply failed');
    const ts = placeholderTs;
    // Replace the placeholder; if Slack refuses the edit too, say it in a new message rather than leave "⏳".
    const edited = ts
      ? await client.chat.update({ channel: where.channel, ts, text: msg }).then(
          () => true,
          () => false,
        )
      : false;
    if (!edited)
      await post({ text: msg }).catch((err: unknown) => log.error({ err }, 'failure message not delivered'));
  } finally {
    clearTimeout(deadline);
  }
}

/** How many earlier thread messages the model reads. */
const THREAD_CONTEXT = 10;

/**
 * With a model: the thread's earlier messages written by people (not the bot's answers, which the conversation
 * keeps, and not the message being answered), decoded. Redaction happens where every model request is redacted.
 */
async function threadContext(
  deps: SlackDeps,
  client: SlackClient,
  where: Where,
  text: string,
): Promise<string[]> {
  if (!where.threadTs) return [];
  try {
    const r = await client.conversations.replies({ channel: where.channel, ts: where.threadTs, limit: 50 });
    const people = (r.messages ?? []).filter((m) => !m.bot_id && m.text);
    const earlier = people
      .map((m) => decodeSlackText(m.text ?? '').text.trim())
      .filter((t) => t !== '' && t !== text.trim());
    return earlier.slice(-THREAD_CONTEXT);
  } catch (e) {
    deps.log.warn({ err: e }, 'thread history not read; answering without it');
    return [];
  }
}
