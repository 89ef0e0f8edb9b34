/**
 * The one flow every text surface uses (mentions, DMs, thread follow-ups, the assistant pane): rate limit, a visible
 * status, the chat assistant (streaming model text into the placeholder), then the final reply with citations and
 * feedback buttons; a finished draft is uploaded as .docx. Failures become a friendly message with an error id.
 */
import { isAppError } from '../../../errors.ts';
import { redact } from '../../../llm/redact.ts';
import { letterToDocx } from '../../../skills/letters/docx.ts';
import { allowRequest, saveAnswer } from '../../../storage/repositories/surfaces.ts';
import { renderReply } from '../blocks/reply.ts';
import { errorId, FRIENDLY_ERROR, poster, type SlackClient, type SlackDeps, type Where } from '../context.ts';

const STREAM_UPDATE_MS = 800;

export async function respondToText(
  deps: SlackDeps,
  client: SlackClient,
  where: Where,
  text: string,
  options: { setStatus?: (status: string) => Promise<unknown> } = {},
): Promise<void> {
  const { core, log } = deps;
  const threadTs = where.threadTs;
  const post = poster(client, where);

  if (!(await allowRequest(core.db, where.user, deps.slack.rateLimit))) {
    await post({ text: `请求过于频繁，请稍后再试（每人每分钟最多 ${deps.slack.rateLimit} 次）。` });
    return;
  }
  let placeholderTs: string | undefined;
  try {
    if (options.setStatus) await options.setStatus('正在查询法规…');
    else placeholderTs = (await post({ text: '⏳ 正在查询法规…' })).ts;
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'status could not be shown');
  }

  const conversation = `slack:${where.team ?? '-'}:${where.channel}:${threadTs ?? 'dm'}`;
  let streamed = '';
  let lastUpdate = 0;
  const onText = (t: string) => {
    streamed += t;
    const now = Date.now();
    if (now - lastUpdate < STREAM_UPDATE_MS) return;
    lastUpdate = now;
    if (placeholderTs) {
      client.chat
        .update({ channel: where.channel, ts: placeholderTs, text: `${streamed} ▍` } as never)
        .catch(() => undefined);
    }
  };

  try {
    const reply = await core.chat.handle(conversation, text, onText);
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
    const messages = renderReply(reply.text, {
      ...(reply.kind === 'ask' || reply.kind === 'classify' || reply.kind === 'followup'
        ? { citations: reply.citations, library: core.library }
        : {}),
      ...(answerId ? { answerId } : {}),
      ...(reply.engine ? { engine: reply.engine } : {}),
    });
    const [first, ...rest] = messages;
    if (first) {
      if (placeholderTs)
        await client.chat.update({
          channel: where.channel,
          ts: placeholderTs,
          text: first.text,
          blocks: first.blocks,
        } as never);
      else await post(first);
    }
    for (const m of rest) await post(m);
    if (reply.letter) await uploadLetter(client, where, reply.letter.text);
  } catch (e) {
    const id = errorId();
    log.error(
      {
        errorId: id,
        code: isAppError(e) ? e.code : 'internal',
        err: isAppError(e) ? e.cause : (e as Error).message,
      },
      'slack reply failed',
    );
    const msg = FRIENDLY_ERROR(id);
    if (placeholderTs)
      await client.chat
        .update({ channel: where.channel, ts: placeholderTs, text: msg } as never)
        .catch(() => undefined);
    else await post({ text: msg }).catch(() => undefined);
  }
}

export async function uploadLetter(client: SlackClient, where: Where, letterText: string): Promise<void> {
  const file = await letterToDocx(letterText);
  const title =
    letterText
      .split('\n')
      .find((l) => /(意见书|告知书)$/.test(l.trim()))
      ?.trim() ?? '信访文书';
  await client.files.uploadV2({
    channel_id: where.channel,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    file,
    filename: `${title}.docx`,
    title,
    initial_comment: '已生成 Word 文件（按公文格式排版），请核对后用印。',
  } as never);
}
