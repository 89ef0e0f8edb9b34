/**
 * Classification with a model: the model reads the decisive facts of the matter (structured output, each with
 * the words that prove it) and the same rule table as the offline engine decides the route, so no route, article or
 * deadline comes from the model. When the facts the model read and the facts the rules read lead to different
 * routes, both are shown and the questions about the facts they differ on are asked first. Any model failure
 * falls back to the offline engine, which says so.
 */
import { z } from 'zod';
import { Classification } from '../domain/classification.ts';
import { modelFailure } from '../errors.ts';
import { FactName } from '../knowledge/decision.ts';
import type { Logger } from '../log.ts';
import type { Classifier } from '../skills/classify/classifier.ts';
import { validateCaseText } from '../skills/classify/classifier.ts';
import type { Facts } from '../skills/classify/facts.ts';
import { ADMISSIBILITY_NAME, CHANNEL_NAME, SUBCHANNEL_NAME } from '../skills/classify/format.ts';
import type { ChatModel } from './model.ts';
import type { PromptLibrary } from './prompts.ts';
import { completeStructured } from './structured.ts';

const ModelFacts = z.object({
  facts: z.array(z.object({ name: z.string(), value: z.string(), evidence: z.string() })),
  explanation: z.string(),
});

export interface EngineClassification extends Classification {
  engine: 'model' | 'offline';
}

/** How a classification names its route, for comparing two of them. */
function routeKey(c: Classification): string {
  return `${c.channel}/${c.subchannel ?? ''}/${c.admissibility}`;
}

function routeName(c: Classification): string {
  return c.subchannel
    ? (SUBCHANNEL_NAME[c.subchannel] ?? c.subchannel)
    : (CHANNEL_NAME[c.channel] ?? c.channel);
}

export class ModelClassifier {
  constructor(
    private readonly deps: {
      offline: Classifier;
      model: ChatModel;
      prompts: PromptLibrary;
      log: Logger;
    },
  ) {}

  async classify(input: unknown): Promise<EngineClassification> {
    const text = validateCaseText(input);
    const offline = this.deps.offline.classify(text);
    const definitions = this.deps.offline.factDefinitions();
    try {
      const { text: prompt } = await this.deps.prompts.render('classify', {
        facts: definitions.map((d) => `${d.name}：${d.question}；${d.values.join(' / ')}`).join('\n'),
        text,
      });
      const read = await completeStructured(
        this.deps.model,
        [{ role: 'user', content: prompt }],
        ModelFacts,
        'facts',
      );
      const facts = this.verified(text, read.facts, definitions);
      const decided = this.deps.offline.classify(text, facts);
      if (routeKey(decided) === routeKey(offline)) {
        return {
          ...decided,
          confidence: Math.max(decided.confidence, offline.confidence, 0.8),
          explanation: `${decided.explanation}（事实由语言模型读出，与规则引擎按原文读出的结论一致；途径、依据和时限取自规则表。）`,
          engine: 'model',
        };
      }
      return { ...this.disagreement(decided, offline, definitions), engine: 'model' };
    } catch (e) {
      // Only a named model failure is answered around; a bug or a storage failure is the caller's to report.
      const named = modelFailure(e);
      if (!named) throw e;
      this.deps.log.warn({ code: named.code, err: e }, 'model classification failed; offline engine answers');
      return {
        ...offline,
        explanation: `（语言模型不可用或输出无效，由离线规则引擎判断。）${offline.explanation}`,
        engine: 'offline',
      };
    }
  }

  /** The model's facts that the table knows and the text proves: unknown names or values and unquoted words go. */
  private verified(
    text: string,
    read: z.infer<typeof ModelFacts>['facts'],
    definitions: ReturnType<Classifier['factDefinitions']>,
  ): Facts {
    const facts: Facts = new Map();
    for (const f of read) {
      const name = FactName.safeParse(f.name);
      const def = definitions.find((d) => d.name === f.name);
      const evidence = f.evidence.trim();
      const at = evidence === '' ? -1 : text.indexOf(evidence);
      if (!name.success || !def?.values.includes(f.value) || at < 0) {
        this.deps.log.debug({ fact: f }, 'model fact dropped: unknown, or not proved by the text');
        continue;
      }
      facts.set(name.data, { name: name.data, value: f.value, evidence, span: [at, at + evidence.length] });
    }
    return facts;
  }

  /** The model's reading decides; the rules' reading is shown beside it, and the facts they differ on are asked. */
  private disagreement(
    decided: Classification,
    offline: Classification,
    definitions: ReturnType<Classifier['factDefinitions']>,
  ): Classification {
    const value = (c: Classification, name: string) =>
      c.facts?.find((f) => f.name === name)?.value ?? '未读出';
    const differing = definitions.filter((d) => value(decided, d.name) !== value(offline, d.name));
    const questions = differing.map((d) => d.question);
    return Classification.parse({
      ...decided,
      missingFacts: [...new Set([...questions, ...decided.missingFacts])],
      alternatives: [
        {
          channel: offline.channel,
          ...(offline.subchannel ? { subchannel: offline.subchannel } : {}),
          why: `规则引擎按原文词语读出的事实指向“${routeName(offline)}”（${ADMISSIBILITY_NAME[offline.admissibility]}）`,
        },
        ...decided.alternatives.filter(
          (a) => a.channel !== offline.channel || (a.subchannel ?? null) !== offline.subchannel,
        ),
      ],
      confidence: Math.min(decided.confidence, 0.55),
      explanation: `${decided.explanation}（语言模型读出的事实与规则引擎按原文读出的事实${
        differing.length > 0 ? `有${differing.length}项不一致` : '不一致'
      }，两种结论都已列出；请先核实“待核实事实”中的前${Math.max(1, questions.length)}个问题，再确定途径。）`,
    });
  }
}
