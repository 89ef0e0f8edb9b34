/** `xinfang classify`: routing a petition matter with the app's classifier (the model when configured). */
import type { Command } from 'commander';
import { z } from 'zod';
import { formatClassification } from '../../skills/classify/format.ts';
import { runJsonl } from './jsonl.ts';
import { withApp } from './runtime.ts';

const ClassifyLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
});

export function registerClassifyCommands(program: Command): void {
  program
    .command('classify')
    .description(
      '依法分类处理：判断类别、法定途径、承办机关、时限和需核实的关键事实；--jsonl 时逐行读取 {"id","text"}',
    )
    .argument('[text...]', '事项描述')
    .option('--jsonl', '批量模式')
    .option('--json', '输出 JSON')
    .action(async (words: string[], opts: { jsonl?: boolean; json?: boolean }) => {
      // The app's classification: the configured model when there is one (facts checked by the rule table),
      // otherwise the deterministic engine — the same as chat and Slack.
      await withApp(
        async (app) => {
          const classify = async (text: string) =>
            app.modelClassifier
              ? await app.modelClassifier.classify(text)
              : { ...app.classifier.classify(text), engine: 'offline' as const };
          if (opts.jsonl) {
            await runJsonl(app.log, ClassifyLine, async ({ text }) => ({ ...(await classify(text)) }));
            return;
          }
          const c = await classify(words.join(' '));
          process.stdout.write(opts.json ? `${JSON.stringify(c)}\n` : `${formatClassification(c)}\n`);
        },
        { wait: true },
      );
    });
}
