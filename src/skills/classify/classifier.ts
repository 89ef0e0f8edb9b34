/**
 * Deterministic classifier (依法分类处理, 条例第29—31条): matter-type cues from knowledge/routes plus explicit
 * boundary rules (official misconduct vs a private party's violation, suggestion vs own claim, admissibility).
 * Returns the classification contract of channels.md; every cited article is one the library holds.
 */
import {
  ARTICLE31_ITEM,
  type Channel,
  Classification,
  type Subchannel,
  type TimeLimit,
} from '../../domain/classification.ts';
import type { ArticleRef } from '../../domain/law.ts';
import { AppError } from '../../errors.ts';
import type { DecisionTables, FactName } from '../../knowledge/decision.ts';
import type { DeadlineRule, Route } from '../../knowledge/schema.ts';
import { admissibilityRule, routeRule } from './decide.ts';
import { type Fact, FactExtractor, type Facts } from './facts.ts';
import {
  asksForInvestigation,
  cjkCount,
  isOnTheSpotPenalty,
  isPersonalClaim,
  opensAsSuggestion,
  petitionerIsTarget,
  wantsOwnLossMadeGood,
  withoutPlaceholders,
} from './signals.ts';

const MAX_CASE_CHARS = 5000;

export interface ArticleIndex {
  has(law: string, article: number): boolean;
}

interface CompiledRoute {
  route: Route;
  patterns: RegExp[];
}

export interface RouteScore {
  route: Route;
  score: number;
  matched: string[];
  /** Questions to ask before the route's own, and routes to list first, when a boundary rule changed the route. */
  questions?: string[];
  alternatives?: Classification['alternatives'];
}

const UNIT_TEXT: Record<DeadlineRule['unit'], string> = {
  day: '日',
  workday: '个工作日',
  month: '个月',
  year: '年',
};
const SHORT_TEXT = 12;
/** Share of the displaced route's score another matter type needs to take its place (else 第31条第(6)项). */
const NEXT_ROUTE_SHARE = 0.4;

/** Questions that decide the route when the description says too little. */
export const GENERIC_QUESTIONS = [
  '信访人要求解决什么问题：对某个机关的决定不服、与他人（企业、个人）的纠纷、要求查处他人违法行为、检举公职人员，还是政策待遇或其他诉求？',
  '该事项是否已经起诉、申请仲裁或行政复议，或者已有生效判决、裁决？',
  '该事项是否已经按信访程序处理过，是否出具过处理意见、复查或复核意见？',
];

export class Classifier {
  private readonly compiled: CompiledRoute[];
  private readonly deadlines: Map<string, DeadlineRule>;
  private readonly fallback: Route;
  private readonly extractor: FactExtractor;

  constructor(
    routes: Route[],
    deadlineRules: DeadlineRule[],
    private readonly articles: ArticleIndex,
    private readonly decision: DecisionTables,
  ) {
    this.deadlines = new Map(deadlineRules.map((d) => [d.code, d]));
    this.extractor = new FactExtractor(decision.facts, decision.agencies);
    for (const r of routes) {
      for (const b of r.basis) {
        if (!articles.has(b.law, b.article)) {
          throw new AppError(
            'knowledge_invalid',
            `分类知识“${r.name}”引用了知识库中不存在的条文：《${b.law}》第${b.article}条`,
          );
        }
      }
      for (const d of r.deadlines) {
        if (!this.deadlines.has(d))
          throw new AppError('knowledge_invalid', `分类知识“${r.name}”引用了未知时限 ${d}`);
      }
      if (
        r.channel !== 'suggestion_handling' &&
        r.channel !== 'discipline_inspection' &&
        r.category !== 'claim'
      ) {
        throw new AppError('knowledge_invalid', `分类知识“${r.name}”的类别与途径不一致`);
      }
    }
    this.compiled = routes.map((route) => ({
      route,
      patterns: (route.patterns ?? []).map((p) => new RegExp(p)),
    }));
    const fallback = routes.find((r) => r.id === 'policy_claim');
    if (!fallback) throw new AppError('knowledge_invalid', '分类知识缺少 policy_claim（普通信访程序）');
    this.fallback = fallback;
    const ids = new Set(routes.map((r) => r.id));
    for (const r of decision.rules.routes) {
      if (!ids.has(r.route))
        throw new AppError('knowledge_invalid', `分类决定规则 ${r.id} 引用了未知事项类型 ${r.route}`);
    }
    for (const r of decision.rules.admissibility) {
      for (const b of r.basis) {
        if (!articles.has(b.law, b.article))
          throw new AppError(
            'knowledge_invalid',
            `分类决定规则 ${r.id} 引用了不存在的条文：《${b.law}》第${b.article}条`,
          );
      }
    }
    for (const id of Object.keys(decision.agencies.routeDomains)) {
      if (!ids.has(id)) throw new AppError('knowledge_invalid', `机关职权表引用了未知事项类型 ${id}`);
    }
  }

