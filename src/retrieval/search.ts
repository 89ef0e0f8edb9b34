/**
 * Hybrid article search: direct article lookup first, then BM25 over three fields (body, heading, everyday
 * questions; jieba words + bigrams, thesaurus expansion) and a naive Bayes article model over the same knowledge,
 * each normalised by its best score and summed, plus pgvector nearest neighbours by rank. Priors follow: the law the question speaks of (naive-bayes.ts), the quantity
 * or consequence it asks for (intent.ts). Returns article-level hits with a snippet and the words that matched.
 */
import { MAX_QUERY_CHARS } from '../domain/search.ts';
import { AppError } from '../errors.ts';
import type { Thesaurus } from '../knowledge/schema.ts';
import type { Db } from '../storage/db.ts';
import { loadChunks, nearestChunks } from '../storage/repositories/chunks.ts';
import { officialArticle } from '../storage/repositories/laws.ts';
import { Bm25Index, type WeightedTerm } from './bm25.ts';
import type { Catalog } from './catalog.ts';
import type { Embedder } from './embedder.ts';
import { decodeTerms } from './fields.ts';
import {
  asksConsequence,
  INTENT_BASE_SHARE,
  INTENT_BOOST,
  type Intent,
  quantitySubject,
  queryIntents,
} from './intent.ts';
import { displayText, headText, type LawLibrary, type LibraryArticle } from './library.ts';
import { type LabelledWords, NaiveBayes } from './naive-bayes.ts';
import { type ArticleReference, findReferences, isPureReference } from './references.ts';
import type { Tokenizer } from './tokenize.ts';

export interface SearchHit {
  law: string;
  article: number;
  sub: number;
  label: string;
  /** Our title of the article (built-in knowledge); null for an article known only from an ingested text. */
  title: string | null;
  path: string;
  score: number;
  snippet: string;
  via: ('reference' | 'lexical' | 'vector')[];
  /** Raw BM25 score (0 when the article matched no query word): how strongly the words themselves match. */
  lexicalScore: number;
  /** The question's words (or their statutory equivalents) found in the article, its title or its questions. */
  matched: string[];
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  references: ArticleReference[];
  /** Things the officer must be told (unknown article, superseded law named…). */
  notices: string[];
  /**
   * Articles of a superseded law asked for by name (《信访条例》第十条), when its text was ingested: shown for
   * comparison only, never among the hits, so no answer or citation can rest on them.
   */
  superseded: SupersededArticle[];
}

interface SupersededArticle {
  law: string;
  version: string;
  article: number;
  label: string;
  /** The law that replaced it. */
  supersededBy: string;
  snippet: string;
}

export interface SearchOptions {
  limit?: number;
  /** Fusion weights; lexical carries most of the signal on statute text. */
  weights?: { lexical: number; vector: number };
}

const RRF_K = 60;
/** The scale of one field's best hit: a lexical field contributes up to weight / (RRF_K + 1), as a first rank did. */
const FIELD_SCALE = 1 / (RRF_K + 1);

/** The ranking's weights: one object, so that scripts/tune-search.ts can fit them by cross-validation. */
export interface SearchTuning {
  /** Weight of a thesaurus expansion term relative to a word of the question. */
  expansion: number;
  /** Multiplier of articles with curated key points. */
  curated: number;
  /** Multiplier of the regulation when no other law is in sight. */
  defaultLaw: number;
  /** Field weights: title and keywords, everyday questions (the body is 1). */
  head: number;
  question: number;
  /** Multiplier of a law the question names. */
  namedLaw: number;
  /** How much the law prior can lift an article: ×(1 + lawPrior × P(law | question)). */
  lawPrior: number;
  /** Weight of the vector neighbours' rank fusion. */
  vector: number;
  /** Prior share of the regulation in the law prior (the rest is shared by the other laws' question counts). */
  regulationShare: number;
  /** Weight of an article's n-th best matching question relative to its best: questionDecay^(n-1). */
  questionDecay: number;
  /** Weight of the article model (naive Bayes over each article's questions, heading and text). */
  articleModel: number;
}

