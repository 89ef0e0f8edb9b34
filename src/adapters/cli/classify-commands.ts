/** `xinfang classify`: routing a petition matter. Needs only the built-in knowledge, so it opens no database. */
import type { Command } from 'commander';
import { z } from 'zod';
import { loadKnowledge } from '../../knowledge/load.ts';
import { LawLibrary } from '../../retrieval/library.ts';
import { Classifier } from '../../skills/classify/classifier.ts';
import { formatClassification } from '../../skills/classify/format.ts';
import { runJsonl } from './jsonl.ts';

export const ClassifyLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
});

export function offlineClassifier(): Classifier {
  const knowledge = loadKnowledge();
  return new Classifier(
    knowledge.routes,
    knowledge.deadlines.limits,
    LawLibrary.build(knowledge, []),
    knowledge.decision,
  );
}

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
      const classifier = offlineClassifier();
      if (opts.jsonl) {
        await runJsonl(ClassifyLine, async ({ text }) => classifier.classify(text));
        return;
      }
      const c = classifier.classify(words.join(' '));
      process.stdout.write(opts.json ? `${JSON.stringify(c)}\n` : `${formatClassification(c)}\n`);
    });
}