  /** Scores every matter type against the text, best first. */
  score(text: string): RouteScore[] {
    const out: RouteScore[] = [];
    for (const { route, patterns } of this.compiled) {
      if (route.excludes?.some((e) => text.includes(e))) continue;
      if (route.requires && !route.requires.some((w) => text.includes(w))) continue;
      const matched: string[] = [];
      let score = 0;
      for (const cue of route.cues) {
        if (text.includes(cue)) {
          // Longer cues are more specific. A cue inside a longer matched cue of the same route adds little.
          const inside = matched.some((m) => m.includes(cue));
          score += inside ? 0.2 : 1 + 0.25 * Math.max(0, cue.length - 2);
          matched.push(cue);
        }
      }
      for (const p of patterns) {
        const m = p.exec(text);
        if (m) {
          score += 2.5;
          matched.push(m[0]);
        }
      }
      if (score > 0) out.push({ route, score: score + (route.priority ?? 0) * 0.5, matched });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** The facts a text can establish: name, what it means, the question to ask, and the values it can take. */
  factDefinitions(): { name: FactName; doc: string; question: string; values: string[] }[] {
    return Object.entries(this.decision.facts.facts).flatMap(([name, def]) =>
      def
        ? [
            {
              name: name as FactName,
              doc: def.doc,
              question: def.question,
              values: def.values.map((v) => v.value),
            },
          ]
        : [],
    );
  }

  /** The decisive facts of a text, each with its evidence (for explanations and the model's cross-check). */
  facts(text: string): Facts {
    return this.extractor.extract(withoutPlaceholders(text));
  }

  /**
   * Classifies a text. `given` replaces the facts read from its words (a model's reading of the same text): the
   * same rule table then decides, so a model never decides a route, only reads facts.
   */
  classify(input: unknown, given?: Facts): Classification {
    const text = withoutPlaceholders(validateCaseText(input));
    const scores = this.score(text);
    const facts = given ? new Map(given) : this.extractor.extract(text);
    const notes: string[] = [];

    // The route: an explicit rule over the facts when one applies (procedural stage, who is complained about, what
    // is asked), otherwise the best matter type by its cues with the boundary rules of channels.md.
    const rule = routeRule(this.decision.rules, facts);
    let primary: RouteScore | undefined;
    if (rule) {
      const fits = (s: RouteScore) =>
        s.route.channel === rule.channel &&
        (rule.subchannel === undefined || s.route.subchannel === rule.subchannel);
      // A specific matter type of the rule's channel before the channel's catch-all.
      const sameChannel = rule.channel
        ? (scores.find((s) => fits(s) && !s.route.generic) ?? scores.find(fits))
        : undefined;
      primary = sameChannel ?? {
        route: this.routeById(rule.route),
        score: Math.max(scores[0]?.score ?? 0, 2.5),
        matched: [...facts.values()].map((f) => f.evidence),
      };
    } else primary = this.withoutActToContest(this.choosePrimary(text, scores, facts), scores, facts, notes);
    primary = this.afterDecision(primary, facts, notes);
    primary = this.petitionOpinionStaysInChain(primary, facts, notes);

    // Admissibility: the receiving agency's power is judged against the matter type decided above.
    const receiver = this.extractor.receiver(text);
    if (primary && this.extractor.receiverLacksPower(receiver, primary.route, text) && receiver) {
      facts.set('receiverMismatch', {
        name: 'receiverMismatch',
        value: 'yes',
        evidence: receiver.agency,
        span: receiver.span,
      });
    }
    const admission = admissibilityRule(this.decision.rules, facts);
    const signal = admission
      ? {
          admissibility: admission.admissibility,
          article: admission.basis[0]?.article ?? null,
          reason: admission.reason,
        }
      : null;
    if (rule) notes.push(`${rule.why}。`);

    const missingFacts: string[] = [];
    let confidence: number;
    let route: Route;
    if (!primary) {
      route = this.fallback;
      missingFacts.push(...GENERIC_QUESTIONS);
      confidence = cjkCount(text) < SHORT_TEXT ? 0.15 : 0.3;
      notes.push(
        '描述中没有可以判断法定途径的关键事实，暂按普通信访程序（第三十一条第六项）处理，请先核实以下问题。',
      );
    } else {
      route = primary.route;
      missingFacts.push(...(primary.questions ?? []), ...route.questions);
      const second = scores.find(
        (s) => s.route.channel !== route.channel || s.route.subchannel !== route.subchannel,
      );
      const margin = second ? 1 - second.score / Math.max(primary.score, second.score) : 1;
      confidence = 0.4 + 0.45 * margin * Math.min(1, primary.score / 4) + (signal ? 0.1 : 0);
      if (cjkCount(text) < SHORT_TEXT) {
        confidence = Math.min(confidence, 0.35);
        notes.push('描述较简短，以下判断须以核实关键事实为前提。');
      }
    }
    confidence = Math.round(Math.min(0.95, Math.max(0.1, confidence)) * 100) / 100;

    const alternatives = [...(primary?.alternatives ?? []), ...this.alternatives(route, scores, text)]
      .filter(
        (a, i, all) => all.findIndex((b) => b.channel === a.channel && b.subchannel === a.subchannel) === i,
      )
      .slice(0, 4);
    const legalBasis = this.basis(route, admission?.basis ?? []);
    const channel = route.channel as Channel;
    const explanation = this.explain(route, primary, signal?.reason ?? null, alternatives, notes, text);

    const result: Classification = {
      category: route.category,
      channel,
      subchannel: (route.subchannel as Subchannel | null) ?? null,
      article31Item: ARTICLE31_ITEM[channel],
      admissibility: signal?.admissibility ?? 'accept',
      handlingBody: route.handlingBody,
      legalBasis,
      timeLimits: route.deadlines.map((d) => this.timeLimit(d)),
      missingFacts,
      alternatives,
      confidence,
      explanation,
      facts: [...facts.values()].map(factOut),
    };
    return Classification.parse(result);
  }

  /** The question to ask when a fact is not known (knowledge/decision/facts.json), as a list to spread. */
  private questionFor(name: FactName): string[] {
    const q = this.decision.facts.facts[name]?.question;
    return q ? [q] : [];
  }

  private routeById(id: string): Route {
    const r = this.compiled.find((c) => c.route.id === id)?.route;
    if (!r) throw new AppError('knowledge_invalid', `分类知识缺少 ${id}`);
    return r;
  }

  /**
   * The last safeguard against the harm oversight reports name: a text about a 信访处理/复查/复核意见 and no other
   * administrative act is never sent to 行政复议 or 行政诉讼 — such opinions are outside both (行诉解释第1条第2款第(9)项);
   * their remedy is 复查/复核 (条例第35、36条), whatever words of administrative law the text also uses.
   */
  private petitionOpinionStaysInChain(
    primary: RouteScore | undefined,
    facts: Facts,
    notes: string[],
  ): RouteScore | undefined {
    const sub = primary?.route.subchannel;
    if (!primary || (sub !== 'administrative_reconsideration' && sub !== 'administrative_litigation'))
      return primary;
    if (!facts.has('petitionOpinion') || facts.has('namedAdminAct')) return primary;
    notes.push('信访处理（复查、复核）意见不属于行政复议和行政诉讼的受理范围，不服的应当请求复查、复核。');
    return {
      route: this.routeById('policy_claim'),
      score: primary.score,
      matched: primary.matched,
      questions: this.questionFor('petitionOpinion'),
    };
  }

  /**
   * An application procedure (工伤认定, 许可) ends in a decision; once the agency has decided and the petitioner
   * disagrees, the remedy is reconsideration or suit against that decision (行政复议法第11条), not the application.
   */
  private afterDecision(
    primary: RouteScore | undefined,
    facts: Facts,
    notes: string[],
  ): RouteScore | undefined {
    const sub = primary?.route.subchannel;
    if (!primary || (sub !== 'administrative_confirmation' && sub !== 'administrative_license'))
      return primary;
    if (!facts.has('disagree') || !(facts.has('adminDecision') || facts.has('decisionMade'))) return primary;
    notes.push(`“${primary.route.name}”的决定已经作出，信访人不服的，对该决定申请行政复议或者提起行政诉讼。`);
    return {
      route: this.routeById('administrative_decision'),
      score: primary.score,
      matched: primary.matched,
      alternatives: [
        {
          channel: 'judicial',
          subchannel: 'administrative_litigation',
          why: '不服该决定的，也可以直接向人民法院提起行政诉讼（法律规定复议前置的除外）',
        },
      ],
    };
  }

  /**
   * 行政复议 reviews an act of an agency (行政复议法第2条、第11条). A matter type whose route is reconsideration,
   * read from the words alone, with no act the petitioner could contest in the text (a benefit never decided, a
   * historical or policy demand) is handled in the petition procedure (第31条第(6)项); the question about the act
   * leads, and reconsideration stays listed as the alternative once an act exists.
   */
  private withoutActToContest(
    primary: RouteScore | undefined,
    scores: RouteScore[],
    facts: Facts,
    notes: string[],
  ): RouteScore | undefined {
    if (primary?.route.subchannel !== 'administrative_reconsideration') return primary;
    if (facts.has('agencyAct') || facts.has('adminDecision') || facts.has('actedAgainst')) return primary;
    if (facts.has('dutyIgnored')) return primary;
    notes.push(
      `“${primary.route.name}”须以行政机关已作出的行为（书面决定、拒绝、不予办理、待遇核定等）为对象才能申请行政复议；描述中未见这样的行为，暂不按行政复议途径处理。`,
    );
    // The next specific matter type that needs no act (a civil or family dispute behind the words), else 第(6)项.
    const next = scores.find(
      (s) =>
        !s.route.generic &&
        s.route.channel !== 'administrative_procedure' &&
        s.score >= primary.score * NEXT_ROUTE_SHARE &&
        // Words already read for the displaced type (租房 inside 廉租房) are no evidence of another.
        s.matched.some((m) => !primary.matched.some((p) => p.includes(m))),
    );
    return {
      route: next?.route ?? this.routeById('policy_claim'),
      score: primary.score,
      matched: primary.matched,
      questions: this.questionFor('agencyAct'),
      alternatives: [
        {
          channel: primary.route.channel as Channel,
          subchannel: 'administrative_reconsideration',
          why: `已有行政机关作出的决定或者拒绝的，属于“${primary.route.name}”，可以申请行政复议`,
        },
      ],
    };
  }

  /** Boundary rules on top of the scores (channels.md §1, §2). */
  private choosePrimary(text: string, scores: RouteScore[], facts: Facts): RouteScore | undefined {
    const first = scores[0];
    if (!first) return undefined;
    // A catch-all route (不服行政决定, 民事纠纷…) gives way to a specific matter type of the same channel.
    const specific = first.route.generic
      ? scores.find((s) => !s.route.generic && s.route.channel === first.route.channel)
      : undefined;
    const top = specific ?? first;
    // A party member or official appealing their own sanction is not accusing anyone.
    const official = facts.get('target')?.value === 'official';
    const appeal = facts.has('sanction') ? scores.find((s) => s.route.channel === 'party_appeal') : undefined;
    // Official misconduct is an accusation even when the petitioner also suffered harm.
    const accusation = scores.find((s) => s.route.category === 'accusation');
    if (
      accusation &&
      !appeal &&
      official &&
      facts.has('misconduct') &&
      accusation.matched.some((m) => m.length >= 4)
    )
      return accusation;
    if (appeal && appeal.score >= (top.score ?? 0) * 0.6) return appeal;
    // A suspicion without a named official beside the petitioner's own claim: the claim is the matter.
    const ownClaim = scores.find((s) => s.route.category === 'claim');
    if (top.route.category === 'accusation' && !official && ownClaim && ownClaim.score >= top.score * 0.5) {
      return ownClaim;
    }
    // Someone reporting a violation asks for action against another; a petitioner who is the target of an
    // authority's act challenges that act.
    if (top.route.channel === 'duty_performance' && petitionerIsTarget(text)) {
      const admin = scores.find((s) => s.route.channel === 'administrative_procedure');
      if (admin) return admin;
    }
    // Asking the other side to make good one's own loss (赔、退、还), without asking an authority to act against it,
    // is a civil claim (第31条第(1)项) even when the other side also broke a rule.
    const other = facts.get('target')?.value;
    if (
      top.route.channel === 'duty_performance' &&
      other !== 'official' &&
      facts.get('ask')?.value !== 'investigate' &&
      !asksForInvestigation(text) &&
      !petitionerIsTarget(text) &&
      wantsOwnLossMadeGood(text)
    ) {
      const civil =
        scores.find((s) => s.route.subchannel === 'civil_litigation' && !s.route.generic) ??
        scores.find((s) => s.route.subchannel === 'civil_litigation');
      return civil ?? { route: this.routeById('civil_generic'), score: top.score, matched: top.matched };
    }
    // “请求依法查处……” asks for action against another party: the duty to act (第31条第(5)项).
    if (
      top.route.channel !== 'duty_performance' &&
      top.route.category === 'claim' &&
      asksForInvestigation(text)
    ) {
      const duty = scores.find((s) => s.route.channel === 'duty_performance');
      if (duty && duty.score >= top.score * 0.5 && !petitionerIsTarget(text)) return duty;
    }
    // A suggestion asks nothing for the petitioner; a personal claim goes to its own route.
    const suggestion = scores.find((s) => s.route.category === 'suggestion');
    const claim = scores.find((s) => s.route.category === 'claim');
    if (suggestion && opensAsSuggestion(text) && !isPersonalClaim(text)) return suggestion;
    if (top.route.category === 'suggestion' && isPersonalClaim(text)) {
      // Asking for something for one's own village or home is a claim even when phrased as a wish.
      return claim ?? { route: this.routeById('public_service'), score: top.score, matched: top.matched };
    }
    return top;
  }

  private alternatives(route: Route, scores: RouteScore[], text: string): Classification['alternatives'] {
    const out: Classification['alternatives'] = [];
    const seen = new Set<string>([`${route.channel}/${route.subchannel ?? ''}`]);
    const push = (channel: string, subchannel: string | null | undefined, why: string) => {
      const key = `${channel}/${subchannel ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({
        channel: channel as Channel,
        ...(subchannel ? { subchannel: subchannel as Subchannel } : {}),
        why,
      });
    };
    for (const a of route.alternatives) push(a.channel, a.subchannel, a.why);
    if (route.subchannel === 'administrative_reconsideration' && isOnTheSpotPenalty(text)) {
      out.unshift({
        channel: 'administrative_procedure',
        subchannel: 'administrative_reconsideration',
        why: '当场作出的行政处罚属于复议前置情形，应先申请行政复议，对复议决定不服再起诉（行政复议法第二十三条）',
      });
    }
    for (const s of scores.slice(0, 4)) {
      if (s.route.id === route.id) continue;
      push(
        s.route.channel,
        s.route.subchannel,
        `描述中还涉及“${s.route.name}”（${cueList(s.matched)}），如为主要诉求应按该途径办理`,
      );
    }
    return out.slice(0, 4);
  }

  private basis(route: Route, admissionBasis: ArticleRef[]): ArticleRef[] {
    const refs: ArticleRef[] = [...admissionBasis, ...route.basis];
    const seen = new Set<string>();
    return refs.filter((r) => {
      const k = `${r.law}#${r.article}`;
      if (seen.has(k) || !this.articles.has(r.law, r.article)) return false;
      seen.add(k);
      return true;
    });
  }

  /** A deadline rule as the contract's time-limit object. */
  timeLimit(code: string): TimeLimit {
    const d = this.deadlines.get(code);
    if (!d) throw new AppError('knowledge_invalid', `未知时限 ${code}`);
    return {
      what: d.what,
      limit: `${d.amount}${UNIT_TEXT[d.unit]}`,
      from: d.from,
      law: d.basis.law,
      article: d.basis.article,
    };
  }

  private explain(
    route: Route,
    primary: RouteScore | undefined,
    signal: string | null,
    alternatives: Classification['alternatives'],
    notes: string[],
    text: string,
  ): string {
    const parts: string[] = [...notes];
    if (primary) parts.push(`该事项属于“${route.name}”（依据描述中的：${cueList(primary.matched)}）。`);
    const item = ARTICLE31_ITEM[route.channel as Channel];
    if (route.category === 'suggestion')
      parts.push(
        '属于建议意见类事项，由有权处理的机关研究论证，采纳或部分采纳的予以回复（条例第二十九条）。',
      );
    else if (route.category === 'accusation')
      parts.push(
        '属于检举控告类事项，应按管理权限转纪检监察机关或有权处理的机关依规依纪依法处理，不得将检举材料透露或转给被检举人（条例第三十条）。',
      );
    else
      parts.push(
        `属于申诉求决类，按条例第三十一条第（${item}）项导入相应途径；承办：${route.handlingBody}。`,
      );
    if (signal) parts.push(`${signal}。`);
    if (route.reconsiderationFirst) parts.push(`${route.reconsiderationFirst}；信访程序不能替代。`);
    else if (route.subchannel === 'administrative_reconsideration' && !isOnTheSpotPenalty(text)) {
      parts.push(
        '对行政行为不服的，可申请行政复议，也可依法直接提起行政诉讼（复议前置情形除外）；信访程序不能替代。',
      );
    }
    for (const note of route.notes ?? []) parts.push(note);
    if (alternatives.length > 0) parts.push(`另可考虑：${alternatives.map((a) => a.why).join('；')}。`);
    return parts.join('');
  }
}

function factOut(f: Fact): { name: string; value: string; evidence: string; span: [number, number] } {
  return { name: f.name, value: f.value, evidence: f.evidence, span: f.span };
}

/** Matched cues for an explanation: short ones first, long pattern matches clipped. */
function cueList(matched: string[]): string {
  const clip = (m: string) => (m.length > 12 ? `${m.slice(0, 11)}…` : m);
  return [...new Set(matched.map(clip))]
    .sort((a, b) => a.length - b.length)
    .slice(0, 4)
    .map((m) => `“${m}”`)
    .join('、');
}

export function validateCaseText(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new AppError('input_invalid', '事项描述为空。请简要写明信访人反映的问题和诉求。');
  }
  const text = input.trim();
  if (text.length > MAX_CASE_CHARS) {
    throw new AppError(
      'input_invalid',
      `事项描述过长（${text.length} 字），请精简到 ${MAX_CASE_CHARS} 字以内，保留诉求和关键事实。`,
    );
  }
  const cjk = cjkCount(text);
  if (cjk < 2 || cjk / text.replace(/\s/g, '').length < 0.3) {
    throw new AppError('input_invalid', '无法识别事项描述：请用中文写明信访人反映的问题和诉求。');
  }
  return text;
}