/** Fitted by coordinate search on the tuning sets (eval/search-*, both deployments; scripts/tune-search.ts). */
export const DEFAULT_TUNING: Readonly<SearchTuning> = Object.freeze({
  expansion: 0.6,
  curated: 1.2,
  defaultLaw: 1.5,
  head: 0.3,
  question: 4,
  namedLaw: 1.5,
  lawPrior: 0.3,
  vector: 1,
  regulationShare: 0.5,
  questionDecay: 0.4,
  articleModel: 1,
});
/** Articles below this share of the article model's best posterior get nothing from it (they are noise). */
const ARTICLE_MODEL_FLOOR = 0.01;
const MAX_MATCHED = 6;

function validateQuery(query: unknown): string {
  if (typeof query !== 'string' || query.trim() === '')
    throw new AppError('input_invalid', '查询内容为空，请输入要查询的问题或条文。');
  const q = query.trim();
  if (q.length > MAX_QUERY_CHARS) {
    throw new AppError(
      'input_invalid',
      `查询内容过长（${q.length} 字），请控制在 ${MAX_QUERY_CHARS} 字以内。`,
    );
  }
  return q;
}

export class Searcher {
  private constructor(
    private readonly db: Db,
    readonly library: LawLibrary,
    readonly catalog: Catalog,
    private readonly tokenizer: Tokenizer,
    private readonly embedder: Embedder | null,
    private readonly thesaurus: Thesaurus,
    private readonly bm25: Bm25Index,
    private readonly otherLawCues: string[] = [],
    /** A second field: each article's title and keywords only, so a short exact match is not drowned by length. */
    private readonly heads: Bm25Index = new Bm25Index(),
    /** A third field: the everyday questions written for each article (document expansion), one doc each. */
    private readonly questions: Bm25Index = new Bm25Index(),
    /** Which law a question's words speak of, learned from each law's questions, titles and keywords. */
    private readonly lawModel: NaiveBayes = new NaiveBayes([]),
    /** Which article's questions and text a question resembles as a whole (a fourth field). */
    private readonly articleModel: NaiveBayes = new NaiveBayes([]),
  ) {
    for (const a of library.all()) {
      for (const id of a.liability) this.dutiesOf.set(id, [...(this.dutiesOf.get(id) ?? []), a.id]);
    }
  }

  /** The ranking's weights; scripts may set them to fit new values, the service keeps the defaults. */
  tuning: SearchTuning = { ...DEFAULT_TUNING };

  /** Liability article id → the articles whose breach it sanctions (knowledge/questions `liability`, reversed). */
  private readonly dutiesOf = new Map<string, string[]>();

  static async create(deps: {
    db: Db;
    library: LawLibrary;
    catalog: Catalog;
    tokenizer: Tokenizer;
    embedder: Embedder | null;
    thesaurus: Thesaurus;
    otherLawCues?: string[];
  }): Promise<Searcher> {
    // Every field's terms were computed once at sync and stored with the chunk: nothing is segmented here.
    const bm25 = new Bm25Index();
    const heads = new Bm25Index();
    const questions = new Bm25Index();
    const lawDocs: LabelledWords[] = [];
    const articleDocs: LabelledWords[] = [];
    for (const c of await loadChunks(deps.db)) {
      const fields = decodeTerms(c.terms);
      bm25.add(c.id, fields.body);
      if (fields.head.length > 0) heads.add(c.id, fields.head);
      // One document per question: an article is as close as its closest question.
      for (const q of fields.questions) questions.add(c.id, q);
      // The words of the heading and of each question, read once for both models.
      const docs = [...(fields.head.length > 0 ? [fields.head] : []), ...fields.questions].map(wordsOf);
      const law = deps.library.byKey(c.id)?.law;
      if (law) for (const words of docs) lawDocs.push({ label: law, words });
      for (const words of docs) articleDocs.push({ label: c.id, words });
      articleDocs.push({ label: c.id, words: wordsOf(fields.body) });
    }
    return new Searcher(
      deps.db,
      deps.library,
      deps.catalog,
      deps.tokenizer,
      deps.embedder,
      deps.thesaurus,
      bm25,
      deps.otherLawCues ?? [],
      heads,
      questions,
      new NaiveBayes(lawDocs),
      new NaiveBayes(articleDocs),
    );
  }

