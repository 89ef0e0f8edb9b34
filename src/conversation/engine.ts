/**
 * The dialogue engine for every chat surface (terminal, `xinfang chat --jsonl`, Slack). It keeps the case in focus
 * (its text, classification with facts, dates, parties, open questions, warnings), a draft in progress and the last
 * letter, stored per conversation so they survive restarts; reads each message against that state; and dispatches to
 * the skills. Side questions never reset the case; `/reset` does.
 */
import type { Classification } from '../domain/classification.ts';
import { DeadlineEvent } from '../domain/deadlines.ts';
import type { Finding } from '../domain/findings.ts';
import type { ArticleRef } from '../domain/law.ts';
import type { DraftType, LetterType } from '../domain/letters.ts';
import { isAppError } from '../errors.ts';
import type { DeadlineRule } from '../knowledge/schema.ts';
import type { LawCatalog } from '../retrieval/references.ts';
import type { Searcher } from '../retrieval/search.ts';
import type { Answerer } from '../skills/ask/ask.ts';
import type { LetterChecker } from '../skills/check/checker.ts';
import { formatReport } from '../skills/check/report.ts';
import { GENERIC_QUESTIONS } from '../skills/classify/classifier.ts';
import { formatClassification } from '../skills/classify/format.ts';
import { formatChineseDate } from '../skills/deadlines/dates.ts';
import type { DeadlineService } from '../skills/deadlines/deadlines.ts';
import { buildTimeline, formatTimeline } from '../skills/deadlines/timeline.ts';
import type { Drafter } from '../skills/letters/drafter.ts';
import type { ConversationStore } from '../storage/repositories/conversations.ts';
import {
  answeredQuestion,
  type CaseFocus,
  changedFacts,
  lapsedLimits,
  readDates,
  readParties,
} from './case.ts';
import {
  absorbAnswer,
  askForFields,
  type DraftData,
  isGenericRequest,
  missingFields,
  requestedLetterType,
} from './draft-dialog.ts';
import { type Intent, readMessage } from './intent.ts';
import { LETTER_NAME, letterFor, prefill, routeName } from './letters.ts';
import { caseLead, deadlineLead, type Lead, topicLead } from './questions.ts';
import { readCaseDates } from './timeline-intent.ts';

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface DialogueState {
  case?: CaseFocus;
  draft?: DraftData;
  /** The last letter checked or drafted, for “改一下救济途径那段”. */
  letter?: { text: string; letterType: LetterType; findings: Finding[] };
  /** The officer's agency, once named; kept across cases until /reset. */
  agency?: string;
  /** With a model: the last messages of the conversation, the agent's memory. */
  history?: { role: 'user' | 'assistant'; content: string }[];
}

/** The turn intents of the batch contract (`xinfang chat --jsonl`). */
export type TurnIntent =
  | 'ask'
  | 'classify'
  | 'classify_followup'
  | 'check'
  | 'draft'
  | 'draft_answer'
  | 'deadline'
  | 'timeline'
  | 'quiz'
  | 'register'
  | 'other';

export interface ConversationReply {
  /** How surfaces render the reply (Slack shows citations for ask, classify and followup). */
  kind:
    | 'help'
    | 'reset'
    | 'search'
    | 'ask'
    | 'classify'
    | 'followup'
    | 'deadline'
    | 'check'
    | 'draft'
    | 'quiz'
    | 'register'
    | 'other'
    | 'error';
  intent: TurnIntent;
  text: string;
  /** The governing article first. */
  citations: ArticleRef[];
  /** The case in focus after this message. */
  classification?: Classification;
  findings?: Finding[];
  draft?: { letterType: DraftType; missingFields: string[]; text?: string };
  engine?: 'model' | 'offline';
  /** A finished draft, for adapters that attach a .docx. */
  letter?: { letterType: LetterType; text: string };
  /** With a model: articles the answer cited that no tool returned (withheld from the text). */
  unverifiedCitations?: ArticleRef[];
}

