/**
 * Classification with a model: the model proposes category, route and admissibility (structured output, zod);
 * deterministic code then takes handling body, legal basis and time limits from the route table, so no article or
 * deadline comes from the model. Any failure falls back to the deterministic classifier, which says so.
 */
import { z } from 'zod';
import {
  Admissibility,
  ARTICLE31_ITEM,
  Category,
  Channel,
  Classification,
  Subchannel,
} from '../domain/classification.ts';
import { AppError, modelFailure } from '../errors.ts';
import type { Route } from '../knowledge/schema.ts';
import type { Logger } from '../log.ts';
import type { Classifier } from '../skills/classify/classifier.ts';
import { validateCaseText } from '../skills/classify/classifier.ts';
import { CHANNEL_NAME, SUBCHANNEL_NAME } from '../skills/classify/format.ts';
import type { ChatModel } from './model.ts';
import type { PromptLibrary } from './prompts.ts';
import { completeStructured } from './structured.ts';

const ModelClassification = z.object({
  category: Category,
  channel: Channel,
  subchannel: Subchannel.nullable(),
  admissibility: Admissibility,
  explanation: z.string(),
  missingFacts: z.array(z.string()),
});

export interface EngineClassification extends Classification {
  engine: 'model' | 'offline';
}

export class ModelClassifier {
  constructor(
    private readonly deps: {
      offline: Classifier;
      routes: Route[];
      model: ChatModel;
      prompts: PromptLibrary;
      log: Logger;
    },
  ) {}

  async classify(input: unknown): Promise<EngineClassification> {
    const text = validateCaseText(input);
    const offline = this.deps.offline.classify(text);
    const channels = Object.keys(CHANNEL_NAME)
      .map((c) => `${c}：${CHANNEL_NAME[c]}`)
      .concat(Object.keys(SUBCHANNEL_NAME).map((s) => `  subchannel ${s}：${SUBCHANNEL_NAME[s]}`))
      .join('\n');
    try {
      const { text: prompt } = await this.deps.prompts.render('classify', { channels, text });
      const m = await completeStructured(
        this.deps.model,
        [{ role: 'user', content: prompt }],
        ModelClassification,
        'classification',
      );
      const route =
        this.deps.routes.find(
          (r) => r.channel === m.channel && (r.subchannel ?? null) === (m.subchannel ?? null),
        ) ?? this.deps.routes.find((r) => r.channel === m.channel);
      if (!route || route.category !== m.category)
        throw new AppError('llm_output_invalid', '语言模型给出的分类途径没有对应的规则。', {
          detail: `model route ${m.category}/${m.channel} has no rule`,
        });
      const agrees = offline.channel === m.channel;
      const result = Classification.parse({
        category: m.category,
        channel: m.channel,
        subchannel: m.subchannel,
        article31Item: ARTICLE31_ITEM[m.channel],
        admissibility: m.admissibility,
        handlingBody: route.handlingBody,
        legalBasis: route.basis,
        timeLimits: route.deadlines.map((d) => this.deps.offline.timeLimit(d)),
        missingFacts: m.missingFacts.length > 0 ? m.missingFacts : route.questions,
        alternatives: agrees
          ? offline.alternatives
          : [
              {
                channel: offline.channel,
                ...(offline.subchannel ? { subchannel: offline.subchannel } : {}),
                why: `规则引擎判断为此途径：${offline.explanation.slice(0, 80)}`,
              },
            ],
        confidence: agrees ? Math.max(offline.confidence, 0.8) : 0.55,
        explanation: `${m.explanation}（语言模型判断；承办机关、依据和时限取自规则库。）`,
      });
      return { ...result, engine: 'model' };
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
}
