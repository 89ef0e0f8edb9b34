import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App, createChatModel } from '../src/app.ts';
import { AppError } from '../src/errors.ts';
import { type ChatModel, CircuitBreakerModel } from '../src/llm/model.ts';
import { ModelClassifier } from '../src/llm/model-classifier.ts';
import { PromptLibrary } from '../src/llm/prompts.ts';
import { redact } from '../src/llm/redact.ts';
import { FakeOpenAI } from './fakes/openai-server.ts';
import { memoryDb, testConfig } from './helpers.ts';

let fake: FakeOpenAI;
let app: App;
const env = () => ({
  OPENAI_API_KEY: 'test-key',
  OPENAI_BASE_URL: fake.url,
  OPENAI_CHAT_MODEL: 'fake-model',
  OPENAI_TIMEOUT_MS: '800',
});

beforeAll(async () => {
  fake = await new FakeOpenAI().start();
  app = await App.create(testConfig(env()), { db: await memoryDb() });
});
afterAll(async () => {
  await app?.close();
  await fake?.stop();
});

const lastChat = () => [...fake.requests].reverse().find((r) => r.path.endsWith('/chat/completions'));

describe('grounded answers through an OpenAI-compatible server', () => {
  it('answers with the model, citing only articles it was given, and streams the text', async () => {
    fake.reply = () => ({
      kind: 'text',
      text: '信访人不服处理意见的，可以自收到书面答复之日起30日内请求上一级机关复查（《信访工作条例》第35条）。',
    });
    const streamed: string[] = [];
    const r = await app.answerer.ask('信访人对处理意见不服，多久内可以请求复查？', (t) => streamed.push(t));
    expect(r.engine).toBe('model');
    expect(r.citations).toEqual([{ law: '信访工作条例', article: 35 }]);
    expect(r.unverifiedCitations).toEqual([]);
    expect(streamed.join('')).toBe(r.answer);
    const sent = lastChat()?.body.messages[0]?.content ?? '';
    expect(sent).toContain('《信访工作条例》第35条');
    expect(lastChat()?.body.stream).toBe(true);
  });

  it('catches a hallucinated article number: the sentence is withheld and reported', async () => {
    fake.reply = () => ({
      kind: 'text',
      text: '复查期限为30日（《信访工作条例》第35条）。逾期不复查的将被追责（《信访工作条例》第56条）。',
    });
    const r = await app.answerer.ask('信访人对处理意见不服，多久内可以请求复查？');
    expect(r.engine).toBe('model');
    expect(r.answer).not.toContain('第56条');
    expect(r.citations).toEqual([{ law: '信访工作条例', article: 35 }]);
    expect(r.unverifiedCitations).toEqual([{ law: '信访工作条例', article: 56 }]);
  });

  it('replaces an answer with no verifiable citation by the offline answer', async () => {
    fake.reply = () => ({ kind: 'text', text: '应当在15日内复查（《行政复议法》第88条）。' });
    const r = await app.answerer.ask('信访人对处理意见不服，多久内可以请求复查？');
    expect(r.engine).toBe('offline');
    expect(r.unverifiedCitations).toEqual([{ law: '行政复议法', article: 88 }]);
    expect(r.answer).toContain('无法核实');
    expect(r.citations[0]).toEqual({ law: '信访工作条例', article: 35 });
  });

  it('falls back to the offline engine when the server times out', async () => {
    fake.reply = () => ({ kind: 'hang' });
    const r = await app.answerer.ask('复查期限是多少？');
    expect(r.engine).toBe('offline');
    expect(r.answer).toContain('离线规则引擎');
  }, 20_000);

  it('redacts ID numbers, phone numbers, bank cards and marked names before sending', async () => {
    fake.reply = () => ({ kind: 'text', text: '依照《信访工作条例》第35条，可以请求复查。' });
    await app.answerer.ask(
      '信访人：王小明，身份证320681198507121234，电话13912345678，卡号6222020200112233445，【李四】问复查期限',
    );
    const sent = JSON.stringify(lastChat()?.body);
    for (const secret of ['320681198507121234', '13912345678', '6222020200112233445', '王小明', '李四'])
      expect(sent).not.toContain(secret);
    expect(sent).toContain('[身份证号]');
  });
});