export const CHAT_HELP = [
  '可以这样使用：',
  '· 描述一件信访事项（如“公司拖欠我三个月工资不发”）：给出类别、法定途径、承办机关、时限和需核实的事实；之后补充的事实会更新结论，并提示已过的时效。',
  '· 围绕这件事提问（“这种信件多少天内要转出去？”“举报人要求身份保密”），或问任何法规问题：先给出起决定作用的条文。',
  '· “帮我起草回复”：按事项选择文书种类，预填已知信息，只问缺少的几项（每行“字段：内容”）。',
  '· 时限：“2026年3月5日受理的，什么时候到期？”或 /deadline accepted 2026-03-05；“这个案子什么时候到期？”',
  '· 时限图：“时限图：2026年3月2日收到，3月5日受理，5月20日出具处理意见”或 /timeline …',
  '· 检查文书：直接粘贴文书全文（或 /check 全文）；之后可说“改一下救济途径那段”。',
  '· 检索条文：/search 条例第三十一条',
  '· /reset 开始一件新的事项；/help 显示本说明。',
].join('\n');

const MAX_CASE_TEXT = 4800;
const SHOWN_QUESTIONS = 3;

export interface ConversationDeps {
  ask: Answerer;
  searcher: Searcher;
  classify: (text: string) => Promise<Classification & { engine: 'model' | 'offline' }>;
  /** Offline reading of whether a short text is a petition matter at all (no model call per message). */
  recognise?: (text: string) => Classification;
  deadlines: DeadlineService;
  /** The deadline table, for questions about a time limit. */
  deadlineRules?: DeadlineRule[];
  checker: LetterChecker;
  drafter: Drafter;
  catalog: LawCatalog;
  store: ConversationStore;
  today?: () => string;
  /** Puts the case in focus on the register (登记台账); absent where there is no register. */
  register?: (args: {
    classification: Classification;
    summary: string;
    petitioner?: string;
  }) => Promise<{ id: string; next: { what: string; due: string } | null }>;
}

export class ConversationEngine {
  constructor(private readonly deps: ConversationDeps) {}

  private today(): string {
    return this.deps.today?.() ?? todayIso();
  }

  async handle(
    conversationId: string,
    message: string,
    onText?: (text: string) => void,
  ): Promise<ConversationReply> {
    const state = upgrade(await this.deps.store.get(conversationId));
    const recognise = this.deps.recognise;
    let intent = readMessage(message, {
      hasCase: state.case !== undefined,
      hasPendingQuestions: (state.case?.openQuestions.length ?? 0) > 0,
      drafting: state.draft !== undefined,
      hasLetter: state.letter !== undefined,
      hasCaseDates: Object.keys(state.case?.dates ?? {}).length > 0,
      ...(recognise ? { looksLikeCase: (t: string) => looksLikeCase(recognise, t) } : {}),
    });
    // A duty an officer mentions (“举报人要求身份保密”) is a question about the case, not a new fact.
    if (intent.kind === 'followup' && topicLead(intent.text))
      intent = { kind: 'ask', text: intent.text, aboutCase: true };
    try {
      const r = await this.dispatch(conversationId, state, intent, onText);
      const focus = (await this.load(conversationId)).case;
      return focus && r.classification === undefined && r.kind !== 'reset'
        ? { ...r, classification: focus.classification }
        : r;
    } catch (e) {
      // An expected failure is the reply; a bug (or an internal AppError) goes to the surface's failure reporter.
      if (isAppError(e) && e.code !== 'internal') return reply('error', 'other', e.userMessage);
      throw e;
    }
  }

  private async load(id: string): Promise<DialogueState> {
    return upgrade(await this.deps.store.get(id));
  }

