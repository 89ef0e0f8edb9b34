/** The format of the files in /knowledge (our own words, never official text). Validated at load. */
import { z } from 'zod';
import { Channel } from '../domain/classification.ts';

export const KnowledgeArticle = z.object({
  article: z.number().int().positive(),
  chapter: z.number().int().positive().optional(),
  section: z.number().int().positive().optional(),
  title: z.string().min(2),
  points: z.array(z.string().min(4)).min(1),
  items: z.record(z.string().regex(/^\d+$/), z.string().min(2)).optional(),
  keywords: z.array(z.string().min(1)).default([]),
});
export type KnowledgeArticle = z.infer<typeof KnowledgeArticle>;

export const LawStatus = z.enum(['current', 'superseded']);

export const KnowledgeLaw = z
  .object({
    law: z.string().min(2),
    title: z.string().min(2),
    version: z.string().regex(/^\d{4}$/),
    effectiveFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    status: LawStatus,
    /** Number of articles of the official text (the built-in file may describe only some of them). */
    articleCount: z.number().int().positive(),
    aliases: z.array(z.string()).default([]),
    chapters: z.array(z.object({ no: z.number().int().positive(), title: z.string() })).optional(),
    articles: z.array(KnowledgeArticle).min(1),
  })
  .superRefine((law, ctx) => {
    const seen = new Set<number>();
    for (const [i, a] of law.articles.entries()) {
      if (seen.has(a.article))
        ctx.addIssue({ code: 'custom', path: ['articles', i], message: `第${a.article}条重复` });
      seen.add(a.article);
    }
  });
export type KnowledgeLaw = z.infer<typeof KnowledgeLaw>;

export const LawRegistry = z.object({
  laws: z.array(
    z.object({
      law: z.string(),
      title: z.string(),
      version: z.string(),
      status: LawStatus,
      supersededBy: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
  defaultLaw: z.string(),
  /** Words that point a question to another law; without them the default law is preferred. */
  otherLawCues: z.array(z.string()).default([]),
});
export type LawRegistry = z.infer<typeof LawRegistry>;

export const Thesaurus = z.object({
  entries: z.array(
    z.object({ terms: z.array(z.string().min(1)).min(1), expand: z.array(z.string().min(1)).min(1) }),
  ),
});
export type Thesaurus = z.infer<typeof Thesaurus>;

export const DeadlineRule = z.object({
  code: z.string(),
  what: z.string(),
  amount: z.number().int().positive(),
  unit: z.enum(['day', 'workday', 'month', 'year']),
  event: z.string().optional(),
  party: z.enum(['authority', 'petitioner']),
  from: z.string(),
  after: z.string().optional(),
  basis: z.object({ law: z.string(), article: z.number().int().positive() }),
  note: z.string().optional(),
});
export type DeadlineRule = z.infer<typeof DeadlineRule>;

export const DeadlineRules = z.object({
  limits: z.array(DeadlineRule).min(1),
  events: z.record(z.string(), z.string()),
});
export type DeadlineRules = z.infer<typeof DeadlineRules>;

const RouteChannel = Channel;

/** A matter type of the routing knowledge base (knowledge/routes/*.json). Codes as in channels.md. */
export const Route = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  name: z.string().min(2),
  category: z.enum(['suggestion', 'accusation', 'claim']),
  channel: RouteChannel,
  subchannel: z.string().nullable(),
  handlingBody: z.string().min(2),
  basis: z.array(z.object({ law: z.string(), article: z.number().int().positive() })).min(1),
  cues: z.array(z.string().min(1)),
  patterns: z.array(z.string()).optional(),
  requires: z.array(z.string()).optional(),
  excludes: z.array(z.string()).optional(),
  priority: z.number().optional(),
  questions: z.array(z.string().min(4)),
  deadlines: z.array(z.string()),
  alternatives: z.array(
    z.object({ channel: RouteChannel, subchannel: z.string().optional(), why: z.string() }),
  ),
});
export type Route = z.infer<typeof Route>;

export const RouteFile = z.object({ routes: z.array(Route).min(1) });
