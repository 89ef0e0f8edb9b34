import { describe, expect, it } from 'vitest';
import { DRAFT_FIELDS } from '../src/domain/fields.ts';
import { DraftType } from '../src/domain/letters.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { Catalog } from '../src/retrieval/catalog.ts';
import { LawLibrary } from '../src/retrieval/library.ts';
import { LetterChecker } from '../src/skills/check/checker.ts';
import { formatReport } from '../src/skills/check/report.ts';
import { OfficialCalendar } from '../src/skills/deadlines/calendar.ts';
import { addDays } from '../src/skills/deadlines/dates.ts';
import { DeadlineService } from '../src/skills/deadlines/deadlines.ts';
import { Drafter, DraftValidationError } from '../src/skills/letters/drafter.ts';
import { RemedyTable } from '../src/skills/letters/remedies.ts';

function build() {
  const knowledge = loadKnowledge();
  const library = LawLibrary.build(knowledge, []);
  const deadlines = new DeadlineService(knowledge.deadlines, new OfficialCalendar());
  const remedies = RemedyTable.load();
  const checker = new LetterChecker({ library, catalog: new Catalog(knowledge), deadlines, remedies });
  return { checker, drafter: new Drafter({ library, deadlines, remedies, checker }) };
}

function generate(type: DraftType, i: number): Record<string, unknown> {
  const received = addDays('2025-01-06', (i * 37) % 500);
  const accepted = addDays(received, 1 + (i % 4));
  const start = type === 'review_opinion' || type === 'recheck_opinion' ? addDays(received, 3) : accepted;
  return {
    letterType: type,
    caseNo: `测〔2026〕${i}号`,
    petitioner: { name: '张某某' },
    receivedDate: received,
    acceptedDate: accepted,
    requestReceivedDate: addDays(received, 3),
    issueDate: addDays(start, 5 + (i % 20)),
    request: '要求补发2024年度高龄津贴',
    petitionerFacts: '信访人称其母亲已满80周岁，一直未领到高龄津贴',
    investigatedFacts: '本机关调取了户籍登记材料和津贴发放台账，查明其母亲户籍于2024年11月迁入本区',
    decision: (['supported', 'explained', 'not_supported'] as const)[i % 3],
    decisionReason: '经核对发放台账，本机关已依规处理。',
    legalBasis: [{ law: '信访工作条例', article: 36 }],
    handlingBody: '某市某区民政局',
    superiorBody: '某市某区人民政府',
    originalOpinion: { body: '某市某区某街道办事处', date: received },
    redirect: { body: '某区劳动人事争议仲裁委员会', procedure: '申请劳动争议仲裁', article31Item: 2 },
  };
}

describe('the drafter writes all seven letter types', () => {
  it.each(DraftType.options.map((t) => [t]))('%s: drafts pass the checker as the same type', (type) => {
    const { checker, drafter } = build();
    for (let i = 0; i < 12; i++) {
      const r = drafter.draft(generate(type, i));
      const report = checker.check(r.text);
      expect(report.letterType).toBe(type);
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
  });

  it('rejects impossible dates field by field, with the key', () => {
    const { drafter } = build();
    try {
      drafter.draft({ ...generate('acceptance_notice', 1), issueDate: '2026-04-31' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DraftValidationError);
      expect((e as DraftValidationError).problems.map((p) => p.key)).toEqual(['issueDate']);
    }
  });

  it('asks for the fields each type requires, by registry key', () => {
    const { drafter } = build();
    const { problems } = drafter.validate({
      letterType: 'complaint_result_notice',
      caseNo: '测〔2026〕1号',
      petitioner: { name: '张某某' },
      receivedDate: '2026-03-02',
      acceptedDate: '2026-03-03',
      issueDate: '2026-03-20',
      request: '要求查处油烟扰民',
      handlingBody: '某市某区生态环境局',
    });
    expect(problems.map((p) => p.key).sort()).toEqual(['decisionReason', 'investigatedFacts', 'legalBasis']);
    expect(DRAFT_FIELDS.every((f) => f.label !== '')).toBe(true);
  });
});

describe('checker reads content, not titles', () => {
  const { checker } = build();
  it('an untitled reply to a request to investigate is a complaint notice, and 复查 guidance is wrong', () => {
    const text = `王某某：
    你于2026年4月7日来信反映邻居违法搭建阳光房，要求本局依法查处。本局于2026年4月8日受理。
    本局执法人员于2026年4月10日现场勘查，查明该住户搭建阳光房约35平方米，已责令限期拆除。
    如不服本处理意见，可以自收到本意见书之日起30日内，向某市某区人民政府请求复查。

某市某区城市管理局
2026年4月29日`;
    const r = checker.check(text);
    expect(r.letterType).toBe('complaint_result_notice');
    expect(r.typeReason).toContain('第三十一条第（五）项');
    expect(r.findings.map((f) => f.code)).toEqual(['WRONG_REMEDY_CHANNEL']);
  });

  it('a mailbox reply is other: no element errors, a note instead', () => {
    const r = checker.check(`网友您好：
    您反映的某路公交站台无遮阳棚的问题收悉。经核实，该站台将于2026年6月改造时同步建设遮阳棚。感谢您的关注和支持！

某市交通运输局
2026年4月18日`);
    expect(r.letterType).toBe('other');
    expect(r.findings).toEqual([]);
    expect(r.notes[0]).toMatch(/^如作为信访处理意见书出具，还缺少/);
  });

  it('every finding basis comes from knowledge/checks.json and exists', () => {
    const r = checker.check(`某县林业局
信访事项处理意见书
县林信意〔2026〕1号

邹某某：
    你于2026年1月6日来信，本局于2026年1月7日受理。你要求补发生态公益林补偿资金。
    本局于2026年1月20日调取了补偿资金发放清册，查明已足额发放。
    依据《信访条例》第三十二条第一款第（三）项的规定，对你的请求不予支持。
    如不服本处理意见，可以自收到本意见书之日起30日内，向某县人民政府请求复查。

某县林业局
2026年2月2日`);
    expect(r.findings.map((f) => [f.code, f.basis])).toEqual([
      ['OUTDATED_CITATION', [{ law: '信访工作条例', article: 50 }]],
    ]);
  });
});

describe('check report text', () => {
  it('says which type was detected and why, so an officer sees why a text is not checked as a formal opinion', () => {
    const text = '网友您好！您反映的路灯问题，我办已安排维修，现已恢复照明。\n某某街道办事处';
    const r = build().checker.check(text);
    const shown = formatReport(text, r);
    expect(r.letterType).toBe('other');
    expect(shown).toMatch(/^文书类型：不是正式信访文书（.*您好.*）\n/);
    expect(shown).not.toContain('。）');
  });
});