  /** Query terms with thesaurus expansion: colloquial words also search their statutory equivalents. */
  queryTerms(query: string, own: string[] = this.tokenizer.terms(query)): WeightedTerm[] {
    const weights = new Map<string, number>();
    const add = (terms: string[], w: number) => {
      for (const t of terms) weights.set(t, Math.max(weights.get(t) ?? 0, w));
    };
    add(own, 1);
    for (const entry of this.thesaurus.entries) {
      if (entry.terms.some((t) => query.includes(t)))
        add(this.tokenizer.terms(entry.expand.join(' ')), this.tuning.expansion);
    }
    return [...weights.entries()].map(([term, weight]) => ({ term, weight }));
  }

  async search(rawQuery: unknown, options: SearchOptions = {}): Promise<SearchResult> {
    const query = validateQuery(rawQuery);
    const limit = options.limit ?? 10;
    const weights = options.weights ?? { lexical: 1, vector: this.tuning.vector };
    const notices: string[] = [];
    const references = findReferences(query, this.catalog);
    const scores = new Map<string, { score: number; via: Set<SearchHit['via'][number]> }>();
    const lexicalScores = new Map<string, number>();
    const bump = (id: string, s: number, via: SearchHit['via'][number]) => {
      const cur = scores.get(id) ?? { score: 0, via: new Set() };
      cur.score += s;
      cur.via.add(via);
      scores.set(id, cur);
    };

    // 1. Direct article lookup.
    const superseded: SupersededArticle[] = [];
    for (const [i, ref] of references.entries()) {
      const info = this.catalog.get(ref.law);
      if (info?.status === 'superseded') {
        const supersededBy = info.supersededBy ?? this.catalog.defaultLaw;
        notices.push(
          `《${ref.law}》（${info.version}）已被《${supersededBy}》取代，不是现行依据。${info.note ?? ''}`,
        );
        const old = await officialArticle(this.db, ref.law, ref.article, ref.sub);
        if (old)
          superseded.push({
            law: old.law,
            version: old.version,
            article: old.article,
            label: old.label,
            supersededBy,
            snippet: clip(old.body, 120),
          });
        continue;
      }
      const a = this.library.get(ref.law, ref.article, ref.sub);
      if (!a) {
        const exists = this.library.articleExists(ref.law, ref.article);
        notices.push(
          exists === false
            ? `《${ref.law}》共${this.library.articleCount(ref.law)}条，没有第${ref.article}条。`
            : `知识库中尚无《${ref.law}》第${ref.article}条的内容，可用 xinfang ingest 载入该法正式文本。`,
        );
        continue;
      }
      bump(a.id, 100 - i, 'reference');
    }

    const pure = references.length > 0 && isPureReference(query, references);
    // The question's own index terms (segmented once, also read by the article model), then with thesaurus
    // expansion for every field, prior and display.
    const own = pure ? [] : this.tokenizer.terms(query);
    const terms = pure ? [] : this.queryTerms(query, own);
    if (!pure) {
      // 2. Lexical BM25 over three fields, each scaled by its own best score so that how much better the first
      // article matches survives the fusion (rank fusion made a clear winner and a near tie look the same).
      const field = (hits: { id: string; score: number }[], weight: number) => {
        const best = Math.max(0, ...hits.map((h) => h.score));
        if (best <= 0) return;
        for (const h of hits)
          bump(h.id, (weights.lexical * weight * FIELD_SCALE * h.score) / best, 'lexical');
      };
      const lexical = this.bm25.search(terms, 100);
      for (const h of lexical) lexicalScores.set(h.id, h.score);
      field(lexical, 1);
      // 2b. Title and keyword field, at a lower weight (a BM25F-like field boost).
      field(this.heads.search(terms, 30), this.tuning.head);
      // 2c. Everyday questions (document expansion): an article scores as its best-matching question, plus its
      // next ones at a geometrically falling weight (several questions of one article matching is evidence too).
      const questionScore = new Map<string, number>();
      const questionsSeen = new Map<string, number>();
      for (const h of this.questions.search(terms, 300)) {
        const n = questionsSeen.get(h.id) ?? 0;
        questionsSeen.set(h.id, n + 1);
        questionScore.set(h.id, (questionScore.get(h.id) ?? 0) + h.score * this.tuning.questionDecay ** n);
      }
      field(
        [...questionScore.entries()].map(([id, score]) => ({ id, score })),
        this.tuning.question,
      );
      // 2d. The article model: how well the question's own words (not the thesaurus expansions) fit each lexical
      // candidate's questions, heading and text at once, relative to the best candidate.
      if (this.tuning.articleModel > 0) {
        for (const [id, r] of this.articleModel.relative(wordsOf(own), [...scores.keys()]))
          if (r > ARTICLE_MODEL_FLOOR)
            bump(id, weights.lexical * this.tuning.articleModel * FIELD_SCALE * r, 'lexical');
      }
      // 3. Vector neighbours in pgvector — only to re-rank and widen a query that has lexical evidence; on their
      // own (gibberish, another language) they would return arbitrary articles.
      if (this.embedder && weights.vector > 0 && lexical.length > 0) {
        const [v] = await this.embedder.embed([query]);
        if (v) {
          const near = await nearestChunks(this.db, this.embedder.id, v, 50);
          for (const [rank, h] of near.entries()) bump(h.id, weights.vector / (RRF_K + rank + 1), 'vector');
        }
      }
      this.applyPriors(query, terms, scores);
      if (asksConsequence(query)) this.bringLiability(scores);
    }

    const hits: SearchHit[] = [];
    for (const [id, s] of [...scores.entries()].sort((x, y) => y[1].score - x[1].score)) {
      const a = this.library.byKey(id);
      if (!a) continue;
      hits.push({
        law: a.law,
        article: a.article,
        sub: a.sub,
        label: a.label,
        title: a.title,
        path: a.path,
        score: Number(s.score.toFixed(6)),
        snippet: snippetFor(a, references),
        via: [...s.via],
        lexicalScore: Number((lexicalScores.get(id) ?? 0).toFixed(4)),
        matched: terms.length === 0 ? [] : this.matchedWords(terms, id),
      });
      if (hits.length >= limit) break;
    }
    return { query, hits, references, notices, superseded };
  }

