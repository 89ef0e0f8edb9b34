/**
 * Questions whose governing article is known before searching: duties that come up while handling a case
 * (keeping an informant's identity secret, who answers for a leak) and the time limits of knowledge/deadlines.json.
 * The engine leads its answer with these and adds what search finds after them.
 */
import type { Classification } from '../domain/classification.ts';
import type { ArticleRef } from '../domain/law.ts';
import type { DeadlineRule } from '../knowledge/schema.ts';

export interface Lead {
  text: string;
  citations: ArticleRef[];
}

const C = '信访工作条例';

/** Duties of the regulation that officers ask about in the middle of a case. Ordered: the first match wins. */
const TOPICS: { pattern: RegExp; lead: Lead }[] = [
  {
    pattern:
      /(泄露|透露|外泄|转给|打击报复).{0,14}(怎么处理|如何处理|什么责任|责任|追责|处分|处理)|(怎么处理|追责|责任).{0,8}(泄露|透露)/,
    lead: {
      text: '把检举、揭发材料或者有关情况透露、转给被检举、揭发的人员或者单位的，由其上级机关、单位责令改正；造成严重后果的，对直接负责的主管人员和其他直接责任人员依规依纪依法严肃处理；构成犯罪的，依法追究刑事责任（《信访工作条例》第四十六条）。保密义务本身见第三十条第三款。',
      citations: [
        { law: C, article: 46 },
        { law: C, article: 30 },
      ],
    },
  },
  {
    pattern:
      /(身份|姓名|名字|个人信息|检举材料|举报材料|举报信|有关情况).{0,10}(保密|透露|泄露|外泄|告诉|知道)|保密.{0,6}(身份|举报人|检举人|信访人)|(不要|别|不能|不得|不想).{0,8}(透露|告诉|泄露|让.{0,6}知道)/,
    lead: {
      text: '检举人的身份和检举材料必须保密：不得将信访人的检举、揭发材料以及有关情况透露或者转给被检举、揭发的人员或者单位（《信访工作条例》第三十条第三款）。违反的，由上级机关、单位责令改正，造成严重后果的依规依纪依法严肃处理直接责任人员，构成犯罪的追究刑事责任（第四十六条）。办理时：转送、交办文书不写检举人身份信息，注明保密要求；核查时不向被反映人出示原件、不透露线索来源。',
      citations: [
        { law: C, article: 30 },
        { law: C, article: 46 },
      ],
    },
  },
];

export function topicLead(question: string): Lead | null {
  return TOPICS.find((t) => t.pattern.test(question))?.lead ?? null;
}

const TIME_QUESTION =
  /(多少天|多少日|几天|几日|多久|多长时间|多长|期限|时限|时效|几个工作日|多少个工作日|最多能延|延多久|几号前|哪天前)/;

/** Everyday words for the terms the deadline rules use. */
const SYNONYMS: [RegExp, string][] = [
  [/转出去|转出|转走|转给|转交|转到/g, '转送'],
  [/信访局|信访办/g, '信访部门'],
  [/延期|延长/g, '延长'],
  [/劳动仲裁/g, '劳动争议仲裁'],
  [/答复信访人|回复/g, '答复'],
  [/告诉信访人|通知信访人/g, '告知信访人'],
];

function pairs(s: string): Set<string> {
  const t = s.replace(/[^\u4e00-\u9fff]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

const UNIT: Record<DeadlineRule['unit'], string> = {
  day: '日',
  workday: '个工作日',
  month: '个月',
  year: '年',
};

/** A question about a time limit answered from the deadline table: the limit, when it starts, its article. */
export function deadlineLead(question: string, rules: DeadlineRule[], c?: Classification): Lead | null {
  if (!TIME_QUESTION.test(question)) return null;
  let q = question;
  for (const [re, to] of SYNONYMS) q = q.replace(re, to);
  const words = pairs(q);
  const inCase = new Set((c?.timeLimits ?? []).map((t) => t.what));
  let best: { rule: DeadlineRule; score: number } | null = null;
  for (const r of rules) {
    let score = 0;
    for (const p of pairs(r.what)) if (words.has(p)) score += 1;
    for (const p of pairs(r.from)) if (words.has(p)) score += 0.25;
    // “时效” is the petitioner's limitation period, never the agency's own limit.
    if (q.includes('时效') && r.what.includes('时效')) score += 2;
    if (inCase.has(r.what)) score += 0.5;
    if (score > (best?.score ?? 1.5)) best = { rule: r, score };
  }
  if (!best) return null;
  const r = best.rule;
  return {
    text: `${r.what}：${r.amount}${UNIT[r.unit]}，自${r.from}起算（《${r.basis.law}》第${r.basis.article}条）。`,
    citations: [r.basis],
  };
}

const ROUTE_WORDS = /(还能|能不能|可以|能否|还可以|可不可以).{0,6}(仲裁|起诉|诉讼|复议|申请|告)/;

const CATEGORY_WORD: Record<Classification['category'], RegExp> = {
  suggestion: /建议/,
  accusation: /(检举|举报|控告)/,
  claim: /(申诉|求决|投诉)/,
};

/** Questions about the case in focus answered from its classification. */
export function caseLead(question: string, c: Classification, warnings: string[]): Lead | null {
  if (
    /(怎么办理|如何办理|怎么处理|如何处理|怎么办)/.test(question) &&
    (CATEGORY_WORD[c.category].test(question) || /(这类|这种|这个案子|这件事|本案)/.test(question))
  ) {
    return { text: `${c.explanation}`, citations: c.legalBasis };
  }
  if (/(哪个部门|哪个单位|哪个机关|转给谁|交给谁|归谁管|谁来管|谁管|谁负责|承办)/.test(question)) {
    return {
      text: `本事项由${c.handlingBody}办理（依据：${c.legalBasis.map((b) => `《${b.law}》第${b.article}条`).join('、')}）。`,
      citations: c.legalBasis,
    };
  }
  if (ROUTE_WORDS.test(question) && c.timeLimits.length > 0) {
    const t = c.timeLimits.find((x) => /知道/.test(x.from)) ?? c.timeLimits[0];
    if (t) {
      return {
        text: `${t.what}为${t.limit}，自${t.from}起算（《${t.law}》第${t.article}条）。${warnings.join('')}`,
        citations: [{ law: t.law, article: t.article }],
      };
    }
  }
  return null;
}
