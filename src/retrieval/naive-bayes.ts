/**
 * A multinomial naive Bayes model over words, learned from our knowledge/ (never code): each label's everyday
 * questions, titles and keywords. Search uses two of them.
 * - Labels are laws: which law a question speaks of. "交办件压着不动" speaks the regulation's language, "复议期限" the
 *   行政复议法's, "没签合同双倍工资" the 劳动合同法's; each article's score is multiplied by the prior of its law, so an
 *   ingested law does not push the regulation down for a petition-work question, and a question in another law's
 *   words is not pulled back to the regulation.
 * - Labels are articles: which article's questions a question resembles as a whole. Where BM25 scores an article by
 *   its single closest question, this model weighs every word against all the article's questions and its text, so
 *   a question whose words are spread over several of them still finds it.
 */

export interface LabelledWords {
  label: string;
  /** Words (jieba, unprefixed) of one question, or of one article's title and keywords or text. */
  words: string[];
}

/** Additive smoothing of the word counts. */
const ALPHA = 0.5;

export class NaiveBayes {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number>();
  private readonly vocabulary = new Set<string>();
  private readonly docs = new Map<string, number>();
  private docTotal = 0;

  /**
   * `lead`, when given, fixes one label's prior share (the regulation among laws: most questions put to a petition
   * assistant are about petition work, however many questions other laws' knowledge holds); the other labels share
   * the rest in proportion to their documents.
   */
  constructor(
    docs: Iterable<LabelledWords>,
    private readonly lead?: { label: string; share: number },
  ) {
    for (const d of docs) {
      let c = this.counts.get(d.label);
      if (!c) {
        c = new Map();
        this.counts.set(d.label, c);
      }
      this.docs.set(d.label, (this.docs.get(d.label) ?? 0) + 1);
      this.docTotal++;
      for (const w of d.words) {
        c.set(w, (c.get(w) ?? 0) + 1);
        this.totals.set(d.label, (this.totals.get(d.label) ?? 0) + 1);
        this.vocabulary.add(w);
      }
    }
  }

  /** The prior probability of a label: the lead's fixed share, else its share of the (remaining) documents. */
  private priorOf(label: string, given?: { label: string; share: number }): number {
    const docs = this.docs.get(label) ?? 0;
    const lead = given && this.docs.has(given.label) ? given : undefined;
    if (!lead) return docs / this.docTotal;
    if (label === lead.label) return lead.share;
    const rest = this.docTotal - (this.docs.get(lead.label) ?? 0);
    return rest > 0 ? ((1 - lead.share) * docs) / rest : 0;
  }

  get labels(): string[] {
    return [...this.counts.keys()];
  }

  /**
   * Posterior probability of each label given the question's words, the prior being each label's share of the
   * documents. Words no label uses say nothing and are skipped; `temperature` > 1 flattens the distribution.
   */
  posterior(words: string[], temperature = 1, lead = this.lead): Map<string, number> {
    const known = [...new Set(words)].filter((w) => this.vocabulary.has(w));
    const out = new Map<string, number>();
    if (known.length === 0 || this.counts.size === 0) return out;
    const v = this.vocabulary.size;
    const logs = new Map<string, number>();
    for (const [label, c] of this.counts) {
      const total = this.totals.get(label) ?? 0;
      let l = Math.log(this.priorOf(label, lead));
      for (const w of known) l += Math.log(((c.get(w) ?? 0) + ALPHA) / (total + ALPHA * v));
      logs.set(label, l / temperature);
    }
    const max = Math.max(...logs.values());
    let sum = 0;
    for (const [label, l] of logs) {
      const e = Math.exp(l - max);
      out.set(label, e);
      sum += e;
    }
    for (const [label, e] of out) out.set(label, e / sum);
    return out;
  }

  /**
   * Each candidate's posterior relative to the best candidate's (1 for the best), under a uniform prior: only the
   * labels asked about are scored, so a search weighs its few hundred candidates rather than every article loaded,
   * and an article is not favoured for having more questions.
   */
  relative(words: string[], labels: Iterable<string>): Map<string, number> {
    const known = [...new Set(words)].filter((w) => this.vocabulary.has(w));
    const out = new Map<string, number>();
    if (known.length === 0) return out;
    const v = this.vocabulary.size;
    let max = Number.NEGATIVE_INFINITY;
    for (const label of labels) {
      const c = this.counts.get(label);
      if (!c) continue;
      const denominator = Math.log((this.totals.get(label) ?? 0) + ALPHA * v);
      let l = 0;
      for (const w of known) l += Math.log((c.get(w) ?? 0) + ALPHA) - denominator;
      out.set(label, l);
      if (l > max) max = l;
    }
    for (const [label, l] of out) out.set(label, Math.exp(l - max));
    return out;
  }
}
