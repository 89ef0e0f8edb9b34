/**
 * Reading a message against the dialogue state: explicit commands (/classify, /deadline…) win; then a drafting
 * answer, a pasted letter, a revision, a drafting request, dates; then the difference between a question (about the
 * case or not), a new fact about the case in focus, and a new case. Readable rules, tested by scripted dialogues.
 */
import { DeadlineCode, DeadlineEvent } from '../domain/deadlines.ts';
import { findDates } from '../skills/deadlines/dates.ts';

export type Intent =
  | { kind: 'help' }
  | { kind: 'reset' }
  | { kind: 'other'; text: string }
  | { kind: 'quiz'; text: string }
  | { kind: 'register'; text: string }
  | { kind: 'search'; text: string }
  | { kind: 'ask'; text: string; aboutCase?: boolean }
  | { kind: 'classify'; text: string }
  /** “这个该怎么分类？” with a case in focus and nothing new: show the case again. */
  | { kind: 'show_case'; text: string }
  | { kind: 'followup'; text: string }
  | { kind: 'check'; text: string }
  | { kind: 'revise'; text: string }
  | { kind: 'draft'; text: string }
  | { kind: 'draft_answer'; text: string }
  | { kind: 'timeline'; text: string }
  | { kind: 'case_deadline'; text: string }
  | { kind: 'deadline'; event: string | null; code: string | null; date: string | null; text: string };

/** What the reader knows of the state. */
export interface ReadContext {
  hasCase: boolean;
  hasPendingQuestions: boolean;
  drafting: boolean;
  hasLetter: boolean;
  hasCaseDates: boolean;
  /** Whether a text on its own reads as a petition matter (the classifier finds a route in it). */
  looksLikeCase?: (text: string) => boolean;
}

const ROUTE_QUESTION =
  /(这件事|这个|这事|这类|这种)?(该|应该|应当|要)?(走什么途径|什么途径|属于哪类|属于什么类|怎么分类|如何分类|怎么分流|如何分流|该找谁|归谁管|哪个部门管|怎么处理这个(信访|事)|该怎么办理|依法分类)(来着)?/;
const NARRATIVE = /(我|俺|我们|本人|信访人|来访人|群众|村民|居民|老乡|反映|要求|请求|举报|投诉|来信)/;
const QUESTION = /[？?]|吗|呢|什么|多少|几|怎么|如何|哪|是否|能否|可否|可以.{0,6}吗/;
const NEW_CASE =
  /^(另外一件|另一件|另外有|还有一件|又来了|又有|新来|新的|再问一件|换个事|下一件|有个来访人|有个信访人|有位|有人来信|收到一封|接到一封|接到一个|来了一个)/;
const CASE_REFERENCE =
  /(这种|这类|这个案子|这件事|这个事|这事|本案|该案|这封信|此案|该事项|这个信访|他|她|信访人|举报人|检举人|来访人)/;
const SMALL_TALK =
  /^(你好|您好|在吗|谢谢|多谢|感谢|好的|好|明白|明白了|收到|知道了|ok|OK|嗯|行)[，,。！!\s]*(谢谢|明白了|了)?[。！!]*$/;
const DRAFT_REQUEST =
  /(起草|草拟|拟一份|拟个|拟一个|写一份|写个|写一个|出一份|出个|出具|生成|起个|帮我写|帮忙写|帮忙拟|给他出|给她出)[^，。？?]{0,10}(意见书|告知书|回复|答复|文书|反馈|稿子|稿)|^(起草|草拟)|(书面回复|书面答复|书面反馈)$/;
const REVISE =
  /(改一下|修改|改正|改对|改成|重写|怎么改).{0,10}(救济|告知|那段|那句|这段|这句|段落)|(救济|告知)[^，。]{0,8}(改一下|修改|改对|改正|重写)/;
const QUIZ = /(考考我|出.{0,4}题|练习题|做题|测验|答题|测试一下)/;
/** “登记这个事项”: put the case in focus on the register (台账). */
const REGISTER =
  /(登记(这个|这件|此|该)?(事项|事|案子|件)|登记一下|录入台账|登记到台账|加入台账|登记入册|登记入台账)/;

const EVENT_WORDS: [RegExp, string][] = [
  [/收到.{0,6}(复核请求|复核申请)/, 'recheck_request_received'],
  [/收到.{0,6}复查(意见|答复)/, 'review_reply_received'],
  [/收到.{0,6}(复查请求|复查申请)/, 'review_request_received'],
  [/收到.{0,8}(处理意见|答复|意见书)/, 'reply_received'],
  [/收到.{0,6}(转送|交办)/, 'transfer_received'],
  [/受理/, 'accepted'],
  [/收到.{0,6}(信访|来信|信件|事项)|来访|登记/, 'received'],
];

