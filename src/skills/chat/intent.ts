/**
 * What an officer's chat message asks for. Explicit commands (/classify, /deadline…) win; otherwise a few
 * readable rules tell a case description from a question.
 */
import { findDates } from '../deadlines/dates.ts';

export type Intent =
  | { kind: 'help' }
  | { kind: 'reset' }
  | { kind: 'search'; text: string }
  | { kind: 'ask'; text: string }
  | { kind: 'classify'; text: string }
  | { kind: 'followup'; text: string }
  | { kind: 'check'; text: string }
  | { kind: 'draft'; text: string }
  | { kind: 'draft_answer'; text: string }
  | { kind: 'timeline'; text: string }
  | { kind: 'deadline'; event: string | null; code: string | null; date: string | null; text: string };

const ROUTE_QUESTION =
  /(该走什么途径|走什么途径|什么途径|属于哪类|属于什么类|怎么分类|如何分类|怎么分流|如何分流|该找谁|归谁管|哪个部门管|怎么处理这个(信访|事)|该怎么办理|依法分类)/;
const NARRATIVE = /(我|俺|我们|本人|信访人|来访人|群众|村民|反映|要求|请求)/;
const QUESTION = /[？?]|吗|呢|什么|多少|几|怎么|如何|哪|是否|能否|可否|可以.{0,6}吗/;

const EVENT_WORDS: [RegExp, string][] = [
  [/收到.{0,6}(复核请求|复核申请)/, 'recheck_request_received'],
  [/收到.{0,6}复查(意见|答复)/, 'review_reply_received'],
  [/收到.{0,6}(复查请求|复查申请)/, 'review_request_received'],
  [/收到.{0,8}(处理意见|答复|意见书)/, 'reply_received'],
  [/收到.{0,6}(转送|交办)/, 'transfer_received'],
  [/受理/, 'accepted'],
  [/收到.{0,6}(信访|来信|信件|事项)|来访|登记/, 'received'],
];

export function detectIntent(raw: string, hasPendingQuestions: boolean, drafting = false): Intent {
  const text = raw.trim();
  const command = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  if (command) {
    const [, name, rest = ''] = command;
    switch (name) {
      case 'help':
        return { kind: 'help' };
      case 'reset':
      case 'new':
        return { kind: 'reset' };
      case 'search':
        return { kind: 'search', text: rest };
      case 'classify':
        return { kind: 'classify', text: rest };
      case 'deadline':
        return deadlineIntent(rest);
      case 'check':
        return { kind: 'check', text: rest };
      case 'timeline':
        return { kind: 'timeline', text: rest };
      case 'draft':
        return { kind: 'draft', text: rest === '' ? '起草处理意见书' : rest };
      default:
        return { kind: 'ask', text: rest === '' ? text : rest };
    }
  }
  if (/^(帮助|help)$/i.test(text)) return { kind: 'help' };
  if (/^(新案件|重新开始|清空)$/.test(text)) return { kind: 'reset' };
  if (drafting && /^[^：:\n]{1,10}[：:]/.test(text)) return { kind: 'draft_answer', text };
  if (/(起草|草拟|拟一份|写一份|写个|生成).{0,8}(意见书|告知书|复查意见|复核意见|处理意见)/.test(text))
    return { kind: 'draft', text };
  // A pasted letter: a title near the top and a date near the end (a copy-to line may follow the signature).
  if (
    text.length > 120 &&
    /(意见书|告知书|答复书)/.test(text.slice(0, 120)) &&
    findDates(text.slice(-200)).length > 0
  ) {
    return { kind: 'check', text };
  }
  const dates = findDates(text);
  if (dates.length >= 2 && /(时限图|进度|各环节|是否超期|有没有超期|逾期)/.test(text))
    return { kind: 'timeline', text };
  if (dates.length > 0 && /(期限|时限|到期|截止|哪天|几号|什么时候|届满)/.test(text))
    return deadlineIntent(text);
  if (ROUTE_QUESTION.test(text))
    return { kind: 'classify', text: text.replace(ROUTE_QUESTION, '').replace(/[，,。？?]+$/, '') };
  if (hasPendingQuestions && text.length <= 60 && !QUESTION.test(text)) return { kind: 'followup', text };
  if (text.length >= 25 && NARRATIVE.test(text) && !QUESTION.test(text.slice(-12)))
    return { kind: 'classify', text };
  return { kind: 'ask', text };
}

function deadlineIntent(text: string): Intent {
  const code = /\b([a-z_]{4,})\b/.exec(text)?.[1] ?? null;
  const date = findDates(text)[0]?.date ?? null;
  let event: string | null = null;
  for (const [re, ev] of EVENT_WORDS) {
    if (re.test(text)) {
      event = ev;
      break;
    }
  }
  return { kind: 'deadline', event, code, date, text };
}
