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

const LawStatus = z.enum(['current', 'superseded']);

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
  /**
   * Phrases of how a question is put rather than what it is about (各位老师, 请教, 领导您好, 单选题, 来电人称…):
   * segmentation leaves them out of every index and every query, so a voice that one law's questions happen to use
   * does not become evidence for that law.
   */
  framingPhrases: z.array(z.string().min(2)).default([]),
});
export type LawRegistry = z.infer<typeof LawRegistry>;

/**
 * A thesaurus entry. A plain entry maps colloquial words to statutory ones (上访 → 走访). A concept entry names the
 * statutory concept and lists the everyday ways people describe it (回避 ← 亲戚、利害关系、自己人办自己的事); the
 * concept itself is then the first expansion, followed by any further `expand` words.
 */
const ThesaurusEntry = z
  .object({
    concept: z.string().min(1).optional(),
    terms: z.array(z.string().min(1)).min(1),
    expand: z.array(z.string().min(1)).default([]),
  })
  .refine((e) => e.concept !== undefined || e.expand.length > 0, {
    message: '同义词条目须有 concept 或 expand',
  })
  .transform((e) => ({
    ...(e.concept !== undefined ? { concept: e.concept } : {}),
    terms: e.terms,
    expand: [...new Set([...(e.concept !== undefined ? [e.concept] : []), ...e.expand])],
  }));

export const Thesaurus = z.object({ entries: z.array(ThesaurusEntry) });
export type Thesaurus = z.infer<typeof Thesaurus>;

/**
 * Document expansion (knowledge/questions/<law>.json): for each article, the questions officers and petitioners
 * actually ask about it, in everyday words (8–40: the regulation's articles carry more voices). Indexed as a
 * retrieval field of its own.
 */
export const ArticleQuestions = z
  .object({
    article: z.number().int().positive(),
    questions: z.array(z.string().trim().min(4).max(80)).min(8).max(40),
    /** Articles of the same law that say what follows when this one is breached (a duty → its liability). */
    liability: z.array(z.number().int().positive()).default([]),
  })
  .superRefine((a, ctx) => {
    const seen = new Set<string>();
    for (const [i, q] of a.questions.entries()) {
      if (seen.has(q)) ctx.addIssue({ code: 'custom', path: ['questions', i], message: `问题重复：${q}` });
      seen.add(q);
    }
  });

export const QuestionFile = z
  .object({ law: z.string().min(2), articles: z.array(ArticleQuestions).min(1) })
  .superRefine((f, ctx) => {
    const seen = new Set<number>();
    for (const [i, a] of f.articles.entries()) {
      if (seen.has(a.article))
        ctx.addIssue({ code: 'custom', path: ['articles', i], message: `第${a.article}条重复` });
      seen.add(a.article);
    }
  });
export type QuestionFile = z.infer<typeof QuestionFile>;
export type ArticleQuestions = z.infer<typeof ArticleQuestions>;

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
  /** The article that makes a law's "N日" working days (行政处罚法第85条), when the basis itself says only "N日". */
  unitBasis: z.object({ law: z.string(), article: z.number().int().positive() }).optional(),
  /** A 复议 or 诉讼 period: time in the post is not counted (民事诉讼法第85条, applied through 行政复议法第88条 and 行政诉讼法第101条). */
  postal: z.boolean().optional(),
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
  /** A catch-all of its channel: any specific matter type of the same channel that also matches is preferred. */
  generic: z.boolean().optional(),
  /** 复议前置 (行政复议法第23条): why reconsideration must come before any suit for this matter type. */
  reconsiderationFirst: z.string().min(10).optional(),
  /** Guidance shown under the route that is not a route of its own (e.g. 人民调解 beside a civil suit). */
  notes: z.array(z.string().min(4)).optional(),
  questions: z.array(z.string().min(4)),
  deadlines: z.array(z.string()),
  alternatives: z.array(
    z.object({ channel: RouteChannel, subchannel: z.string().optional(), why: z.string() }),
  ),
});
export type Route = z.infer<typeof Route>;

export const RouteFile = z.object({ routes: z.array(Route).min(1) });
