/**
 * Fact extraction for classification: reads from a text the decisive facts of knowledge/decision/facts.json —
 * procedural stage, who is complained about, what is asked, repetition, escalation, the receiving agency — each
 * with the words that are its evidence. Words are evidence for facts; the rule table decides on the facts.
 */
import type { AgencyTable, FactName, FactTable } from '../../knowledge/decision.ts';

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

const YES_NO = new Set<FactName>([
  'misconduct',
  'personalDemand',
  'repeat',
  'escalate',
  'disagree',
  'noPower',
  'pending',
  'adminDecision',
  'receiverMismatch',
]);

export function absentValue(name: FactName): string {
  return YES_NO.has(name) ? 'no' : 'none';
}

export class FactExtractor {
  private readonly table: [FactName, CompiledValue[]][];
  private readonly receiverPatterns: RegExp[];
  private readonly departments: { pattern: RegExp; domains: string[] }[];

  constructor(
    facts: FactTable,
    private readonly agencies: AgencyTable,
  ) {
    this.table = Object.entries(facts.facts).map(([name, def]) => [
      name as FactName,
      (def?.values ?? []).map((v) => ({
        value: v.value,
        patterns: v.patterns.map((p) => new RegExp(p)),
        unless: (v.unless ?? []).map((p) => new RegExp(p)),
        veto: (v.veto ?? []).map((p) => new RegExp(p)),
      })),
    ]);
    this.receiverPatterns = agencies.receiverPatterns.map((p) => new RegExp(p));
    this.departments = agencies.departments.map((d) => ({
      pattern: new RegExp(d.pattern),
      domains: d.domains,
    }));
  }

  extract(text: string): Facts {
    const out: Facts = new Map();
    for (const [name, values] of this.table) {
      for (const v of values) {
        if (v.veto.some((u) => u.test(text))) continue;
        if (v.unless.some((u) => u.test(text)) && !this.outsideUnless(text, v)) continue;
        const m = firstMatch(text, v.patterns);
        if (m) {
          out.set(name, { name, value: v.value, evidence: m[0], span: [m.index, m.index + m[0].length] });
          break;
        }
      }
    }
    return out;
  }

  /** A value whose `unless` words occur still holds when one of its patterns matches away from them. */
  private outsideUnless(text: string, v: CompiledValue): boolean {
    const blocked: [number, number][] = [];
    for (const u of v.unless) {
      const g = new RegExp(u.source, 'g');
      for (const m of text.matchAll(g)) blocked.push([m.index, m.index + m[0].length]);
    }
    for (const p of v.patterns) {
      const g = new RegExp(p.source, 'g');
      for (const m of text.matchAll(g)) {
        const s = m.index;
        const e = s + m[0].length;
        if (!blocked.some(([bs, be]) => s < be && bs < e)) return true;
      }
    }
    return false;
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
  receiverLacksPower(receiver: Receiver | null, routeId: string): boolean | null {
    if (!receiver || receiver.domains.length === 0) return null;
    const domains = this.agencies.routeDomains[routeId];
    if (!domains) return null;
    return !domains.some((d) => receiver.domains.includes(d));
  }
}

function firstMatch(text: string, patterns: RegExp[]): RegExpExecArray | null {
  let best: RegExpExecArray | null = null;
  for (const p of patterns) {
    const m = p.exec(text);
    if (m && (best === null || m.index < best.index)) best = m;
  }
  return best;
}
