/**
 * Composition root: builds every service from configuration and hands them to an adapter (CLI, Slack, eval).
 * Nothing else constructs clients or opens storage.
 */
import type { Config } from './config.ts';
import type { Conversation } from './conversation/agent.ts';
import { ConversationEngine } from './conversation/engine.ts';
import { type BatchOutcome, ingestFiles } from './ingest/ingest.ts';
import { loadHolidayArrangements } from './knowledge/holidays.ts';
import { type Knowledge, loadKnowledge } from './knowledge/load.ts';
import { ModelAskService } from './llm/grounded-ask.ts';
import { type ChatModel, CircuitBreakerModel, OpenAIChatModel, RedactingModel } from './llm/model.ts';
import { ModelClassifier } from './llm/model-classifier.ts';
import type { PromptLibrary } from './llm/prompts.ts';
import { loadGeneratedQuestions } from './llm/quiz-generator.ts';
import { createLogger, type Logger } from './log.ts';
import { Catalog } from './retrieval/catalog.ts';
import { type Embedder, HashingEmbedder, OpenAIEmbedder } from './retrieval/embedder.ts';
import { clearEmbeddings, type SyncReport, syncChunks } from './retrieval/index-sync.ts';
import { LawLibrary } from './retrieval/library.ts';
import { Searcher } from './retrieval/search.ts';
import { readLegalDictionary, Tokenizer } from './retrieval/tokenize.ts';
import { type Answerer, AskService } from './skills/ask/ask.ts';
import { LetterChecker } from './skills/check/checker.ts';
import { Classifier } from './skills/classify/classifier.ts';
import { OfficialCalendar } from './skills/deadlines/calendar.ts';
import { DeadlineService } from './skills/deadlines/deadlines.ts';
import { Drafter } from './skills/letters/drafter.ts';
import { RemedyTable } from './skills/letters/remedies.ts';
import { QuizBank } from './skills/quiz/bank.ts';
import { QuizService } from './skills/quiz/service.ts';
import { RegisterService } from './skills/register/service.ts';
import type { Db } from './storage/db.ts';
import { type OpenOptions, openDb } from './storage/open.ts';
import { dbConversationStore } from './storage/repositories/conversations.ts';
import { listLaws } from './storage/repositories/laws.ts';

export type Progress = (done: number, total: number) => void;

export interface AppOptions {
  /** Use this database instead of opening one from configuration (tests). */
  db?: Db;
  knowledge?: Knowledge;
  onEmbedProgress?: Progress;
  /** Use this chat model instead of the configured one (tests); null forces the offline engine. */
  model?: ChatModel | null;
  /** Drop stored vectors first and embed everything with the configured embedder (`xinfang reindex`). */
  resetEmbeddings?: boolean;
  /** How storage is opened (e.g. how long to wait for the embedded data directory's lock). */
  storage?: OpenOptions;
}

/** The working-day calendar every surface uses: the official data plus the agency's arrangement file, if any. */
function createCalendar(config: Config): OfficialCalendar {
  return new OfficialCalendar(
    undefined,
    config.holidaysFile ? loadHolidayArrangements(config.holidaysFile) : [],
  );
}

/** The deadline service without the rest of the app (the deadline commands need no database). */
export function createDeadlineService(
  config: Config,
  knowledge: Knowledge = loadKnowledge(),
): DeadlineService {
  return new DeadlineService(knowledge.deadlines, createCalendar(config));
}

async function createEmbedder(config: Config): Promise<Embedder | null> {
  if (config.embedder === 'none') return null;
  if (config.embedder === 'openai') {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({
      apiKey: config.openai.apiKey ?? 'unused',
      baseURL: config.openai.baseUrl ?? null,
    });
    return new OpenAIEmbedder(
      client,
      config.openai.embeddingModel ?? '',
      config.openai.embeddingDim ?? 0,
      config.redact,
    );
  }
  return new HashingEmbedder();
}

