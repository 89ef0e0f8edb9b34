/**
 * Classification with a model: the model reads the decisive facts of the matter (structured output, each with
 * the words that prove it) and the same rule table as the offline engine decides the route, so no route, article or
 * deadline comes from the model. The model can only add facts the rules did not read from the words; where it reads
 * a fact differently, the rules' reading stands and the fact becomes a question. When the model's facts lead to
 * another route, the rules' route leads, the model's is listed beside it, and the questions about the facts they
 * differ on come first: a model never moves a matter on its own (into or out of the petition chain, or to
 * 不再受理). Any model failure falls back to the offline engine, which says so.
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

/** Words shorter than this prove nothing (a single 我 or 公司 is found in any text). */
const MIN_EVIDENCE = 4;

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
      const { facts, conflicts } = this.merged(text, read.facts, definitions);
      const decided = this.deps.offline.classify(text, facts);
      if (routeKey(decided) === routeKey(offline)) {
        const asked = definitions.filter((d) => conflicts.includes(d.name)).map((d) => d.question);
        return {
          ...decided,
          missingFacts: [...new Set([...asked, ...decided.missingFacts])],
          confidence:
            conflicts.length > 0 ? decided.confidence : Math.max(decided.confidence, offline.confidence, 0.8),
          explanation: `${decided.explanation}（事实由语言模型读出，与规则引擎按原文读出的结论一致；途径、依据和时限取自规则表。）`,
          engine: 'model',
        };
      }
      return { ...this.disagreement(decided, offline, definitions, conflicts), engine: 'model' };
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

  /**
   * The rules' facts, with the facts the model read that the rules did not: each known to the table and proved by
   * words of the text (at least MIN_EVIDENCE characters, found in it). A fact the model reads differently from the
   * rules is not taken; it is returned as a conflict, to be asked.
   */
  private merged(
    text: string,
    read: z.infer<typeof ModelFacts>['facts'],
    definitions: ReturnType<Classifier['factDefinitions']>,
  ): { facts: Facts; conflicts: string[] } {
    const facts: Facts = new Map(this.deps.offline.facts(text));
    const conflicts: string[] = [];
    for (const f of read) {
      const name = FactName.safeParse(f.name);
      const def = definitions.find((d) => d.name === f.name);
      const evidence = f.evidence.trim();
      const at = [...evidence].length < MIN_EVIDENCE ? -1 : text.indexOf(evidence);
      if (!name.success || !def?.values.includes(f.value) || at < 0) {
        this.deps.log.debug({ fact: f }, 'model fact dropped: unknown, or not proved by the text');
        continue;
      }
      const ruled = facts.get(name.data);
      if (ruled) {
        if (ruled.value !== f.value) conflicts.push(name.data);
        continue;
      }
      facts.set(name.data, { name: name.data, value: f.value, evidence, span: [at, at + evidence.length] });
    }
    return { facts, conflicts };
  }

  /** The rules' route leads; the model's is listed beside it, and the facts they differ on are asked first. */
  private disagreement(
    decided: Classification,
    offline: Classification,
    definitions: ReturnType<Classifier['factDefinitions']>,
    conflicts: string[],
  ): Classification {
    const value = (c: Classification, name: string) =>
      c.facts?.find((f) => f.name === name)?.value ?? '未读出';
    const differing = definitions.filter(
      (d) => conflicts.includes(d.name) || value(decided, d.name) !== value(offline, d.name),
    );
    const questions = differing.map((d) => d.question);
    return Classification.parse({
      ...offline,
      missingFacts: [...new Set([...questions, ...offline.missingFacts])],
      alternatives: [
        {
          channel: decided.channel,
          ...(decided.subchannel ? { subchannel: decided.subchannel } : {}),
          why: `语言模型读出的事实指向“${routeName(decided)}”（${ADMISSIBILITY_NAME[decided.admissibility]}），有待核实`,
        },
        ...offline.alternatives.filter(
          (a) => a.channel !== decided.channel || (a.subchannel ?? null) !== decided.subchannel,
        ),
      ],
      confidence: Math.min(offline.confidence, 0.55),
      explanation: `${offline.explanation}（语言模型从描述中读出的事实${
        differing.length > 0 ? `有${differing.length}项与规则引擎不同` : '与规则引擎不同'
      }，会导向另一途径，已列于备选；请先核实“待核实事实”中的前${Math.max(1, questions.length)}个问题，再确定途径。）`,
    });
  }
}
