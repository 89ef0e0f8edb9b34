/**
 * ChatAssistant: one conversation turn for any chat surface (terminal, Slack). Routes the message to a skill,
 * keeps the case being classified in the conversation state (stored, so it survives restarts), and refines the
 * classification when the officer answers the follow-up questions instead of asking them again.
 */
import type { Classification } from '../../domain/classification.ts';
import { DeadlineEvent } from '../../domain/deadlines.ts';
import type { Finding } from '../../domain/findings.ts';
import type { ArticleRef } from '../../domain/law.ts';
import type { LetterType } from '../../domain/letters.ts';
import { isAppError } from '../../errors.ts';
import type { LawCatalog } from '../../retrieval/references.ts';
import type { Searcher } from '../../retrieval/search.ts';
import type { ConversationStore } from '../../storage/repositories/conversations.ts';
import type { Answerer } from '../ask/ask.ts';
import type { LetterChecker } from '../check/checker.ts';
import { formatReport } from '../check/report.ts';
import { CHANNEL_NAME, formatClassification, SUBCHANNEL_NAME } from '../classify/format.ts';
import { formatChineseDate } from '../deadlines/dates.ts';
import type { DeadlineService } from '../deadlines/deadlines.ts';
import { buildTimeline, formatTimeline } from '../deadlines/timeline.ts';
import type { Drafter } from '../letters/drafter.ts';
import {
  absorbAnswer,
  askForFields,
  type DraftData,
  missingFields,
  requestedLetterType,
} from './draft-dialog.ts';
import { detectIntent } from './intent.ts';
import { readCaseDates } from './timeline-intent.ts';

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface ChatState {
  caseText?: string;
  classification?: Classification;
  pendingQuestions?: string[];
  draft?: DraftData;
}

export interface ChatReply {
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
    | 'error';
  text: string;
  citations: ArticleRef[];
  classification?: Classification;
  findings?: Finding[];
  engine?: 'model' | 'offline';
  /** A finished draft, for adapters that attach a .docx. */
  letter?: { letterType: LetterType; text: string };
}

export const CHAT_HELP = [
  '可以这样使用：',
  '· 直接提问：“信访人对处理意见不服，多久内可以请求复查？”',
  '· 描述一件信访事项，或问“这件事该走什么途径”：给出类别、法定途径、承办机关、时限和需核实的事实；回答追问后结论会更新。',
  '· 时限：“2026年3月5日受理的，什么时候到期？”或 /deadline accepted 2026-03-05',
  '· 时限图：“时限图：2026年3月2日收到，3月5日受理，5月20日出具处理意见”或 /timeline …',
  '· 检索条文：/search 条例第三十一条',
  '· 检查文书：直接粘贴处理意见书、复查/复核意见书或告知书全文（或 /check 全文）。',
  '· 起草文书：“帮我起草一份处理意见书”，按提示补充信息。',
  '· /reset 开始一件新的事项；/help 显示本说明。',
].join('\n');

const MAX_CASE_TEXT = 4800;

export class ChatAssistant {
  constructor(
    private readonly deps: {
      ask: Answerer;
      searcher: Searcher;
      classify: (text: string) => Promise<Classification & { engine: 'model' | 'offline' }>;
      deadlines: DeadlineService;
      checker: LetterChecker;
      drafter: Drafter;
      catalog: LawCatalog;
      store: ConversationStore;
      /** With a model: fields read from free-text case notes (the drafter still validates them). */
      extractFields?: (notes: string) => Promise<Record<string, unknown>>;
    },
  ) {}

  async handle(conversationId: string, message: string, onText?: (text: string) => void): Promise<ChatReply> {
    const state = ((await this.deps.store.get(conversationId)) as ChatState | null) ?? {};
    const intent = detectIntent(
      message,
      (state.pendingQuestions?.length ?? 0) > 0,
      state.draft !== undefined,
    );
    try {
      switch (intent.kind) {
        case 'help':
          return reply('help', CHAT_HELP);
        case 'reset':
          await this.deps.store.clear(conversationId);
          return reply('reset', '已清空当前事项，可以描述新的信访事项。');
        case 'search': {
          const r = await this.deps.searcher.search(intent.text, { limit: 5 });
          const lines = [
            ...r.notices,
            ...r.hits.map((h, i) => `${i + 1}. 《${h.law}》${h.label}：${h.snippet}`),
          ];
          return reply(
            'search',
            lines.join('\n') || '没有找到相关条文。',
            r.hits.map((h) => ({ law: h.law, article: h.article })),
          );
        }
        case 'classify':
          return await this.classify(conversationId, intent.text, null);
        case 'followup':
          return await this.classify(
            conversationId,
            `${state.caseText ?? ''}。${intent.text}`,
            state.classification ?? null,
          );
        case 'deadline':
          return this.deadline(intent);
        case 'check': {
          const r = this.deps.checker.check(intent.text);
          return {
            ...reply(
              'check',
              formatReport(intent.text, r.letterType, r.findings),
              r.findings.flatMap((f) => f.basis),
            ),
            findings: r.findings,
          };
        }
        case 'draft':
          return await this.startDraft(conversationId, state, intent.text);
        case 'timeline': {
          const t = buildTimeline(this.deps.deadlines, readCaseDates(intent.text), todayIso());
          return reply(
            'deadline',
            formatTimeline(t),
            t.steps.filter((x) => x.due).map((x) => this.deps.deadlines.rule(x.code).basis),
          );
        }
        case 'draft_answer':
          return await this.continueDraft(conversationId, state, intent.text);
        default: {
          const r = await this.deps.ask.ask(intent.text, onText);
          return { ...reply('ask', r.answer, r.citations), engine: r.engine };
        }
      }
    } catch (e) {
      if (isAppError(e)) return reply('error', e.userMessage);
      throw e;
    }
  }