describe('structured classification: the model reads facts, the rule table decides', () => {
  const valid = JSON.stringify({
    facts: [
      { name: 'target', value: 'company', evidence: '公司拖欠我' },
      { name: 'personalDemand', value: 'yes', evidence: '拖欠我三个月工资' },
    ],
    explanation: '读出：对象是公司，信访人为本人主张工资。',
  });

  it('decides by the rule table on the facts the model read, with basis and time limits from the table', async () => {
    fake.reply = () => ({ kind: 'text', text: valid });
    const c = await app.modelClassifier?.classify('公司拖欠我三个月工资不发');
    expect(c?.engine).toBe('model');
    expect(c?.channel).toBe('arbitration');
    expect(c?.timeLimits[0]).toMatchObject({ law: '劳动争议调解仲裁法', article: 27 });
    expect(c?.facts?.find((f) => f.name === 'target')).toMatchObject({ value: 'company', span: [0, 2] });
    expect(c?.confidence).toBeGreaterThanOrEqual(0.8);
    expect(lastChat()?.body.response_format?.type).toBe('json_schema');
  });

  it('when the model’s facts lead elsewhere, the rules’ route leads, the model’s is listed, and the differing facts are asked', async () => {
    const text = '公司拖欠我三个月工资不发，上个月下来的那个裁决我不认';
    fake.reply = () => ({
      kind: 'text',
      text: JSON.stringify({
        facts: [
          { name: 'target', value: 'company', evidence: '公司拖欠我' },
          { name: 'stage', value: 'arbitration_award', evidence: '下来的那个裁决' },
          { name: 'disagree', value: 'yes', evidence: '那个裁决我不认' },
        ],
        explanation: '已有仲裁裁决，信访人不服。',
      }),
    });
    const c = await app.modelClassifier?.classify(text);
    const offline = app.classifier.classify(text);
    expect(offline.channel).toBe('arbitration');
    expect(c?.channel).toBe('arbitration');
    expect(c?.alternatives[0]).toMatchObject({ channel: 'judicial' });
    expect(c?.missingFacts[0]).toContain('走到哪一步');
    expect(c?.confidence).toBeLessThanOrEqual(0.55);
    expect(c?.explanation).toContain('已列于备选');
  });

  it('never lets a model that reads nothing, or proves with a word or two, move a matter', async () => {
    const opinion = '我对县信访局出具的信访处理意见不服，要求上级机关复查';
    fake.reply = () => ({ kind: 'text', text: JSON.stringify({ facts: [], explanation: '没有读出事实。' }) });
    const empty = await app.modelClassifier?.classify(opinion);
    expect(empty?.channel).toBe(app.classifier.classify(opinion).channel);
    expect(empty?.subchannel).not.toBe('administrative_reconsideration');
    const first = '我家宅基地被邻居占了一米，请帮忙处理';
    fake.reply = () => ({
      kind: 'text',
      text: JSON.stringify({
        facts: [
          { name: 'stage', value: 'recheck_done', evidence: '我' },
          { name: 'repeat', value: 'yes', evidence: '我家' },
        ],
        explanation: '编造。',
      }),
    });
    const c = await app.modelClassifier?.classify(first);
    expect(c?.admissibility).toBe('accept');
    expect(c?.facts?.some((f) => f.name === 'stage' || f.name === 'repeat')).toBe(false);
  });

  it('drops facts the text does not prove and values the table does not know', async () => {
    fake.reply = () => ({
      kind: 'text',
      text: JSON.stringify({
        facts: [
          { name: 'stage', value: 'arbitration_award', evidence: '仲裁委已经裁决' },
          { name: 'disagree', value: 'maybe', evidence: '不发' },
          { name: 'route', value: 'judicial', evidence: '公司' },
        ],
        explanation: '编造的事实。',
      }),
    });
    const c = await app.modelClassifier?.classify('公司拖欠我三个月工资不发');
    expect(c?.engine).toBe('model');
    expect(c?.channel).toBe('arbitration');
    expect(c?.facts).toEqual(app.classifier.classify('公司拖欠我三个月工资不发').facts);
  });

  it('repairs malformed JSON once', async () => {
    fake.resetCount();
    fake.reply = (_b, i) => ({ kind: 'text', text: i % 2 === 0 ? '好的，结果是 {category: claim' : valid });
    const before = fake.requests.length;
    const c = await app.modelClassifier?.classify('公司拖欠我三个月工资不发');
    expect(c?.engine).toBe('model');
    expect(fake.requests.length - before).toBe(2);
  });

  it('falls back to the deterministic classifier when the output stays invalid, and says so', async () => {
    fake.reply = () => ({ kind: 'text', text: '{"facts":"maybe"}' });
    const c = await app.modelClassifier?.classify('公司拖欠我三个月工资不发');
    expect(c?.engine).toBe('offline');
    expect(c?.explanation).toContain('离线规则引擎');
    expect(c?.channel).toBe('arbitration');
  });

  it('switches to JSON mode when the server has no structured outputs', async () => {
    fake.reply = (b) =>
      b.response_format?.type === 'json_schema'
        ? { kind: 'status', status: 400 }
        : { kind: 'text', text: valid };
    // Its own model: the switch is remembered per model, and must not change the other tests' world.
    const model = await createChatModel(testConfig(env()), app.log);
    const classifier = new ModelClassifier({
      offline: app.classifier,
      model: model as ChatModel,
      prompts: app.prompts as PromptLibrary,
      log: app.log,
    });
    const c = await classifier.classify('单位拖欠工资');
    expect(c.engine).toBe('model');
    expect(lastChat()?.body.response_format?.type).toBe('json_object');
  });

  it('answers offline only on a named model failure: a bug is thrown, not taken for an outage', async () => {
    const failing = (e: Error): ChatModel => ({
      id: 'failing',
      complete: async () => {
        throw e;
      },
      stream: async function* () {
        yield* [];
        throw e;
      },
    });
    const classifierWith = (model: ChatModel) =>
      new ModelClassifier({
        offline: app.classifier,
        model,
        prompts: app.prompts as PromptLibrary,
        log: app.log,
      });
    const outage = new AppError('llm_unavailable', '语言模型服务暂不可用。');
    const offline = await classifierWith(failing(outage)).classify('公司拖欠我三个月工资不发');
    expect(offline).toMatchObject({ engine: 'offline', channel: 'arbitration' });
    const bug = new TypeError("Cannot read properties of undefined (reading 'choices')");
    await expect(classifierWith(failing(bug)).classify('公司拖欠我三个月工资不发')).rejects.toBe(bug);
  });
});

