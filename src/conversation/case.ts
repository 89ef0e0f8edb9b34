/**
 * The case in focus: what the conversation has established about one matter — its text, the classification with
 * its facts, the dates and parties mentioned in passing, the open questions and the time-limit warnings. Pure
 * functions over the state; the engine decides when to call them.
 */

import type { Classification, TimeLimit } from '../domain/classification.ts';
import { parseChineseNumber } from '../knowledge/numerals.ts';
import { findDates } from '../skills/deadlines/dates.ts';
import type { CaseDates } from '../skills/deadlines/timeline.ts';
import { readCaseDates } from './timeline-intent.ts';

export interface Parties {
  petitioner?: string;
  /** The officer's own agency, when they name it (“我们是区城管局”). */
  agency?: string;
}

export interface CaseFocus {
  text: string;
  classification: Classification;
  /** Follow-up questions not yet answered. */
  openQuestions: string[];
  answered: string[];
  dates: Partial<CaseDates>;
  parties: Parties;
  warnings: string[];
}

type Fact = NonNullable<Classification['facts']>[number];

const FACT_LABEL: Record<string, string> = {
  stage: '程序阶段',
  target: '被反映对象',
  misconduct: '涉嫌违纪违法',
  ask: '诉求',
  personalDemand: '个人诉求',
  repeat: '重复提出',
  disagree: '对处理不服',
  noPower: '本机关无权处理',
  sanction: '处分',
  pending: '正在办理中',
  adminDecision: '行政决定',
  relationship: '法律关系',
  land: '土地权属',
  crime: '涉嫌犯罪',
  actedAgainst: '针对信访人的行为',
  escalate: '越级反映',
  newMatter: '新的事项',
  receiverMismatch: '收件机关无权处理',
};

/** Facts that are new or changed between two classifications, in words an officer reads. */
export function changedFacts(before: Classification | undefined, after: Classification): string[] {
  const old = new Map((before?.facts ?? []).map((f) => [f.name, f]));
  return (after.facts ?? [])
    .filter((f: Fact) => old.get(f.name)?.value !== f.value)
    .map((f: Fact) => `${FACT_LABEL[f.name] ?? f.name}（依据“${f.evidence}”）`);
}

/** The open question a message most likely answers (shared character pairs), or null. */
export function answeredQuestion(questions: string[], message: string): string | null {
  const pairs = (s: string) => {
    const out = new Set<string>();
    const t = s.replace(/[^\u4e00-\u9fff]/g, '');
    for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
    return out;
  };
  const m = pairs(message);
  let best: string | null = null;
  let bestScore = 1;
  for (const q of questions) {
    let n = 0;
    for (const p of pairs(q)) if (m.has(p)) n++;
    if (n > bestScore) {
      best = q;
      bestScore = n;
    }
  }
  return best;
}

/** A count written in digits or Chinese numerals (三, 两, 十五); 半 is half. */
function amount(s: string): number | null {
  return s === '半' ? 0.5 : parseChineseNumber(s);
}

const UNIT_DAYS: Record<string, number> = { 年: 365, 月: 30, 天: 1, 日: 1 };

/** How long ago the text says the decisive event happened, in days, with the words; null when it does not say. */
function elapsedSince(text: string, today: string): { days: number; words: string } | null {
  let best: { days: number; words: string } | null = null;
  const keep = (days: number, words: string) => {
    if (!best || days > best.days) best = { days, words };
  };
  const relative =
    /(已经|已|都|过去|过了|至今已|至今|终止|解除|离职|辞职|开除|辞退|作出|收到|发生)(了)?(已经|已|有)?([一二两三四五六七八九十半\d]{1,3})(个)?(多)?(年|月|天|日)(多|半)?(了|前|以前|之前|多了|有余)?/g;
  for (const m of text.matchAll(relative)) {
    const n = amount(m[4] ?? '');
    const unit = m[7] ?? '';
    if (n === null) continue;
    const more = m[6] || m[8] ? 1 : 0;
    keep(Math.round(n * (UNIT_DAYS[unit] ?? 1)) + more, m[0]);
  }
  const after = /([一二两三四五六七八九十半\d]{1,3})(个)?(多)?(年|月)(多|半)?(以前|之前|前)(的事)?/g;
  for (const m of text.matchAll(after)) {
    const n = amount(m[1] ?? '');
    if (n === null) continue;
    keep(Math.round(n * (UNIT_DAYS[m[4] ?? ''] ?? 1)) + (m[3] || m[5] ? 1 : 0), m[0]);
  }
  const absolute =
    /(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?.{0,6}?(辞退|开除|离职|终止|解除|作出|收到|发生|知道)/g;
  for (const m of text.matchAll(absolute)) {
    const iso = `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3] ?? '1').padStart(2, '0')}`;
    const days = Math.floor((Date.parse(today) - Date.parse(iso)) / 86_400_000);
    if (Number.isFinite(days) && days > 0) keep(days, m[0]);
  }
  return best;
}

function limitDays(limit: string): number | null {
  const m = /^(\d+)(个工作日|个月|年|日)$/.exec(limit);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === '年' ? n * 365 : m[2] === '个月' ? n * 30 : m[2] === '个工作日' ? Math.ceil(n * 1.4) : n;
}

/**
 * The petitioner's time limits (those counted from when they knew of the harm or the act) that the time the text
 * says has passed probably exceeds.
 */
export function lapsedLimits(text: string, limits: TimeLimit[], today: string): string[] {
  const elapsed = elapsedSince(text, today);
  if (!elapsed) return [];
  const out: string[] = [];
  for (const t of limits) {
    if (!/知道/.test(t.from)) continue;
    const days = limitDays(t.limit);
    if (days === null || elapsed.days <= days) continue;
    out.push(
      `按描述（“${elapsed.words}”），已超过${t.what}${t.limit}（自${t.from}起算，《${t.law}》第${t.article}条），时效很可能已经届满；请核实起算日以及有无时效中止、中断的情形，并如实告知信访人。`,
    );
  }
  return out;
}

/** Dates without a year (“3月5日受理”) take the year of a dated line in the case, else this year. */
export function readDates(text: string, today: string): Partial<CaseDates> {
  const year = findDates(text)[0]?.date.slice(0, 4) ?? today.slice(0, 4);
  const full = text.replace(
    /(?<![年\d])(\d{1,2})月(\d{1,2})日/g,
    (_, m: string, d: string) => `${year}年${m}月${d}日`,
  );
  return readCaseDates(full);
}

const SURNAME =
  '张王李赵刘陈杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

/** The petitioner's name and the officer's agency, when the text gives them. */
export function readParties(text: string): Parties {
  const out: Parties = {};
  const named = new RegExp(
    `(?:信访人|来访人|来信人|投诉人|举报人|村民|居民|群众|老乡|职工)[：:]?\\s*([${SURNAME}](?:某某|某|[\\u4e00-\\u9fff]{1,2}))(?=[，,。反来称说投举就向于在因对要\\d])`,
  ).exec(text);
  const bare = new RegExp(`(?:^|[，,。])([${SURNAME}]某某?)(?=[，,反来称说就向于在因对要的])`).exec(text);
  const name = named?.[1] ?? bare?.[1];
  if (name) out.petitioner = name;
  const agency =
    /(?:我们是|我们单位是|我单位是|本机关是|我们|我局|本局)([\u4e00-\u9fff]{1,12}?(?:局|委员会|人民政府|政府|办事处|街道办|管委会|中心))(?![\u4e00-\u9fff]{0,1}收到后)/.exec(
      text,
    );
  if (agency?.[1] && agency[1] !== '信访局') out.agency = agency[1];
  return out;
}
