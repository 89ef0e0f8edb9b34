/** `xinfang quiz`: an interactive quiz in the terminal (scores kept), or a seeded question set as JSON. */
import os from 'node:os';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { AppError } from '../../errors.ts';
import type { PromptLibrary } from '../../llm/prompts.ts';
import { formatFeedback, formatQuestion, formatWeakPoints } from '../../skills/quiz/service.ts';
import { withApp } from './runtime.ts';

function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AppError('input_invalid', `${name} 应为 ${min} 到 ${max} 之间的整数。`);
  return n;
}

export function registerQuizCommand(program: Command): void {
  program
    .command('quiz')
    .description('法规知识测验：终端交互答题并记录成绩；--json 输出一组题目')
    .option('--json', '输出 {"questions":[…]}')
    .option('--count <n>', '题目数量', undefined)
    .option('--seed <s>', '随机种子（同一种子得到同一组题）', undefined)
    .option('--review', '复习以前答错的题（并补充薄弱知识点的新题）')
    .option('--weak', '我的薄弱点：按知识点统计答错情况')
    .option('--report [channel]', '培训报告：全体（或某个 Slack 频道）答错最多的知识点')
    .option(
      '--generate <articles>',
      '用语言模型为《信访工作条例》的这些条文出题（逗号分隔条号），核验通过的题目加入题库',
    )
    .action(
      async (opts: {
        json?: boolean;
        count?: string;
        seed?: string;
        review?: boolean;
        weak?: boolean;
        report?: string | boolean;
        generate?: string;
      }) => {
        if (opts.weak || opts.report) {
          await withApp(async (app) => {
            const text = opts.weak
              ? formatWeakPoints(
                  await app.quiz.weakPoints({ userId: `cli:${os.userInfo().username}` }),
                  '我的薄弱点',
                )
              : formatWeakPoints(
                  await app.quiz.weakPoints(
                    typeof opts.report === 'string' ? { channelId: opts.report } : {},
                    10,
                  ),
                  typeof opts.report === 'string'
                    ? `频道 ${opts.report} 答错最多的知识点`
                    : '全体答错最多的知识点',
                );
            process.stdout.write(`${text}\n`);
          });
          return;
        }
        if (opts.generate) {
          const articles = opts.generate.split(',').map((x) => Number(x.trim()));
          if (articles.some((n) => !Number.isInteger(n) || n < 1 || n > 50)) {
            throw new AppError(
              'input_invalid',
              '--generate 应为《信访工作条例》条号（1—50），以逗号分隔，例如 20,34,35。',
            );
          }
          await withApp(async (app) => {
            if (!app.model)
              throw new AppError(
                'config_invalid',
                '出题需要配置语言模型（OPENAI_CHAT_MODEL 与 OPENAI_API_KEY 或 OPENAI_BASE_URL）。',
              );
            const { generateQuizQuestions } = await import('../../llm/quiz-generator.ts');
            const r = await generateQuizQuestions(
              {
                model: app.model,
                prompts: app.prompts as PromptLibrary,
                library: app.library,
                bank: app.quiz.bank,
                db: app.db,
                log: app.log,
              },
              articles.map((article) => ({ law: '信访工作条例', article })),
            );
            process.stdout.write(
              `核验通过并加入题库 ${r.accepted.length} 题；未通过 ${r.rejected.length} 题。\n`,
            );
            for (const x of r.rejected) process.stdout.write(`  未通过：${x.stem}（${x.problem}）\n`);
          });
          return;
        }
        const count = intOption(opts.count, '--count', 5, 1, 50);
        const seed = intOption(opts.seed, '--seed', Math.floor(Date.now() / 1000), 0, 2 ** 31);
        if (opts.json) {
          // The app's bank: the same questions (model-written ones included) the interactive quiz and Slack use.
          const bank = await withApp(async (app) => app.quiz.bank, { wait: true });
          const questions = bank
            .pick(count, seed)
            // The fields of the --json output (the bank's chapter weighting stays internal).
            .map((q) => pick(q, QUESTION_FIELDS));
          process.stdout.write(`${JSON.stringify({ questions })}\n`);
          return;
        }
        await withApp(async (app) => {
          const user = `cli:${os.userInfo().username}`;
          const { session, first } = await app.quiz.start(user, {
            count,
            seed,
            review: Boolean(opts.review),
          });
          const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
          const lines = rl[Symbol.asyncIterator]();
          let q = first;
          let index = 0;
          while (q) {
            process.stdout.write(
              `\n${formatQuestion(q, index)}\n${q.type === 'multiple' ? '请输入全部正确选项（如 AC）' : q.type === 'fill' ? '请输入答案' : '请输入选项字母'}：`,
            );
            const next = await lines.next();
            if (next.done) break;
            const raw = String(next.value).trim();
            const given =
              q.type === 'fill'
                ? [raw]
                : raw
                    .toUpperCase()
                    .replace(/[^A-E]/g, '')
                    .split('');
            const r = await app.quiz.answer(session.id, q.id, given, user);
            if (r.status === 'expired') {
              process.stdout.write('\n本次测验已过期，请重新开始。\n');
              break;
            }
            if (r.status !== 'recorded') continue;
            process.stdout.write(`\n${formatFeedback(q, r.correct)}\n`);
            q = r.next;
            index++;
          }
          rl.close();
          const final = await app.quiz.session(session.id);
          process.stdout.write(
            `\n测验结束：共 ${final.questionIds.length} 题，答对 ${final.correct} 题，得分 ${Math.round((100 * final.correct) / Math.max(1, final.questionIds.length))}。\n`,
          );
          if (final.correct < final.answered) {
            process.stdout.write('答错的题目已加入复习计划，可用 xinfang quiz --review 复习。\n');
            const weak = await app.quiz.weakPoints({ userId: user }, 3);
            process.stdout.write(`${formatWeakPoints(weak, '我的薄弱点')}\n`);
          }
        });
      },
    );
}

const QUESTION_FIELDS = [
  'id',
  'type',
  'kind',
  'concept',
  'difficulty',
  'stem',
  'options',
  'answer',
  'explanation',
  'basis',
  'proof',
] as const;

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}