  private async dispatch(
    id: string,
    state: DialogueState,
    intent: Intent,
    onText?: (text: string) => void,
  ): Promise<ConversationReply> {
    switch (intent.kind) {
      case 'help':
        return reply('help', 'other', CHAT_HELP);
      case 'reset':
        await this.deps.store.clear(id);
        return reply('reset', 'other', '已清空当前事项，可以描述新的信访事项。');
      case 'other':
        return reply(
          'other',
          'other',
          state.case
            ? `好的。当前事项：${routeName(state.case.classification)}。可以继续补充事实、提问，或说“帮我起草回复”。`
            : '您好，可以直接描述一件信访事项、提问法规问题，或粘贴文书请我检查。输入 /help 查看用法。',
        );
      case 'register': {
        if (!state.case || !this.deps.register)
          return reply(
            'register',
            'register',
            state.case ? '当前没有可用的事项台账。' : '请先描述要登记的信访事项，分类后再说“登记这个事项”。',
          );
        const c = state.case;
        const saved = await this.deps.register({
          classification: c.classification,
          summary: c.text.slice(0, 500),
          ...(c.parties.petitioner ? { petitioner: c.parties.petitioner } : {}),
        });
        const next = saved.next
          ? `下一时限：${saved.next.what}，${formatChineseDate(saved.next.due)}前。`
          : '';
        return reply(
          'register',
          'register',
          `已登记到事项台账，编号 ${saved.id}（${routeName(c.classification)}）。${next}记录受理、转送、答复等进展后，各项法定时限由系统计算并提醒。`,
        );
      }
      case 'quiz':
        return reply(
          'quiz',
          'quiz',
          '法规练习题请在终端运行 npx xinfang quiz（--review 复习错题），或在 Slack 中使用“开始答题”。当前事项保留，可继续提问。',
        );
      case 'search': {
        const r = await this.deps.searcher.search(intent.text, { limit: 5 });
        const lines = [
          ...r.notices,
          ...r.hits.map((h, i) => `${i + 1}. 《${h.law}》${h.label}：${h.snippet}`),
        ];
        return reply(
          'search',
          'ask',
          lines.join('\n') || '没有找到相关条文。',
          r.hits.map((h) => ({ law: h.law, article: h.article })),
        );
      }
      case 'classify':
        return await this.newCase(id, state, intent.text);
      case 'show_case':
        return state.case
          ? {
              ...reply(
                'classify',
                'classify',
                this.caseText(state.case),
                state.case.classification.legalBasis,
              ),
              classification: state.case.classification,
            }
          : reply('classify', 'classify', '请先描述信访事项：信访人反映的问题和诉求。');
      case 'followup':
        return state.case
          ? await this.addFact(id, state, state.case, intent.text)
          : await this.newCase(id, state, intent.text);
      case 'deadline':
        return this.deadline(intent);
      case 'case_deadline':
        return this.caseDeadline(state.case);
      case 'timeline': {
        const t = buildTimeline(this.deps.deadlines, readCaseDates(intent.text), this.today());
        return reply(
          'deadline',
          'timeline',
          formatTimeline(t),
          t.steps.filter((x) => x.due).map((x) => this.deps.deadlines.rule(x.code).basis),
        );
      }
      case 'check': {
        const r = this.deps.checker.check(intent.text);
        await this.deps.store.put(id, {
          ...state,
          letter: { text: intent.text, letterType: r.letterType, findings: r.findings },
        } satisfies DialogueState);
        return {
          ...reply(
            'check',
            'check',
            formatReport(intent.text, r),
            r.findings.flatMap((f) => f.basis),
          ),
          findings: r.findings,
        };
      }
      case 'revise':
        return this.revise(state);
      case 'draft':
        return await this.startDraft(id, state, intent.text);
      case 'draft_answer':
        return await this.continueDraft(id, state, intent.text);
      default:
        return await this.answer(state, intent.text, onText);
    }
  }

  // —— the case in focus ——

  private async newCase(id: string, state: DialogueState, text: string): Promise<ConversationReply> {
    const caseText = text.slice(-MAX_CASE_TEXT);
    const { engine, ...classification } = await this.deps.classify(caseText);
    const parties = readParties(caseText);
    const focus: CaseFocus = {
      text: caseText,
      classification,
      openQuestions: classification.missingFacts,
      answered: [],
      dates: readDates(caseText, this.today()),
      parties,
      warnings: lapsedLimits(caseText, classification.timeLimits, this.today()),
    };
    const { draft: _draft, ...rest } = state;
    await this.deps.store.put(id, {
      ...rest,
      case: focus,
      ...(parties.agency ? { agency: parties.agency } : {}),
    } satisfies DialogueState);
    const head = state.case ? '（已切换到新的事项；之前的事项已放下。）\n' : '';
    return {
      ...reply('classify', 'classify', `${head}${this.caseText(focus)}`, classification.legalBasis),
      classification,
      engine,
    };
  }

  private caseText(focus: CaseFocus): string {
    const c = { ...focus.classification, missingFacts: focus.openQuestions };
    const warnings = focus.warnings.map((w) => `⚠ ${w}`).join('\n');
    const tail =
      focus.openQuestions.length > 0
        ? '\n（可直接回答上述问题，我会据此更新结论；/reset 开始新的事项。）'
        : '';
    return `${formatClassification(c)}${warnings ? `\n${warnings}` : ''}${tail}`;
  }

