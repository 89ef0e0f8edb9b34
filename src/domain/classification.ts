/** Classification contract (../shared/domain/channels.md §1–§4). Codes are exact strings shared with scorers. */
import { z } from 'zod';
import { ArticleRef, LawName } from './law.ts';

export const Category = z.enum(['suggestion', 'accusation', 'claim']);
export type Category = z.infer<typeof Category>;

export const Channel = z.enum([
  'judicial',
  'arbitration',
  'party_appeal',
  'administrative_procedure',
  'duty_performance',
  'petition_procedure',
  'suggestion_handling',
  'discipline_inspection',
]);
export type Channel = z.infer<typeof Channel>;

export const Subchannel = z.enum([
  'civil_litigation',
  'administrative_litigation',
  'retrial',
  'enforcement',
  'criminal_report',
  'procuratorial_supervision',
  'labor_arbitration',
  'land_contract_arbitration',
  'commercial_arbitration',
  'party_member_appeal',
  'supervision_review',
  'administrative_reconsideration',
  'administrative_ruling',
  'administrative_confirmation',
  'administrative_license',
  'administrative_penalty',
  'information_disclosure',
  'violation_report',
  'protection_duty',
]);
export type Subchannel = z.infer<typeof Subchannel>;

/** Article 31 item of each claim channel; null for the suggestion and accusation channels. */
export const ARTICLE31_ITEM: Record<Channel, number | null> = {
  judicial: 1,
  arbitration: 2,
  party_appeal: 3,
  administrative_procedure: 4,
  duty_performance: 5,
  petition_procedure: 6,
  suggestion_handling: null,
  discipline_inspection: null,
};

export const Admissibility = z.enum([
  'accept',
  'no_longer_accepted',
  'duplicate_escalation',
  'judicial_concluded',
  'redirect',
]);
export type Admissibility = z.infer<typeof Admissibility>;

export const TimeLimit = z.object({
  what: z.string().min(1),
  limit: z.string().min(1),
  from: z.string().min(1),
  law: LawName,
  article: z.number().int().positive(),
});
export type TimeLimit = z.infer<typeof TimeLimit>;

const Alternative = z.object({
  channel: Channel,
  subchannel: Subchannel.optional(),
  why: z.string().min(1),
});

export const Classification = z
  .object({
    category: Category,
    channel: Channel,
    subchannel: Subchannel.nullable(),
    article31Item: z.number().int().min(1).max(6).nullable(),
    admissibility: Admissibility,
    handlingBody: z.string().min(1),
    legalBasis: z.array(ArticleRef).min(1),
    timeLimits: z.array(TimeLimit),
    missingFacts: z.array(z.string()),
    alternatives: z.array(Alternative),
    confidence: z.number().min(0).max(1),
    explanation: z.string(),
    /** The decisive facts read from the text, each with the words that support it (why this route). */
    facts: z
      .array(
        z.object({
          name: z.string(),
          value: z.string(),
          evidence: z.string(),
          span: z.tuple([z.number().int(), z.number().int()]),
        }),
      )
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (ARTICLE31_ITEM[c.channel] !== c.article31Item) {
      ctx.addIssue({
        code: 'custom',
        path: ['article31Item'],
        message: `途径 ${c.channel} 对应的第31条项号不符`,
      });
    }
    const expectedCategory =
      c.channel === 'suggestion_handling'
        ? 'suggestion'
        : c.channel === 'discipline_inspection'
          ? 'accusation'
          : 'claim';
    if (expectedCategory !== c.category) {
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: `类别 ${c.category} 与途径 ${c.channel} 不一致`,
      });
    }
  });
export type Classification = z.infer<typeof Classification>;
