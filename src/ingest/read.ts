/** Reads an official text file: Markdown or plain text as UTF-8, Word (.docx) through mammoth. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';

const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

export async function readSource(file: string): Promise<{ text: string; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new AppError('input_invalid', `无法读取文件：${file}（文件不存在或没有读取权限）。`, { cause });
  }
  if (bytes.length === 0) throw new AppError('input_invalid', `文件为空：${file}`);
  if (bytes.length > MAX_SOURCE_BYTES) throw new AppError('input_invalid', `文件过大（超过 20MB）：${file}`);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.docx') {
    try {
      // Loaded on demand: only Word files need it, and it is heavy to import.
      const { default: mammoth } = await import('mammoth');
      const { value } = await mammoth.extractRawText({ buffer: bytes });
      return { text: value, bytes };
    } catch (cause) {
      throw new AppError('input_invalid', `无法解析 Word 文件：${file}（请确认是 .docx 格式）。`, { cause });
    }
  }
  if (!['.md', '.markdown', '.txt', ''].includes(ext)) {
    throw new AppError('input_invalid', `不支持的文件类型 ${ext}：${file}。支持 .md、.txt、.docx。`);
  }
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD'))
    throw new AppError('input_invalid', `文件不是 UTF-8 编码：${file}，请转换为 UTF-8 后再导入。`);
  return { text, bytes };
}