  /**
   * The question's words that the article's index holds (body, title and keywords, or one of its questions),
   * statutory equivalents from the thesaurus included: what an officer reads to judge a hit, instead of a score.
   */
  matchedWords(terms: WeightedTerm[], id: string): string[] {
    const out: string[] = [];
    for (const { term } of terms) {
      if (!term.startsWith('w:') || term.length < 4) continue;
      if (
        !this.bm25.contains(id, term) &&
        !this.heads.contains(id, term) &&
        !this.questions.contains(id, term)
      )
        continue;
      const w = term.slice(2);
      if (out.some((m) => m.includes(w))) continue;
      // A longer word replaces the parts already listed (劳动 → 劳动仲裁).
      for (let i = out.length - 1; i >= 0; i--) if (w.includes(out[i] as string)) out.splice(i, 1);
      out.push(w);
      if (out.length >= MAX_MATCHED) break;
    }
    return out;
  }

  /**
   * Priors on the fused scores: curated articles (key points), articles stating a time limit when the question asks
   * for one, the law the question's words speak of (a petition-work question keeps the regulation on top, a question
   * in another law's terms favours that law), the regulation when no other law is in sight, and any law the question
   * names.
   */
  private applyPriors(query: string, terms: WeightedTerm[], scores: Map<string, { score: number }>): void {
    const named = this.namedLaws(query);
    const intents = queryIntents(query);
    const otherLaw = named.size > 0 || this.otherLawCues.some((c) => query.includes(c));
    const intentBoost = this.intentBoosts(terms, intents, scores);
    const lawPosterior = this.lawModel.posterior(wordsOf(terms.map((t) => t.term)), 1, {
      label: this.catalog.defaultLaw,
      share: this.tuning.regulationShare,
    });
    for (const [id, s] of scores) {
      const a = this.library.byKey(id);
      if (!a) continue;
      if (a.points.length > 0) s.score *= this.tuning.curated;
      s.score *= intentBoost.get(id) ?? 1;
      s.score *= 1 + this.tuning.lawPrior * (lawPosterior.get(a.law) ?? 0);
      if (!otherLaw && a.law === this.catalog.defaultLaw) s.score *= this.tuning.defaultLaw;
      if (named.has(a.law)) s.score *= this.tuning.namedLaw;
    }
  }

