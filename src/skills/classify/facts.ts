/**
 * Fact extraction for classification: reads from a text the decisive facts of knowledge/decision/facts.json —
 * procedural stage, who is complained about, what is asked, repetition, escalation, the receiving agency — each
 * with the words that are its evidence. Words are evidence for facts; the rule table decides on the facts.
 */
import {
  type AgencyTable,
  type FactName,
  type FactTable,
  NAMED_VALUE_FACTS,
} from '../../knowledge/decision.ts';
import type { Route } from '../../knowledge/schema.ts';

export interface Fact {
  name: FactName;
  value: string;
  /** The words that support it, and where they are ([start, end) in the text). */
  evidence: string;
  span: [number, number];
}

/** Facts by name; an absent fact reads as "none" (stage, target, ask) or "no" (yes/no facts). */
export type Facts = Map<FactName, Fact>;

interface CompiledValue {
  value: string;
  patterns: RegExp[];
  unless: RegExp[];
  veto: RegExp[];
}

export interface Receiver {
  agency: string;
  domains: string[];
  span: [number, number];
}

export function absentValue(name: FactName): string {
  return NAMED_VALUE_FACTS.has(name) ? 'none' : 'no';
}

/** The domain of the 司法行政 department, which is the people's government's reconsideration office. */
const RECONSIDERATION_OFFICE = 'justice_admin';

export class FactExtractor {
  private readonly table: { name: FactName; after: FactName | undefined; values: CompiledValue[] }[];
  private readonly receiverPatterns: RegExp[];
  private readonly actorPatterns: RegExp[];
  private readonly departments: { pattern: RegExp; domains: string[] }[];

  constructor(
    facts: FactTable,
    private readonly agencies: AgencyTable,
  ) {
    this.table = Object.entries(facts.facts).map(([name, def]) => ({
      name: name as FactName,
      after: def?.after,
      values: (def?.values ?? []).map((v) => ({
        value: v.value,
        patterns: v.patterns.map((p) => new RegExp(p, 'g')),
        unless: (v.unless ?? []).map((p) => new RegExp(p, 'g')),
        veto: (v.veto ?? []).map((p) => new RegExp(p)),
      })),
    }));
    // A fact read after another must come later in the table.
    const order = this.table.map((f) => f.name);
    for (const f of this.table)
      if (f.after && order.indexOf(f.after) > order.indexOf(f.name))
        throw new Error(`fact ${f.name} is read after ${f.after}, which must be listed first`);
    this.receiverPatterns = agencies.receiverPatterns.map((p) => new RegExp(p));
    this.actorPatterns = agencies.actorPatterns.map((p) => new RegExp(p, 'g'));
    this.departments = agencies.departments.map((d) => ({
      pattern: new RegExp(d.pattern),
      domains: d.domains,
    }));
  }

  extract(text: string): Facts {
    const out: Facts = new Map();
    for (const { name, after, values } of this.table) {
      // A fact that only counts after another (escalation after acceptance) needs that one first.
      let from = 0;
      if (after) {
        const prior = out.get(after);
        if (!prior) continue;
        from = prior.span[1];
      }
      for (const v of values) {
        if (v.veto.some((u) => u.test(text))) continue;
        const m = firstFreeMatch(text, v, from);
        if (m) {
          out.set(name, { name, value: v.value, evidence: m.text, span: [m.start, m.start + m.text.length] });
          break;
        }
      }
    }
    return out;
  }

  /** The agency the text is addressed to (信箱, 接待记录, a heading), with the domains it has power over. */
  receiver(text: string): Receiver | null {
    for (const p of this.receiverPatterns) {
      const m = p.exec(text);
      const agency = m?.groups?.agency;
      if (!m || !agency) continue;
      const start = m.index + m[0].indexOf(agency);
      const domains = this.departments.filter((d) => d.pattern.test(agency)).flatMap((d) => d.domains);
      return { agency, domains, span: [start, start + agency.length] };
    }
    return null;
  }

  /** Whether a specialised department received a matter outside its domains (null when it cannot tell). */
  receiverLacksPower(receiver: Receiver | null, route: Route, text = ''): boolean | null {
    if (!receiver || receiver.domains.length === 0) return null;
    const domains =
      this.agencies.routeDomains[route.id] ??
      this.agencies.channelDomains[route.channel] ??
      (route.channel === 'administrative_procedure' && !receiver.domains.includes(RECONSIDERATION_OFFICE)
        ? this.actorDomains(text, receiver)
        : undefined);
    if (!domains) return null;
    return !domains.some((d) => receiver.domains.includes(d));
  }

  /** The domains of the agency whose act the text contests, when it names one other than the receiver. */
  private actorDomains(text: string, receiver: Receiver): string[] | undefined {
    for (const p of this.actorPatterns) {
      for (const m of text.matchAll(p)) {
        const agency = m.groups?.agency;
        if (!agency || m.index + m[0].indexOf(agency) === receiver.span[0]) continue;
        const domains = this.departments.filter((d) => d.pattern.test(agency)).flatMap((d) => d.domains);
        if (domains.length > 0) return domains;
      }
    }
    return undefined;
  }
}

/** The earliest match at or after `from` that does not overlap words of the value's `unless` list. */
function firstFreeMatch(
  text: string,
  v: CompiledValue,
  from: number,
): { text: string; start: number } | null {
  const blocked: [number, number][] = [];
  for (const u of v.unless) for (const m of text.matchAll(u)) blocked.push([m.index, m.index + m[0].length]);
  let best: { text: string; start: number } | null = null;
  for (const p of v.patterns) {
    for (const m of text.matchAll(p)) {
      const s = m.index;
      const e = s + m[0].length;
      if (s < from || m[0].length === 0) continue;
      if (blocked.some(([bs, be]) => s < be && bs < e)) continue;
      if (best === null || s < best.start) best = { text: m[0], start: s };
      break;
    }
  }
  return best;
}
