/**
 * The decision procedure over extracted facts (knowledge/decision/rules.json): ordered rules, the first whose
 * conditions all hold decides — one table for admissibility, one for the route. Each rule carries its reason and
 * legal basis, so an officer sees why.
 */
import type { DecisionRules, FactName } from '../../knowledge/decision.ts';
import { absentValue, type Facts } from './facts.ts';

type When = DecisionRules['routes'][number]['when'];

function factValue(facts: Facts, name: FactName): string {
  return facts.get(name)?.value ?? absentValue(name);
}

function holds(when: When, facts: Facts): boolean {
  return Object.entries(when).every(([name, values]) =>
    (values ?? []).includes(factValue(facts, name as FactName)),
  );
}

export type RouteRule = DecisionRules['routes'][number];
export type AdmissibilityRule = DecisionRules['admissibility'][number];

export function routeRule(rules: DecisionRules, facts: Facts): RouteRule | undefined {
  return rules.routes.find((r) => holds(r.when, facts));
}

export function admissibilityRule(rules: DecisionRules, facts: Facts): AdmissibilityRule | undefined {
  return rules.admissibility.find((r) => holds(r.when, facts));
}