/** The configured chat model, wrapped in redaction and a circuit breaker; null when none is configured. */
export async function createChatModel(config: Config, log: Logger): Promise<ChatModel | null> {
  if (!config.openai.chatReady) return null;
  const { default: OpenAI } = await import('openai');
  const client = new OpenAI({
    apiKey: config.openai.apiKey ?? 'not-needed',
    baseURL: config.openai.baseUrl ?? null,
    timeout: config.openai.timeoutMs,
    maxRetries: 2,
  });
  return new CircuitBreakerModel(
    new RedactingModel(new OpenAIChatModel(client, config.openai.chatModel ?? '', log), config.redact),
  );
}

export class App {
  searcher!: Searcher;
  ask!: AskService;
  library!: LawLibrary;
  lastSync: SyncReport = { added: 0, removed: 0, embedded: 0 };
  readonly deadlines: DeadlineService;
  /** The case register (matters, their limits, reminders, yearly figures). */
  readonly register: RegisterService;
  classifier!: Classifier;
  /** Every chat surface: the tool-calling agent when a model is configured, else the deterministic engine. */
  chat!: Conversation;
  /** The deterministic dialogue engine (commands, and the answer whenever the model fails). */
  dialogue!: ConversationEngine;
  checker!: LetterChecker;
  drafter!: Drafter;
  quiz!: QuizService;
  /** The answering engine: the model when configured (grounded, verified), else the offline engine. */
  answerer!: Answerer;
  modelClassifier: ModelClassifier | null = null;
  model: ChatModel | null = null;
  /** Prompt files, loaded (with LangChain) only when a model is configured: the offline engine needs none. */
  prompts: PromptLibrary | null = null;
  readonly remedies = RemedyTable.load();
  /** The working-day calendar (official data plus the agency's arrangement file). */
  readonly calendar: OfficialCalendar;

  private constructor(
    readonly config: Config,
    readonly db: Db,
    readonly knowledge: Knowledge,
    readonly catalog: Catalog,
    readonly tokenizer: Tokenizer,
    readonly embedder: Embedder | null,
    readonly log: Logger,
  ) {
    const calendar = createCalendar(config);
    this.calendar = calendar;
    this.deadlines = new DeadlineService(knowledge.deadlines, calendar);
    // The register classifies with the same engine as chat (the model when configured, else the rule table).
    this.register = new RegisterService({
      db,
      deadlines: this.deadlines,
      calendar,
      classify: async (text) =>
        this.modelClassifier
          ? this.modelClassifier.classify(text)
          : { ...this.classifier.classify(text), engine: 'offline' as const },
    });
  }

  static async create(config: Config, options: AppOptions = {}): Promise<App> {
    const log = createLogger(config.logLevel);
    const knowledge = options.knowledge ?? loadKnowledge();
    // The database opens (mostly file I/O) while the segmentation dictionary loads (CPU): start-up overlaps both.
    const opening = options.db ? Promise.resolve(options.db) : openDb(config, options.storage);
    opening.catch(() => undefined); // awaited below; this only keeps an early failure from being reported as unhandled
    const userWords = [
      ...readLegalDictionary(),
      ...knowledge.laws.flatMap((l) => l.articles.flatMap((a) => a.keywords)),
      ...knowledge.thesaurus.entries.flatMap((e) => [...e.terms, ...e.expand]),
    ].filter((w) => w.length <= 6 && /^[\u4e00-\u9fff]+$/.test(w)); // long phrases would distort segmentation
    const tokenizer = new Tokenizer(userWords, knowledge.registry.framingPhrases);
    const db = await opening;
    try {
      const catalog = new Catalog(knowledge);
      for (const l of await listLaws(db))
        catalog.addLaw({ law: l.name, title: l.title, version: l.version, status: l.status }, []);
      const app = new App(config, db, knowledge, catalog, tokenizer, await createEmbedder(config), log);
      app.model = options.model !== undefined ? options.model : await createChatModel(config, log);
      if (app.model) app.prompts = new (await import('./llm/prompts.ts')).PromptLibrary();
      if (options.resetEmbeddings) await clearEmbeddings(db);
      app.lastSync = await app.reload(options.onEmbedProgress);
      return app;
    } catch (e) {
      if (!options.db) await db.close();
      throw e;
    }
  }