  private async addFact(
    id: string,
    state: DialogueState,
    focus: CaseFocus,
    message: string,
  ): Promise<ConversationReply> {
    const text = `${focus.text}。${message}`.slice(-MAX_CASE_TEXT);
    const before = focus.classification;
    const { engine, ...after } = await this.deps.classify(text);
    const answered = answeredQuestion(focus.openQuestions, message);
    const done = [...focus.answered, ...(answered ? [answered] : [])];
    const sameRoute =
      before.channel === after.channel &&
      before.subchannel === after.subchannel &&
      before.admissibility === after.admissibility;
    const openQuestions = (sameRoute ? focus.openQuestions : after.missingFacts).filter(
      (q) => !done.includes(q),
    );
    const parties = { ...focus.parties, ...readParties(message) };
    const warnings = lapsedLimits(text, after.timeLimits, this.today());
    const next: CaseFocus = {
      text,
      classification: after,
      openQuestions,
      answered: done,
      dates: {
        ...focus.dates,
        ...readDates(message, focus.dates.received ?? focus.dates.accepted ?? this.today()),
      },
      parties,
      warnings,
    };
    await this.deps.store.put(id, {
      ...state,
      case: next,
      ...(parties.agency ? { agency: parties.agency } : {}),
    } satisfies DialogueState);

    const facts = changedFacts(before, after);
    const newDates = Object.keys(next.dates).length > Object.keys(focus.dates).length;
    const lines: string[] = [];
    const why = facts.length > 0 ? `新事实：${facts.join('；')}。` : '';
    if (sameRoute) {
      lines.push(`根据补充的事实，途径不变：${routeLine(after)}。${why}`);
      if (parties.agency && parties.agency !== focus.parties.agency)
        lines.push(`已记录办理机关：${parties.agency}。`);
      if (newDates) lines.push(`已记录日期：${datesLine(next.dates)}。`);
      for (const w of warnings.filter((x) => !focus.warnings.includes(x))) lines.push(`⚠ ${w}`);
      if (answered) lines.push(`已核实：${answered.replace(/？.*$/, '')}。`);
      if (openQuestions.length > 0) {
        lines.push('还需核实：');
        for (const [i, q] of openQuestions.slice(0, SHOWN_QUESTIONS).entries())
          lines.push(`  ${i + 1}. ${q}`);
      }
      return {
        ...reply('followup', 'classify_followup', lines.join('\n'), after.legalBasis),
        classification: after,
        engine,
      };
    }
    lines.push(`根据补充的事实，结论调整：${routeLine(before)} → ${routeLine(after)}。${why}`);
    return {
      ...reply(
        'followup',
        'classify_followup',
        `${lines.join('\n')}\n${this.caseText(next)}`,
        after.legalBasis,
      ),
      classification: after,
      engine,
    };
  }

  // —— questions ——

  private async answer(
    state: DialogueState,
    question: string,
    onText?: (text: string) => void,
  ): Promise<ConversationReply> {
    const focus = state.case;
    const lead: Lead | null =
      topicLead(question) ??
      deadlineLead(question, this.deps.deadlineRules ?? [], focus?.classification) ??
      (focus ? caseLead(question, focus.classification, focus.warnings) : null);
    const r = await this.deps.ask.ask(question, lead ? undefined : onText);
    if (!lead) return { ...reply('ask', 'ask', r.answer, r.citations), engine: r.engine };
    const seen = new Set(lead.citations.map((c) => `${c.law}#${c.article}`));
    const more = r.citations.filter((c) => !seen.has(`${c.law}#${c.article}`));
    const text = more.length > 0 ? `${lead.text}\n\n相关条文：\n${r.answer}` : lead.text;
    return { ...reply('ask', 'ask', text, [...lead.citations, ...more]), engine: r.engine };
  }

  private caseDeadline(focus: CaseFocus | undefined): ConversationReply {
    if (!focus) return reply('deadline', 'deadline', '请先写明事项的收到或受理日期。');
    const t = buildTimeline(this.deps.deadlines, focus.dates, this.today());
    const due = t.steps.filter((x) => x.due);
    const basis = due.map((x) => this.deps.deadlines.rule(x.code).basis);
    const handle = basis.findIndex((b) => b.article === 34);
    const ordered =
      handle > 0 ? [basis[handle] as ArticleRef, ...basis.filter((_, i) => i !== handle)] : basis;
    return reply(
      'deadline',
      'deadline',
      `按本事项的日期（${datesLine(focus.dates)}）：\n${formatTimeline(t)}`,
      ordered,
    );
  }

