/** A .docx/.txt/.md letter shared in a DM or in the assistant's thread: downloaded with the bot token and checked. */
import { isAppError } from '../../../errors.ts';
import { formatReport } from '../../../skills/check/report.ts';
import { renderReply } from '../blocks/reply.ts';
import { errorId, FRIENDLY_ERROR, poster, type SlackClient, type SlackDeps, type Where } from '../context.ts';

export interface SharedFile {
  name?: string;
  filetype?: string;
  url_private_download?: string;
  url_private?: string;
  size?: number;
}

const MAX_BYTES = 5 * 1024 * 1024;

export async function checkSharedFiles(
  deps: SlackDeps,
  client: SlackClient,
  where: Where,
  files: SharedFile[],
): Promise<void> {
  const send = poster(client, where);
  const post = (text: string, blocks?: unknown[]) => send({ text, ...(blocks ? { blocks } : {}) });
  for (const f of files) {
    const name = f.name ?? '文件';
    const ext = (name.split('.').pop() ?? '').toLowerCase();
    if (!['docx', 'txt', 'md'].includes(ext)) {
      await post(`暂不支持检查“${name}”：请上传 .docx、.txt 或 .md 格式的文书。`);
      continue;
    }
    if ((f.size ?? 0) > MAX_BYTES) {
      await post(`“${name}”超过 5MB，请上传文书正文。`);
      continue;
    }
    try {
      const url = f.url_private_download ?? f.url_private;
      if (!url) throw new Error('file has no download url');
      const res = await fetch(url, { headers: { Authorization: `Bearer ${deps.botToken}` } });
      if (!res.ok) throw new Error(`download failed: HTTP ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      let text: string;
      if (ext === 'docx') {
        const { default: mammoth } = await import('mammoth');
        text = (await mammoth.extractRawText({ buffer: bytes })).value;
      } else text = bytes.toString('utf8');
      const report = deps.core.checker.check(text);
      const body = `*${name}* 检查结果\n${formatReport(text, report.letterType, report.findings)}`;
      for (const m of renderReply(body)) await post(m.text, m.blocks);
    } catch (e) {
      if (isAppError(e)) {
        await post(`“${name}”：${e.userMessage}`);
        continue;
      }
      const id = errorId();
      deps.log.error({ errorId: id, err: (e as Error).message }, 'file check failed');
      await post(FRIENDLY_ERROR(id));
    }
  }
}
