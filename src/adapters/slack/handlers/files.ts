/**
 * A .docx/.txt/.md letter shared in the app's DM or the assistant's thread: downloaded with the bot token and
 * checked. Files from Slack Connect partners arrive without URLs (`file_access: "check_file_info"`) and are looked up
 * with files.info first. Counted against the per-user rate limit like any request.
 */

import { reportFailure } from '../../../errors.ts';
import { formatReport } from '../../../skills/check/report.ts';
import { renderReply } from '../blocks/reply.ts';
import { poster, type SlackClient, type SlackDeps, type Where } from '../context.ts';
import { allowOrTell } from './respond.ts';

export interface SharedFile {
  id?: string | undefined;
  name?: string | null | undefined;
  filetype?: string | undefined;
  url_private_download?: string | undefined;
  url_private?: string | undefined;
  size?: number | undefined;
  file_access?: string | undefined;
}

const MAX_BYTES = 5 * 1024 * 1024;

async function resolve(client: SlackClient, f: SharedFile): Promise<SharedFile> {
  if (f.file_access !== 'check_file_info' || !f.id) return f;
  const info = await client.files.info({ file: f.id });
  const file = info.file;
  if (!file) return f;
  return {
    ...f,
    name: file.name ?? f.name,
    size: file.size ?? f.size,
    url_private_download: file.url_private_download,
    url_private: file.url_private,
  };
}

export async function checkSharedFiles(
  deps: SlackDeps,
  client: SlackClient,
  where: Where,
  files: SharedFile[],
): Promise<void> {
  if (!(await allowOrTell(deps, client, where))) return;
  const send = poster(client, where);
  for (const shared of files) {
    try {
      const f = await resolve(client, shared);
      const name = f.name ?? '文件';
      const ext = (name.split('.').pop() ?? '').toLowerCase();
      if (!['docx', 'txt', 'md'].includes(ext)) {
        await send({ text: `暂不支持检查“${name}”：请上传 .docx、.txt 或 .md 格式的文书。` });
        continue;
      }
      if ((f.size ?? 0) > MAX_BYTES) {
        await send({ text: `“${name}”超过 5MB，请上传文书正文。` });
        continue;
      }
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
      const check = async () => deps.core.checker.check(text);
      const report = await (deps.work ? deps.work.run(check) : check());
      const body = `*${name}* 检查结果\n${formatReport(text, report)}`;
      for (const m of renderReply(body)) await send(m);
    } catch (e) {
      await send({ text: `“${shared.name ?? '文件'}”：${reportFailure(deps.log, e, 'file check failed')}` });
    }
  }
}