  private deadline(intent: {
    event: string | null;
    code: string | null;
    date: string | null;
  }): ConversationReply {
    if (!intent.date)
      return reply('deadline', 'deadline', '请写明起算日期，例如“2026年3月5日受理的，什么时候到期？”');
    const event = intent.code && DeadlineEvent.safeParse(intent.code).success ? intent.code : intent.event;
    const r =
      intent.code && !DeadlineEvent.safeParse(intent.code).success
        ? this.deps.deadlines.compute(intent.code, intent.date)
        : event
          ? this.deps.deadlines.computeEvent(event, intent.date)
          : null;
    if (!r) {
      return reply(
        'deadline',
        'deadline',
        '请说明该日期是什么事件：收到信访事项、受理、收到转送交办、信访人收到处理意见书、收到复查请求、收到复查意见或收到复核请求。',
      );
    }
    const lines = r.items.map(
      (i) =>
        `· ${i.what}：${formatChineseDate(i.due)}前（《${i.basis.law}》第${i.basis.article}条）\n  ${i.rule}`,
    );
    // The limit the officer most likely asks about (the handling limit after acceptance) leads.
    const items = [...r.items].sort(
      (a, b) => Number(b.basis.article === 34) - Number(a.basis.article === 34),
    );
    return reply(
      'deadline',
      'deadline',
      [...lines, ...r.warnings.map((w) => `提示：${w}`)].join('\n'),
      items.map((i) => i.basis),
    );
  }

  // —— letters ——

  private revise(state: DialogueState): ConversationReply {
    const letter = state.letter;
    if (!letter) return reply('draft', 'draft', '请先粘贴要修改的文书全文。');
    const fixes = letter.findings.filter(
      (f) => /REMEDY|FINALITY|LITIGATION/.test(f.code) && f.suggestion && f.span,
    );
    if (fixes.length === 0)
      return reply('draft', 'draft', '这份文书的救济途径段落没有发现需要修改的问题。', []);
    let text = letter.text;
    const notes: string[] = [];
    for (const f of fixes) {
      const [s, e] = f.span as [number, number];
      const start = Math.max(text.lastIndexOf('\n', s), text.lastIndexOf('。', s - 1)) + 1;
      const endNl = text.indexOf('\n', e);
      const end = endNl === -1 ? text.length : endNl;
      const original = letter.text.slice(start, end);
      if (!text.includes(original)) continue;
      text = text.replace(original, f.suggestion as string);
      notes.push(`原文：${original.trim()}\n改为：${f.suggestion}\n理由：${f.message}`);
    }
    const after = this.deps.checker.check(text);
    return {
      ...reply(
        'draft',
        'draft',
        `${notes.join('\n\n')}\n\n修改后的全文：\n${text}`,
        fixes.flatMap((f) => f.basis),
      ),
      findings: after.findings,
      draft: {
        letterType: after.letterType === 'other' ? 'handling_opinion' : after.letterType,
        missingFields: [],
        text,
      },
    };
  }

  private async startDraft(id: string, state: DialogueState, text: string): Promise<ConversationReply> {
    const requested = requestedLetterType(text);
    const focus = state.case;
    const recommended = focus ? letterFor(focus.classification) : null;
    const insist = /(仍|还是|就|坚持)(要|按|用)?.{0,6}(意见书|告知书)/.test(text);
    let letterType: DraftType = requested ?? 'handling_opinion';
    const notes: string[] = [];
    if (recommended) {
      if (requested && requested !== recommended.type && !isGenericRequest(text) && !insist) {
        notes.push(
          `本事项不宜出具${LETTER_NAME[requested]}：${recommended.why}。已改按${LETTER_NAME[recommended.type]}起草；如确需${LETTER_NAME[requested]}，请说“仍按${LETTER_NAME[requested]}起草”。`,
        );
        letterType = recommended.type;
      } else if (!(insist && requested)) {
        letterType = recommended.type;
        if (!requested || isGenericRequest(text))
          notes.push(`按本事项应出具${LETTER_NAME[letterType]}：${recommended.why}。`);
      }
    }
    const draft: DraftData = { letterType };
    const problems = absorbAnswer(draft, text, this.deps.catalog);
    const filled = prefill(draft, focus, state.agency);
    await this.deps.store.put(id, { ...state, draft } satisfies DialogueState);
    const missing = missingFields(draft);
    const lines = [`好的，起草${LETTER_NAME[letterType]}。`, ...notes];
    if (filled.length > 0) lines.push(`已从本事项中预填：${filled.join('、')}（如需更正，用“字段：内容”）。`);
    if (problems.length > 0) lines.push(problems.join('；'));
    lines.push(askForFields(missing));
    return {
      ...reply('draft', 'draft', lines.join('\n')),
      draft: { letterType, missingFields: missing.map((f) => f.key) },
    };
  }