  /** Rebuilds the library, the chunk index and the searcher from storage (after ingest or reindex). */
  async reload(onProgress?: Progress): Promise<SyncReport> {
    this.library = await LawLibrary.load(this.db, this.knowledge);
    const report = await syncChunks(this.db, this.library, this.tokenizer, this.embedder, onProgress);
    this.searcher = await Searcher.create({
      db: this.db,
      library: this.library,
      catalog: this.catalog,
      tokenizer: this.tokenizer,
      embedder: this.embedder,
      thesaurus: this.knowledge.thesaurus,
      otherLawCues: this.knowledge.registry.otherLawCues,
    });
    this.ask = new AskService(this.searcher);
    this.classifier = new Classifier(
      this.knowledge.routes,
      this.knowledge.deadlines.limits,
      this.library,
      this.knowledge.decision,
    );
    this.checker = new LetterChecker({
      library: this.library,
      catalog: this.catalog,
      deadlines: this.deadlines,
      remedies: this.remedies,
    });
    this.drafter = new Drafter({
      library: this.library,
      deadlines: this.deadlines,
      remedies: this.remedies,
      checker: this.checker,
    });
    this.answerer = this.ask;
    this.modelClassifier = null;
    if (this.model && this.prompts) {
      const prompts = this.prompts;
      this.answerer = new ModelAskService({
        offline: this.ask,
        searcher: this.searcher,
        catalog: this.catalog,
        model: this.model,
        prompts,
        log: this.log,
      });
      this.modelClassifier = new ModelClassifier({
        offline: this.classifier,
        model: this.model,
        prompts,
        log: this.log,
      });
    }
    // The bank proves application questions with the app's own checker, drafter and calendar.
    const bank = new QuizBank(this.knowledge, this.library, this.classifier, {
      services: {
        checker: this.checker,
        drafter: this.drafter,
        deadlines: this.deadlines,
        calendar: this.calendar,
      },
    });
    await loadGeneratedQuestions(this.db, this.library, bank);
    this.quiz = new QuizService(this.db, bank);
    const offlineClassifier = this.classifier;
    const store = dbConversationStore(this.db);
    this.dialogue = new ConversationEngine({
      ask: this.ask,
      classify: async (text) => ({ ...offlineClassifier.classify(text), engine: 'offline' as const }),
      recognise: (text) => offlineClassifier.classify(text),
      deadlineRules: this.knowledge.deadlines.limits,
      searcher: this.searcher,
      deadlines: this.deadlines,
      checker: this.checker,
      drafter: this.drafter,
      catalog: this.catalog,
      store,
      register: async ({ classification, summary, petitioner }) => {
        const v = await this.register.fromClassification({
          classification: { ...classification, engine: 'offline' },
          summary,
          ...(petitioner ? { petitioner: { name: petitioner } } : {}),
        });
        return { id: v.id, next: v.next ? { what: v.next.what, due: v.next.due } : null };
      },
    });
    // The agent (and LangChain, ~40 MB and most of a second to load) is imported only when a model can use it.
    this.chat =
      this.model?.completeTools && this.prompts
        ? new (await import('./conversation/agent.ts')).ConversationAgent({
            engine: this.dialogue,
            model: this.model,
            prompts: this.prompts,
            searcher: this.searcher,
            library: this.library,
            catalog: this.catalog,
            classify: (text) => offlineClassifier.classify(text),
            deadlines: this.deadlines,
            checker: this.checker,
            drafter: this.drafter,
            store,
            log: this.log,
          })
        : this.dialogue;
    this.log.debug({ report }, 'index synced');
    return report;
  }

  /** Loads official texts file by file (a file that cannot be loaded is skipped with its reason), then reloads. */
  async ingest(
    files: string[],
    onFile?: (outcome: BatchOutcome) => void,
    onProgress?: Progress,
  ): Promise<BatchOutcome[]> {
    const out = await ingestFiles(this.db, this.catalog, files, onFile);
    if (out.some((o) => o.status === 'added' || o.status === 'replaced')) await this.reload(onProgress);
    return out;
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
