/**
 * The law a question is about, read from its words: a multinomial naive Bayes model over the words of each law's
 * everyday questions, titles and keywords (our knowledge/, never code). "交办件压着不动" speaks the regulation's
 * language, "复议期限" the 行政复议法's, "没签合同双倍工资" the 劳动合同法's. Search multiplies each article's score by
 * the prior of its law, so an ingested law no longer pushes the regulation down for a petition-work question, and a
 * question in another law's words is not pulled back to the regulation.
 */

export interface LawDocument {
  law: string;
  /** Words (jieba, unprefixed) of one question, or of one article's title and keywords. */
  words: string[];
}

/** Additive smoothing of the word counts. */
const ALPHA = 0.5;

export class LawPrior {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number>();
  private readonly vocabulary = new Set<string>();
  private readonly docs = new Map<string, number>();
  private docTotal = 0;

  /**
   * `lead`, when given, fixes one law's prior share (the regulation: most questions put to a petition assistant are
   * about petition work, however many questions other laws' knowledge holds); the other laws share the rest in
   * proportion to their documents.
   */
  constructor(
    docs: Iterable<LawDocument>,
    private readonly lead?: { law: string; share: number },
  ) {
    for (const d of docs) {
      let c = this.counts.get(d.law);
      if (!c) {
        c = new Map();
        this.counts.set(d.law, c);
      }
      this.docs.set(d.law, (this.docs.get(d.law) ?? 0) + 1);
      this.docTotal++;
      for (const w of d.words) {
        c.set(w, (c.get(w) ?? 0) + 1);
        this.totals.set(d.law, (this.totals.get(d.law) ?? 0) + 1);
        this.vocabulary.add(w);
      }
    }
  }

  /** The prior probability of a law: the lead's fixed share, else its share of the (remaining) documents. */
  private priorOf(law: string, given?: { law: string; share: number }): number {
    const docs = this.docs.get(law) ?? 0;
    const lead = given && this.docs.has(given.law) ? given : undefined;
    if (!lead) return docs / this.docTotal;
    if (law === lead.law) return lead.share;
    const rest = this.docTotal - (this.docs.get(lead.law) ?? 0);
    return rest > 0 ? ((1 - lead.share) * docs) / rest : 0;
  }

  get laws(): string[] {
    return [...this.counts.keys()];
  }

  /**
   * Posterior probability of each law given the question's words, the prior being each law's share of the
   * documents. Words no law uses say nothing and are skipped; `temperature` > 1 flattens the distribution.
   */
  posterior(words: string[], temperature = 1, lead = this.lead): Map<string, number> {
    const known = [...new Set(words)].filter((w) => this.vocabulary.has(w));
    const out = new Map<string, number>();
    if (known.length === 0 || this.counts.size === 0) return out;
    const v = this.vocabulary.size;
    const logs = new Map<string, number>();
    for (const [law, c] of this.counts) {
      const total = this.totals.get(law) ?? 0;
      let l = Math.log(this.priorOf(law, lead));
      for (const w of known) l += Math.log(((c.get(w) ?? 0) + ALPHA) / (total + ALPHA * v));
      logs.set(law, l / temperature);
    }
    const max = Math.max(...logs.values());
    let sum = 0;
    for (const [law, l] of logs) {
      const e = Math.exp(l - max);
      out.set(law, e);
      sum += e;
    }
    for (const [law, e] of out) out.set(law, e / sum);
    return out;
  }
}
