/**
 * CLI manners: argument errors in Chinese (exit 2), output files whose folder is missing reported as file errors,
 * a closed pipe (`| head`) ending quietly, and input that is not a question at all answered with “没有看懂”.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CommanderError } from 'commander';
import { AppError } from '../../errors.ts';

/** The first quoted name in a commander message ("unknown option '--x'" → --x). */
function quoted(message: string): string {
  return /'([^']+)'/.exec(message)?.[1] ?? '';
}

/** Commander's English parse errors as AppErrors (input_invalid, exit 2); help and version are not errors. */
export function fromCommander(e: CommanderError, command = 'xinfang'): AppError | null {
  const name = quoted(e.message);
  const help = `用 ${command} --help 查看用法。`;
  switch (e.code) {
    case 'commander.helpDisplayed':
    case 'commander.help':
    case 'commander.version':
      return null;
    case 'commander.unknownOption':
      return new AppError('input_invalid', `不认识的选项 ${name}。${help}`, { cause: e });
    case 'commander.unknownCommand':
      return new AppError('input_invalid', `没有 ${name} 这个命令。用 xinfang --help 查看全部命令。`, {
        cause: e,
      });
    case 'commander.missingArgument':
      return new AppError('input_invalid', `缺少参数 ${name}。${help}`, { cause: e });
    case 'commander.optionMissingArgument':
      return new AppError('input_invalid', `选项 ${name} 后面需要一个值。${help}`, { cause: e });
    case 'commander.missingMandatoryOptionValue':
      return new AppError('input_invalid', `必须指定选项 ${name}。${help}`, { cause: e });
    case 'commander.excessArguments':
      return new AppError('input_invalid', `参数过多。${help}`, { cause: e });
    case 'commander.conflictingOption':
      return new AppError('input_invalid', `选项冲突，不能同时使用。${help}`, { cause: e });
    default:
      return new AppError('input_invalid', `命令行参数有误。${help}`, { cause: e });
  }
}

export function isCommanderError(e: unknown): e is CommanderError {
  return e instanceof CommanderError;
}

/** `xinfang search … | head`: when the reader goes away, stop quietly instead of printing EPIPE. */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}

/** Writes an output file (.docx, .svg); a missing folder or a read-only place is the user's input to fix (exit 2). */
export async function writeOutputFile(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(file, data);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `文件夹 ${path.dirname(path.resolve(file))} 不存在`
        : code === 'EACCES' || code === 'EPERM'
          ? '没有写入权限'
          : code === 'EISDIR'
            ? '这是一个文件夹'
            : '写入失败';
    throw new AppError('input_invalid', `无法写入文件 ${file}：${why}。`, { cause });
  }
}

const HAN = /\p{Script=Han}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is looked for
const NOISE = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

/**
 * A question the assistant can read: some Chinese, and not mostly undecodable bytes or control characters.
 * “12345”, “asdf” and random bytes are not; “第31条” and “条例31条” are.
 */
export function looksLikeQuestion(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  if (t === '') return true; // empty input has its own message further on
  const noise = t.match(NOISE)?.length ?? 0;
  if (noise / [...t].length > 0.1) return false;
  return HAN.test(t);
}

const NOT_UNDERSTOOD =
  '没有看懂这句话。请用中文描述问题，例如“复查期限是多少”“多人走访最多推选几名代表”，或写明条文，例如“条例第三十一条”。';

/** Throws “没有看懂” (input_invalid) for input that is not a question at all. */
export function requireQuestion(text: string): void {
  if (!looksLikeQuestion(text)) throw new AppError('input_invalid', NOT_UNDERSTOOD);
}