  private async classify(
    conversationId: string,
    caseText: string,
    previous: Classification | null,
  ): Promise<ChatReply> {
    const text = caseText.slice(-MAX_CASE_TEXT);
    const { engine, ...classification } = await this.deps.classify(text);
    const c = classification;
    const answered = previous ? previous.missingFacts.length - c.missingFacts.length : 0;
    await this.deps.store.put(conversationId, {
      caseText: text,
      classification,
      pendingQuestions: c.missingFacts,
    } satisfies ChatState);
    const head: string[] = [];
    if (previous) {
      const before = routeName(previous);
      const after = routeName(c);
      head.push(
        before === after && previous.admissibility === c.admissibility
          ? `根据补充的事实，途径不变：${after}。`
          : `根据补充的事实，结论调整：${before} → ${after}。`,
      );
      if (answered > 0) head.push(`已核实 ${answered} 项事实。`);
    }
    const tail =
      c.missingFacts.length > 0 ? '\n（可直接回答上述问题，我会据此更新结论；/reset 开始新的事项。）' : '';
    return {
      kind: previous ? 'followup' : 'classify',
      text: `${head.join('')}${head.length > 0 ? '\n' : ''}${formatClassification(classification)}${tail}`,
      citations: c.legalBasis,
      classification,
      engine,
    };
  }

  private async startDraft(conversationId: string, state: ChatState, text: string): Promise<ChatReply> {
    const letterType = requestedLetterType(text) ?? 'handling_opinion';
    const draft: DraftData = { letterType };
    const problems = absorbAnswer(draft, text, this.deps.catalog);
    const notes = text.replace(/^.*?(意见书|告知书)[：:，,。]?/, '');
    if (this.deps.extractFields && notes.length >= 30) {
      try {
        Object.assign(draft, await this.deps.extractFields(notes), { letterType });
      } catch {
        problems.push('未能从案件记录中自动提取字段，请按提示补充');
      }
    }
    await this.deps.store.put(conversationId, { ...state, draft } satisfies ChatState);
    const names: Record<string, string> = {
      handling_opinion: '信访事项处理意见书',
      review_opinion: '信访事项复查意见书',
      recheck_opinion: '信访事项复核意见书',
      redirect_notice: '告知书',
    };
    return reply(
      'draft',
      `好的，起草${names[letterType] ?? '文书'}。${problems.join('；')}\n${askForFields(missingFields(draft))}`,
    );
  }

  private async continueDraft(conversationId: string, state: ChatState, text: string): Promise<ChatReply> {
    const draft = state.draft ?? { letterType: 'handling_opinion' };
    const problems = absorbAnswer(draft, text, this.deps.catalog);
    const missing = missingFields(draft);
    if (missing.length > 0) {
      await this.deps.store.put(conversationId, { ...state, draft } satisfies ChatState);
      return reply(
        'draft',
        `${problems.length > 0 ? `${problems.join('；')}。\n` : ''}${askForFields(missing)}`,
      );
    }
    const { problems: invalid } = this.deps.drafter.validate(draft);
    if (invalid.length > 0) {
      await this.deps.store.put(conversationId, { ...state, draft } satisfies ChatState);
      return reply(
        'draft',
        `信息已齐，但有以下问题，请用“字段：内容”更正：\n${invalid.map((p) => `· ${p.field}：${p.message}`).join('\n')}`,
      );
    }
    const r = this.deps.drafter.draft(draft);
    const { draft: _done, ...rest } = state;
    await this.deps.store.put(conversationId, rest satisfies ChatState);
    const check =
      r.findings.length > 0
        ? `\n\n${formatReport(r.text, r.letterType, r.findings)}`
        : '\n\n（已自动检查：未发现问题。）';
    return {
      ...reply('draft', `${r.text}${check}`, [...r.input.legalBasis]),
      findings: r.findings,
      letter: { letterType: r.letterType, text: r.text },
    };
  }

  private deadline(intent: { event: string | null; code: string | null; date: string | null }): ChatReply {
    if (!intent.date) return reply('deadline', '请写明起算日期，例如“2026年3月5日受理的，什么时候到期？”');
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
        '请说明该日期是什么事件：收到信访事项、受理、收到转送交办、信访人收到处理意见书、收到复查请求、收到复查意见或收到复核请求。',
      );
    }
    const lines = r.items.map(
      (i) =>
        `· ${i.what}：${formatChineseDate(i.due)}前（《${i.basis.law}》第${i.basis.article}条）\n  ${i.rule}`,
    );
    return reply(
      'deadline',
      [...lines, ...r.warnings.map((w) => `提示：${w}`)].join('\n'),
      r.items.map((i) => i.basis),
    );
  }
}

function routeName(c: Classification): string {
  return `${CHANNEL_NAME[c.channel] ?? c.channel}${c.subchannel ? ` — ${SUBCHANNEL_NAME[c.subchannel] ?? c.subchannel}` : ''}`;
}

function reply(kind: ChatReply['kind'], text: string, citations: ArticleRef[] = []): ChatReply {
  return { kind, text, citations };
}
