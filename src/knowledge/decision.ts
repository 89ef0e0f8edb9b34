/**
 * The classification decision tables (knowledge/decision/): the facts the classifier reads from a text (each value
 * with the words that are evidence for it), the ordered rules that decide admissibility and route from those
 * facts (each with its legal basis), and which departments have power over which matter types.
 */
import path from 'node:path';
import { z } from 'zod';
import { Admissibility, Channel, Subchannel } from '../domain/classification.ts';
import { ArticleRef } from '../domain/law.ts';
import { readJson } from './read-json.ts';

const Pattern = z.string().refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, '不是有效的正则表达式');

export const FactName = z.enum([
  'stage',
  'target',
  'misconduct',
  'ask',
  'personalDemand',
  'repeat',
  'escalate',
  'disagree',
  'noPower',
  'sanction',
  'pending',
  'adminDecision',
  'agencyAct',
  'disclosureRefused',
  'decisionMade',
  'suitAgainstAgency',
  'injuryRecognition',
  'petitionOpinion',
  'namedAdminAct',
  'actedAgainst',
  'relationship',
  'dismissed',
  'land',
  'crime',
  'newMatter',
  'dutyIgnored',
  'violation',
  'workStyle',
  'receiverMismatch',
  'paymentRelief',
]);
export type FactName = z.infer<typeof FactName>;

/** Facts that take one of several named values (absent: `none`); every other fact is yes/no (absent: `no`). */
export const NAMED_VALUE_FACTS: ReadonlySet<FactName> = new Set<FactName>([
  'stage',
  'target',
  'ask',
  'sanction',
  'relationship',
  'land',
]);

const FactValue = z.object({
  value: z.string().min(1),
  patterns: z.array(Pattern).min(1),
  /** Words near a match that take it back (以前不是同样的理由 → not a repetition). */
  unless: z.array(Pattern).optional(),
  /** Words anywhere in the text that rule the value out (四个多月过去了 → no longer pending). */
  veto: z.array(Pattern).optional(),
});

export const FactTable = z.object({
  facts: z.partialRecord(
    FactName,
    z.object({
      doc: z.string(),
      /** What to ask the officer when this fact is unknown or read differently by the model and the rules. */
      question: z.string().min(4),
      /** Only matches after the evidence of this other fact count (escalation after the matter was accepted). */
      after: FactName.optional(),
      values: z.array(FactValue).min(1),
    }),
  ),
});
export type FactTable = z.infer<typeof FactTable>;

const When = z.partialRecord(FactName, z.array(z.string().min(1)).min(1));

export const DecisionRules = z.object({
  admissibility: z.array(
    z.object({
      id: z.string(),
      when: When,
      admissibility: Admissibility.exclude(['accept']),
      basis: z.array(ArticleRef).min(1),
      reason: z.string().min(4),
    }),
  ),
  routes: z.array(
    z.object({
      id: z.string(),
      when: When,
      /** Keep the best-scoring matter type of this channel if there is one… */
      channel: Channel.optional(),
      subchannel: Subchannel.optional(),
      /** …else (or always, without `channel`) this matter type of knowledge/routes. */
      route: z.string(),
      why: z.string().min(4),
    }),
  ),
});
export type DecisionRules = z.infer<typeof DecisionRules>;

export const AgencyTable = z.object({
  receiverPatterns: z.array(Pattern).min(1),
  departments: z.array(z.object({ pattern: Pattern, domains: z.array(z.string()).min(1) })),
  routeDomains: z.record(z.string(), z.array(z.string()).min(1)),
  /** Domains with power over every matter type of a channel that has no entry of its own (courts for 涉法涉诉). */
  channelDomains: z.partialRecord(Channel, z.array(z.string()).min(1)).default({}),
  /**
   * Where the text names the agency whose act is contested (某局作出的处罚决定): a matter against an agency's act
   * belongs to that agency and its reconsideration body, so another specialised department has no power over it.
   */
  actorPatterns: z.array(Pattern).default([]),
});
export type AgencyTable = z.infer<typeof AgencyTable>;

export interface DecisionTables {
  facts: FactTable;
  rules: DecisionRules;
  agencies: AgencyTable;
}

export function loadDecisionTables(knowledgeDir: string): DecisionTables {
  const dir = path.join(knowledgeDir, 'decision');
  return {
    facts: readJson(path.join(dir, 'facts.json'), FactTable),
    rules: readJson(path.join(dir, 'rules.json'), DecisionRules),
    agencies: readJson(path.join(dir, 'agencies.json'), AgencyTable),
  };
}