  /**
   * The boost for articles that state the quantity a question asks for ("几天" → a time limit). Every such article
   * gets a small share; the rest goes by how many of the question's subject words (转送, 复查…) occur in the
   * sentences stating the quantity, relative to the best candidate — so "几天内转送" prefers 第22条 (15日) over
   * 第34条 (60日), though both state a time limit.
   */
  private intentBoosts(
    terms: WeightedTerm[],
    intents: Intent[],
    scores: Map<string, { score: number }>,
  ): Map<string, number> {
    const out = new Map<string, number>();
    if (intents.length === 0) return out;
    const words = terms.filter((t) => t.term.startsWith('w:'));
    const matched = new Map<string, number>();
    for (const id of scores.keys()) {
      const a = this.library.byKey(id);
      if (!a) continue;
      let best = -1;
      for (const intent of intents) {
        const subject = quantitySubject(intent, displayText(a), headText(a));
        if (subject === null) continue;
        let m = 0;
        for (const { term, weight } of words) {
          const w = term.slice(2);
          if (w.length >= 2 && !intent.generic.test(w) && subject.includes(w)) m += weight;
        }
        best = Math.max(best, m);
      }
      if (best >= 0) matched.set(id, best);
    }
    const top = Math.max(0, ...matched.values());
    for (const [id, m] of matched) {
      const share = top > 0 ? INTENT_BASE_SHARE + (1 - INTENT_BASE_SHARE) * (m / top) : 1;
      out.set(id, 1 + (INTENT_BOOST - 1) * share);
    }
    return out;
  }

  /**
   * For a question about the consequence of a breach, both halves belong in the top 3: the article that states the
   * liability for the leading article's duty (knowledge/questions `liability`) is lifted there when it is not there
   * already; when the leading article is itself a liability article, the best-scoring duty article that it
   * sanctions is lifted instead. The leading article is never displaced.
   */
  private bringLiability(scores: Map<string, { score: number; via: Set<SearchHit['via'][number]> }>): void {
    const ranked = [...scores.entries()].sort((x, y) => y[1].score - x[1].score).map(([id]) => id);
    const lead = ranked[0];
    if (!lead) return;
    const leadScore = scores.get(lead)?.score ?? 0;
    const partners = [...(this.library.byKey(lead)?.liability ?? [])];
    const duties = (this.dutiesOf.get(lead) ?? []).filter((id) => scores.has(id));
    if (!duties.some((id) => ranked.slice(0, 3).includes(id))) {
      const best = duties.sort((x, y) => (scores.get(y)?.score ?? 0) - (scores.get(x)?.score ?? 0))[0];
      if (best) partners.push(best);
    }
    // The partners (at most two) take the places after the leading article: each one scoring below the best
    // article that is neither the lead nor a partner is lifted just above it.
    const chosen = [...new Set(partners)].slice(0, 2);
    const others = ranked.filter((id) => id !== lead && !chosen.includes(id));
    const floor = scores.get(others[0] ?? '')?.score ?? 0;
    for (const [i, id] of chosen.entries()) {
      const s = scores.get(id) ?? { score: 0, via: new Set(['lexical' as const]) };
      if (s.score > floor) continue;
      s.score = Math.min(leadScore * (1 - 1e-6 * (i + 1)), floor * (1 + 1e-4 * (chosen.length - i)));
      scores.set(id, s);
    }
  }

  private namedLaws(query: string): Set<string> {
    const out = new Set<string>();
    for (const name of this.catalog.names()) {
      if (name.length >= 3 && query.includes(name)) {
        const law = this.catalog.resolve(name, false);
        if (law) out.add(law);
      }
    }
    return out;
  }
}

/** The words (jieba, unprefixed) among prefixed index terms. */
function wordsOf(terms: string[]): string[] {
  return terms.filter((t) => t.startsWith('w:')).map((t) => t.slice(2));
}

/** A short excerpt: the referenced item when a query names one, else the start of the article. */
function snippetFor(a: LibraryArticle, refs: ArticleReference[] = [], max = 120): string {
  const ref = refs.find((r) => r.law === a.law && r.article === a.article);
  if (ref?.item) {
    const officialItem = a.official?.paragraphs.flatMap((p) => p.items)[ref.item - 1];
    const item = officialItem ?? a.items[String(ref.item)];
    if (item) return clip(item, max);
  }
  if (ref?.paragraph && a.official) {
    const p = a.official.paragraphs[ref.paragraph - 1];
    if (p) return clip(p.text, max);
  }
  return clip(displayText(a), max);
}

function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, '');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