describe('model plumbing', () => {
  it('opens the circuit after repeated failures and closes after the cooldown', async () => {
    let t = 0;
    let calls = 0;
    const failing: ChatModel = {
      id: 'x',
      complete: async () => {
        calls++;
        throw new AppError('llm_unavailable', 'down');
      },
      stream: async function* () {
        yield '';
      },
    };
    const breaker = new CircuitBreakerModel(failing, 2, 1000, () => t);
    await expect(breaker.complete([])).rejects.toThrow();
    await expect(breaker.complete([])).rejects.toThrow();
    await expect(breaker.complete([])).rejects.toThrow(/熔断/);
    expect(calls).toBe(2);
    t = 2000;
    await expect(breaker.complete([])).rejects.toThrow('down');
    expect(calls).toBe(3);
  });

  it('redaction keeps ordinary numbers and dates', () => {
    const r = redact('2026年4月20日罚款2000元，文号县政信意〔2026〕21号，电话0513-86123456');
    expect(r.text).toContain('2026年4月20日罚款2000元');
    expect(r.text).toContain('[电话]');
  });

  it('loads and validates prompt files', async () => {
    const prompts = new PromptLibrary();
    expect(prompts.names().sort()).toEqual(['agent', 'agent-tools', 'ask', 'classify', 'quiz']);
    const { text } = await prompts.render('ask', { articles: '条文', question: '问题' });
    expect(text).toContain('问题');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'prompts-'));
    writeFileSync(path.join(dir, 'bad.md'), '---\nname: bad\nversion: 1\nvariables: [a]\n---\n内容{b}');
    expect(() => new PromptLibrary(dir)).toThrow(/变量/);
  });

  it('embeds through the endpoint, and refuses a changed dimension until reindex', async () => {
    const config = testConfig({
      ...env(),
      OPENAI_EMBEDDING_MODEL: 'emb',
      OPENAI_EMBEDDING_DIM: '8',
      XINFANG_EMBEDDER: 'openai',
    });
    const db = await memoryDb();
    const a = await App.create(config, { db, model: null });
    expect(a.lastSync.embedded).toBeGreaterThan(50);
    const hits = await a.searcher.search('复查期限');
    expect(hits.hits.some((h) => h.via.includes('vector'))).toBe(true);
    const other = testConfig({
      ...env(),
      OPENAI_EMBEDDING_MODEL: 'emb',
      OPENAI_EMBEDDING_DIM: '16',
      XINFANG_EMBEDDER: 'openai',
    });
    await expect(App.create(other, { db, model: null })).rejects.toMatchObject({
      code: 'embedding_dimension_mismatch',
    });
    const re = await App.create(other, { db, model: null, resetEmbeddings: true });
    expect(re.lastSync.embedded).toBeGreaterThan(50);
    await db.close();
  });
});

describe('model-written quiz questions', () => {
  it('accepts only questions their basis article proves, stores them, and verifies them again on load', async () => {
    const { generateQuizQuestions, loadGeneratedQuestions } = await import('../src/llm/quiz-generator.ts');
    const { QuizBank } = await import('../src/skills/quiz/bank.ts');
    fake.reply = () => ({
      kind: 'text',
      text: JSON.stringify({
        questions: [
          {
            stem: '信访人不服处理意见，应在收到书面答复之日起多少日内请求复查？',
            options: ['15日', '30日', '60日', '90日'],
            answer: 'B',
            explanation: '条例第三十五条。',
          },
          {
            stem: '请求复查的期限是？',
            options: ['15日', '20日', '45日', '90日'],
            answer: 'A',
            explanation: '错误示例。',
          },
        ],
      }),
    });
    const bank = app.quiz.bank;
    const r = await generateQuizQuestions(
      {
        model: app.model as ChatModel,
        prompts: app.prompts as PromptLibrary,
        library: app.library,
        bank,
        db: app.db,
        log: app.log,
      },
      [{ law: '信访工作条例', article: 35 }],
    );
    expect(r.accepted).toHaveLength(1);
    expect(r.rejected[0]?.problem).toContain('not stated');
    const fresh = new QuizBank(app.knowledge, app.library, app.classifier);
    expect(await loadGeneratedQuestions(app.db, app.library, fresh)).toBe(1);
    expect(fresh.get(r.accepted[0] ?? '')?.answer).toEqual(['B']);
  });
});