  private async continueDraft(id: string, state: DialogueState, text: string): Promise<ConversationReply> {
    const draft = state.draft ?? { letterType: 'handling_opinion' };
    const problems = absorbAnswer(draft, text, this.deps.catalog);
    const missing = missingFields(draft);
    const agency = typeof draft.handlingBody === 'string' ? draft.handlingBody : state.agency;
    const out = (t: string): ConversationReply => ({
      ...reply('draft', 'draft_answer', t),
      draft: { letterType: draft.letterType, missingFields: missing.map((f) => f.key) },
    });
    if (missing.length > 0) {
      await this.deps.store.put(id, {
        ...state,
        draft,
        ...(agency ? { agency } : {}),
      } satisfies DialogueState);
      return out(`${problems.length > 0 ? `${problems.join('；')}。\n` : ''}${askForFields(missing)}`);
    }
    const { problems: invalid } = this.deps.drafter.validate(draft);
    if (invalid.length > 0) {
      await this.deps.store.put(id, { ...state, draft } satisfies DialogueState);
      return out(
        `信息已齐，但有以下问题，请用“字段：内容”更正：\n${invalid.map((p) => `· ${p.field}：${p.message}`).join('\n')}`,
      );
    }
    const r = this.deps.drafter.draft(draft);
    const { draft: _done, ...rest } = state;
    await this.deps.store.put(id, {
      ...rest,
      ...(agency ? { agency } : {}),
      letter: { text: r.text, letterType: r.letterType, findings: r.findings },
    } satisfies DialogueState);
    const check =
      r.findings.length > 0 ? `\n\n${formatReport(r.text, r)}` : '\n\n（已自动检查：未发现问题。）';
    return {
      ...reply('draft', 'draft_answer', `${r.text}${check}`, [...r.input.legalBasis]),
      findings: r.findings,
      letter: { letterType: r.letterType, text: r.text },
      draft: { letterType: r.input.letterType, missingFields: [], text: r.text },
    };
  }
}

/** The engine under the name the surfaces used before the dialogue engine. */
export { ConversationEngine as ChatAssistant };

function looksLikeCase(recognise: (text: string) => Classification, text: string): boolean {
  try {
    const c = recognise(text);
    return c.missingFacts[0] !== GENERIC_QUESTIONS[0] && c.confidence >= 0.3;
  } catch {
    return false;
  }
}

/** Reads a stored state, including the shape stored before the dialogue engine ({caseText, classification…}). */
export function readDialogueState(raw: unknown): DialogueState {
  return upgrade(raw);
}

function upgrade(raw: unknown): DialogueState {
  if (!raw || typeof raw !== 'object') return {};
  const s = raw as DialogueState & {
    caseText?: string;
    classification?: Classification;
    pendingQuestions?: string[];
  };
  if (s.case || !s.caseText || !s.classification) {
    const { caseText: _t, classification: _c, pendingQuestions: _p, ...rest } = s;
    return rest;
  }
  const { caseText, classification, pendingQuestions, ...rest } = s;
  return {
    ...rest,
    case: {
      text: caseText,
      classification,
      openQuestions: pendingQuestions ?? classification.missingFacts,
      answered: [],
      dates: {},
      parties: {},
      warnings: [],
    },
  };
}

function routeLine(c: Classification): string {
  return `${routeName(c)}${c.article31Item ? `（条例第三十一条第（${c.article31Item}）项）` : ''}`;
}

const DATE_LABEL: Record<string, string> = {
  received: '收到',
  accepted: '受理',
  replyIssued: '出具处理意见',
  replyReceived: '收到处理意见',
  reviewRequestReceived: '收到复查请求',
  reviewReplyIssued: '出具复查意见',
  reviewReplyReceived: '收到复查意见',
  recheckRequestReceived: '收到复核请求',
  recheckReplyIssued: '出具复核意见',
};

function datesLine(dates: CaseFocus['dates']): string {
  return Object.entries(dates)
    .filter(([k, v]) => typeof v === 'string' && DATE_LABEL[k])
    .map(([k, v]) => `${DATE_LABEL[k]} ${formatChineseDate(v as string)}`)
    .join('，');
}

function reply(
  kind: ConversationReply['kind'],
  intent: TurnIntent,
  text: string,
  citations: ArticleRef[] = [],
): ConversationReply {
  return { kind, intent, text, citations };
}
