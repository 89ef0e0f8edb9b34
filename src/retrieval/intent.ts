/**
 * Question intents that statute wording does not echo: "多久/几天" asks for a time limit, "几人" for a count.
 * An article that states such a quantity is preferred among otherwise similar candidates — most of all the one
 * whose quantity is about what the question is about (转送 in "几天内转送" → the 15 days of 第22条, not the 60 days
 * of 第34条).
 */
export interface Intent {
  name: 'duration' | 'count' | 'body';
  ask: RegExp;
  answer: RegExp;
  /** Query words that only restate the intent or the domain, so say nothing about the subject of the quantity. */
  generic: RegExp;
}

const INTENTS: Intent[] = [
  {
    name: 'duration',
    ask: /多长时间|多久|几天|多少天|几日|多少日|期限|时限|时效|几个月|什么时候|哪天|拖多久|截止|来得及|赶得上|过期|最晚|时间限制|(过去|过了|隔了|拖了)[^。，？?]{0,10}(天|个多?月|月|年)[^。？?]{0,12}还(能|可以|来得)/,
    answer: /(\d+|[一二三四五六七八九十百]+)(个)?(日|天|工作日|个月|月|年)/,
    generic:
      /^(多长|时间|长时间|多久|几天|多少|多少天|天内|日内|几日|期限|时限|时效|个月|几个|什么|时候|哪天|截止|信访|信访事项|信访人|事项|必须|最多|以内)$/,
  },
  {
    name: 'body',
    ask: /(向|找|去|到)(哪个|哪一个|哪|什么)(机关|单位|部门|法院|地方|一级)|归(谁|哪个部门|哪)管|由谁(来)?(处理|管|负责|决定)|谁来(处理|管|定|负责)|该找谁|找谁(处理|申请|说理)|向谁(申请|提出?|起诉|反映|告)|(?<![寻查])(找|向)[^，。？?]{0,6}(政府|局|机关|法院|委员会)还是[^，。？?]{1,8}(政府|局|机关|法院|委员会)/,
    answer:
      /(向|由)[^。，；]{0,20}(人民政府|机关|部门|委员会|人民法院|人民检察院|法院|检察院|行政机关|上一级|本级)/,
    generic: /^(哪个|哪一个|机关|单位|部门|哪里|地方|一级|谁|处理|负责|申请|提出|找谁|应当)$/,
  },
  {
    name: 'count',
    ask: /几人|多少人|几个人|人数/,
    answer: /(\d+|[一二三四五六七八九十]+)人/,
    generic: /^(几人|多少|多少人|几个|人数|最多|信访|信访人)$/,
  },
];

export const INTENT_BOOST = 1.3;
/** Share of the intent boost an article gets for stating a quantity at all, whatever it is about. */
export const INTENT_BASE_SHARE = 0.2;

/**
 * The sentences of an article that state the intent's quantity (split at 。 and line breaks), joined with its
 * title and keywords: the text that says what the quantity is about.
 */
export function quantitySubject(intent: Intent, text: string, head: string): string | null {
  const sentences = text.split(/[。\n]/).filter((s) => intent.answer.test(s));
  return sentences.length === 0 ? null : `${sentences.join('。')} ${head}`;
}

export function queryIntents(query: string): Intent[] {
  return INTENTS.filter((i) => i.ask.test(query));
}

/**
 * A question about what follows a breach ("要担什么责任", "会被处分吗"): the answer needs the duty and the article
 * that states its consequence, so both should be in sight.
 */
const CONSEQUENCE_ASK =
  /后果|责任|担责|追责|问责|处分|处罚|处理谁|谁负责|会怎样|会怎么样|违法吗|违规吗|合法吗|合规吗|有没有事|能要(点)?(啥|什么)|能多要|能拿(到)?(多少|啥|什么)|赔(我)?多少/;

export function asksConsequence(query: string): boolean {
  return CONSEQUENCE_ASK.test(query);
}
