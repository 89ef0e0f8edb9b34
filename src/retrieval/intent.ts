/**
 * Question intents that statute wording does not echo: "多久/几天" asks for a time limit, "几人" for a count.
 * An article that states such a quantity is preferred among otherwise similar candidates.
 */
export interface Intent {
  name: 'duration' | 'count';
  ask: RegExp;
  answer: RegExp;
}

export const INTENTS: Intent[] = [
  {
    name: 'duration',
    ask: /多长时间|多久|几天|多少天|几日|多少日|期限|时限|时效|几个月|什么时候|哪天|拖多久|截止/,
    answer: /(\d+|[一二三四五六七八九十百]+)(个)?(日|天|工作日|个月|月|年)/,
  },
  { name: 'count', ask: /几人|多少人|几个人|人数/, answer: /(\d+|[一二三四五六七八九十]+)人/ },
];

export const INTENT_BOOST = 1.3;

export function queryIntents(query: string): Intent[] {
  return INTENTS.filter((i) => i.ask.test(query));
}