/** The pre-dialogue reading (kept for callers without a state): pending questions and drafting only. */
export function detectIntent(raw: string, hasPendingQuestions: boolean, drafting = false): Intent {
  return readMessage(raw, {
    hasCase: hasPendingQuestions,
    hasPendingQuestions,
    drafting,
    hasLetter: false,
    hasCaseDates: false,
  });
}

export function readMessage(raw: string, ctx: ReadContext): Intent {
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
        return { kind: 'draft', text: rest === '' ? '起草' : `起草${rest}` };
      case 'quiz':
        return { kind: 'quiz', text: rest };
      default:
        return { kind: 'ask', text: rest === '' ? text : rest };
    }
  }
  if (/^(帮助|help)$/i.test(text)) return { kind: 'help' };
  if (/^(新案件|重新开始|清空)$/.test(text)) return { kind: 'reset' };
  if (SMALL_TALK.test(text)) return { kind: 'other', text };
  if (ctx.drafting && /^[^：:\n]{1,10}[：:]/.test(text)) return { kind: 'draft_answer', text };
  // A pasted letter: a title near the top and a date near the end (a copy-to line may follow the signature).
  if (
    text.length > 120 &&
    /(意见书|告知书|答复书)/.test(text.slice(0, 120)) &&
    findDates(text.slice(-200)).length > 0
  ) {
    return { kind: 'check', text };
  }
  if (ctx.hasLetter && REVISE.test(text)) return { kind: 'revise', text };
  if (ctx.hasCase && REGISTER.test(text) && text.length <= 30) return { kind: 'register', text };
  if (QUIZ.test(text) && text.length <= 30) return { kind: 'quiz', text };
  if (DRAFT_REQUEST.test(text) && text.length <= 80) return { kind: 'draft', text };
  const dates = findDates(text);
  if (dates.length >= 2 && /(时限图|进度|各环节|是否超期|有没有超期|逾期|超期)/.test(text))
    return { kind: 'timeline', text };
  if (dates.length > 0 && /(期限|时限|到期|截止|哪天|几号|什么时候|届满|最晚)/.test(text))
    return deadlineIntent(text);
  if (
    dates.length === 0 &&
    ctx.hasCaseDates &&
    /(什么时候到期|哪天到期|何时到期|到期|截止|届满|还剩几天|超期了吗|是否超期)/.test(text)
  )
    return { kind: 'case_deadline', text };
  const routeAsked = ROUTE_QUESTION.exec(text);
  if (routeAsked) {
    const rest = text
      .replace(routeAsked[0], '')
      .replace(/^(收到一封信|收到来信)[，,：:]?/, '')
      .replace(/[，,。？?\s]+$/, '')
      .replace(/^[，,。？?\s]+/, '');
    const substantive = rest.replace(/[^\u4e00-\u9fff]/g, '').length >= 8;
    if (!substantive && ctx.hasCase) return { kind: 'show_case', text };
    if (substantive && ctx.hasCase && !NEW_CASE.test(text) && rest.length <= 30)
      return { kind: 'followup', text: rest };
    return { kind: 'classify', text: rest === '' ? text.replace(routeAsked[0], '') : rest };
  }
  const question = QUESTION.test(text);
  if (question) {
    // A full case description that ends by asking what to do is a case, not a law question.
    if (!ctx.hasCase && text.length >= 40 && NARRATIVE.test(text) && !QUESTION.test(text.slice(0, 30)))
      return { kind: 'classify', text };
    return { kind: 'ask', text, aboutCase: ctx.hasCase && CASE_REFERENCE.test(text) };
  }
  if (ctx.hasCase) {
    const newCase =
      NEW_CASE.test(text) ||
      (text.length >= 30 &&
        NARRATIVE.test(text) &&
        !CASE_REFERENCE.test(text.slice(0, 6)) &&
        !/^(他|她|对方|该|这)/.test(text));
    if (newCase) return { kind: 'classify', text: text.replace(NEW_CASE, '').replace(/^[：:，,]/, '') };
    return { kind: 'followup', text };
  }
  if (ctx.hasPendingQuestions && text.length <= 60) return { kind: 'followup', text };
  if (text.length >= 25 && NARRATIVE.test(text)) return { kind: 'classify', text };
  if (ctx.looksLikeCase?.(text)) return { kind: 'classify', text };
  return { kind: 'ask', text };
}

function deadlineIntent(text: string): Intent {
  // Only a known deadline code or event code (`/deadline accepted 2026-08-02`) counts: a URL or a domain name in
  // the question is not one (“https”).
  const code =
    [...text.matchAll(/\b([a-z_]{4,})\b/g)]
      .map((m) => m[1] ?? '')
      .find((w) => DeadlineCode.safeParse(w).success || DeadlineEvent.safeParse(w).success) ?? null;
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
