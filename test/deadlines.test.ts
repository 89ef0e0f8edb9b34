import { describe, expect, it } from 'vitest';
import { HolidayArrangement } from '../src/domain/deadlines.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { OfficialCalendar, statutoryHolidays } from '../src/skills/deadlines/calendar.ts';
import { addMonths, findDates, parseDate } from '../src/skills/deadlines/dates.ts';
import { DeadlineService } from '../src/skills/deadlines/deadlines.ts';
import { buildTimeline, formatTimeline } from '../src/skills/deadlines/timeline.ts';
import { timelineSvg } from '../src/skills/deadlines/timeline-svg.ts';

const calendar = new OfficialCalendar();
const service = new DeadlineService(loadKnowledge().deadlines, calendar);
const due = (code: string, from: string, amount?: number) =>
  service.compute(code, from, amount).items[0]?.due;

describe('official calendar', () => {
  it('knows holidays and make-up working days', () => {
    expect(calendar.isWorkday('2026-10-01')).toBe(false); // 国庆
    expect(calendar.isWorkday('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(calendar.isWorkday('2026-02-17')).toBe(false); // 春节
    expect(calendar.isWorkday('2026-02-14')).toBe(true); // Saturday, 调休上班
    expect(calendar.isWorkday('2026-03-07')).toBe(false); // ordinary Saturday
    expect(calendar.covers(2026)).toBe(true);
  });
});

describe('years the calendar data does not cover (全国年节及纪念日放假办法, 2024)', () => {
  it('computes the statutory holidays of 2027, lunar ones included', () => {
    const h = statutoryHolidays(2027);
    expect(h.get('2027-01-01')).toBe('元旦');
    // 春节 2027-02-06: 除夕 2027-02-05 to 正月初三 2027-02-08.
    expect(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'].map((d) => h.get(d))).toEqual([
      '春节',
      '春节',
      '春节',
      '春节',
    ]);
    expect(h.get('2027-02-09')).toBeUndefined();
    expect(h.get('2027-04-05')).toBe('清明节');
    expect(h.get('2027-05-02')).toBe('劳动节');
    expect(h.get('2027-06-09')).toBe('端午节');
    expect(h.get('2027-09-15')).toBe('中秋节');
    expect(h.get('2027-10-03')).toBe('国庆节');
    expect(h.size).toBe(13);
  });

  it('the same rule reproduces the official 2026 holidays the package has', () => {
    const official = new OfficialCalendar();
    for (const [d] of statutoryHolidays(2026)) expect(official.isWorkday(d), d).toBe(false);
  });

  it('register_transfer from 2027-09-16 does not end on 国庆 and warns that 调休 is unknown', () => {
    const r = service.compute('register_transfer', '2027-09-16');
    expect(r.items[0]?.due).toBe('2027-10-04');
    expect(r.items[0]?.rule).toContain('国庆节');
    expect(r.warnings.join('')).toContain('调休安排未知');
  });

  it('an agency-supplied arrangement replaces the estimate, make-up days included', () => {
    const supplied = HolidayArrangement.parse({
      year: 2027,
      holidays: { '2027-10-01': '国庆节', '2027-10-04': '国庆节', '2027-10-05': '国庆节' },
      workdays: { '2027-10-09': '国庆节调休' },
    });
    const cal = new OfficialCalendar(undefined, [supplied]);
    expect(cal.covers(2027)).toBe(true);
    expect(cal.isWorkday('2027-10-04')).toBe(false);
    expect(cal.isWorkday('2027-10-09')).toBe(true);
    expect(cal.isWorkday('2027-02-08')).toBe(true); // not listed in the supplied file: a weekday
    const s = new DeadlineService(loadKnowledge().deadlines, cal);
    const r = s.compute('register_transfer', '2027-09-16');
    expect(r.items[0]?.due).toBe('2027-10-06');
    expect(r.warnings).toEqual([]);
  });

  it('an arrangement with an impossible date or a date of another year is refused', () => {
    expect(HolidayArrangement.safeParse({ year: 2027, holidays: { '2027-02-30': '春节' } }).success).toBe(
      false,
    );
    expect(HolidayArrangement.safeParse({ year: 2027, holidays: { '2028-01-01': '元旦' } }).success).toBe(
      false,
    );
  });
});

describe('time limits the review added (deadlines.md)', () => {
  it('information disclosure: 20 working days, extension and third-party time in the note', () => {
    const r = service.compute('disclosure_reply', '2026-09-21').items[0];
    expect(r?.due).toBe('2026-10-26'); // 国庆 holidays and the 调休 Saturday 10-10 counted as the calendar says
    expect(r?.basis).toEqual({ law: '政府信息公开条例', article: 33 });
    expect(r?.note).toContain('征求第三方');
  });

  it('state compensation and labour award limits exist with their articles', () => {
    expect(service.rule('state_comp_decision').basis).toEqual({ law: '国家赔偿法', article: 13 });
    expect(due('state_comp_committee', '2026-03-02')).toBe('2026-04-01');
    expect(due('state_comp_limitation', '2024-03-04')).toBe('2026-03-04');
    expect(due('labor_arbitration_award', '2026-03-02')).toBe('2026-04-16');
    expect(service.rule('state_comp_criminal_reconsideration').basis.article).toBe(24);
  });

  it('复议 and 诉讼 periods say that time in the post is not counted; petition periods do not', () => {
    expect(service.compute('reconsideration', '2026-03-02').items[0]?.rule).toContain('在途时间');
    expect(service.compute('admin_suit_after_reconsideration', '2026-03-02').items[0]?.rule).toContain(
      '民事诉讼法第八十五条',
    );
    expect(service.compute('review_request', '2026-03-02').items[0]?.rule).not.toContain('在途');
  });
});

describe('deadline counting (民法典第201—203条)', () => {
  it('excludes the start day', () => {
    expect(due('register_transfer', '2026-03-02')).toBe('2026-03-17');
    expect(due('handle', '2026-03-05')).toBe('2026-05-06'); // 60 days → 05-04, 劳动节 holiday → 05-06
  });

  it('moves a last day in 国庆 to the next working day', () => {
    expect(due('handle', '2026-08-02')).toBe('2026-10-08');
    const r = service.compute('handle', '2026-08-02').items[0];
    expect(r?.rule).toContain('国庆节假期');
  });

  it('moves a last day in 春节 to the next working day', () => {
    // 2026-01-17 + 30 days = 2026-02-16 (春节) → first working day after the holiday.
    expect(due('review_request', '2026-01-17')).toBe('2026-02-24');
  });

  it('moves a last day on an ordinary weekend to Monday but keeps a make-up Saturday', () => {
    expect(due('review_reply', '2026-02-05')).toBe('2026-03-09'); // 03-07 Saturday → Monday
    expect(due('notify_transferred', '2026-01-30')).toBe('2026-02-14'); // 02-14 is a 调休 working Saturday
  });

  it('counts working days only for 5个工作日, across 国庆 and 调休', () => {
    expect(due('object_transfer', '2026-09-28')).toBe('2026-10-10');
    expect(due('object_transfer', '2026-03-06')).toBe('2026-03-13');
  });

  it('ends month and year periods on the corresponding day or the month end; leap years', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(due('supervision_review', '2025-01-31')).toBe('2025-02-28');
    expect(due('labor_arbitration', '2024-02-29')).toBe('2025-02-28');
    expect(due('admin_suit', '2025-08-31')).toBe('2026-02-28'); // a Saturday, but a 调休 working day
  });

  it('computes every limit an event starts, including the extension from the original expiry', () => {
    const r = service.computeEvent('accepted', '2026-03-05');
    expect(r.items.map((i) => [i.code, i.due])).toEqual([
      ['handle', '2026-05-06'],
      ['handle_extended', '2026-06-05'],
    ]);
    expect(due('handle_extended', '2026-03-05', 15)).toBe('2026-05-21');
    expect(service.computeEvent('transfer_received', '2026-09-28').items.map((i) => i.code)).toEqual([
      'notify_transferred',
      'object_transfer',
    ]);
  });

  it('warns when a date lies outside the calendar data', () => {
    const r = service.compute('handle', '2028-03-01');
    expect(r.warnings.join('')).toContain('2028年');
    expect(service.compute('handle', '2026-03-05').warnings).toEqual([]);
  });

  it('rejects unknown codes, events, impossible dates and over-long amounts', () => {
    expect(() => service.compute('nope', '2026-03-05')).toThrow(/未知的时限代码/);
    expect(() => service.computeEvent('nope', '2026-03-05')).toThrow(/未知的事件/);
    expect(() => service.compute('handle', '2026-02-30')).toThrow(/日期/);
    expect(() => service.compute('handle_extended', '2026-03-05', 31)).toThrow(/30日/);
  });
});

describe('dates in letters', () => {
  it('parses every usual form', () => {
    expect(parseDate('2026年4月20日')).toBe('2026-04-20');
    expect(parseDate('2026-04-20')).toBe('2026-04-20');
    expect(parseDate('2026/4/20')).toBe('2026-04-20');
    expect(parseDate('2026.4.20')).toBe('2026-04-20');
    expect(parseDate('二〇二六年四月二十日')).toBe('2026-04-20');
    expect(parseDate('2026年2月30日')).toBeNull();
    const found = findDates('于2026年5月6日来访，2026年5月8日受理');
    expect(found.map((f) => f.date)).toEqual(['2026-05-06', '2026-05-08']);
    expect(found[0]?.span).toEqual([1, 10]);
  });
});

describe('case timeline', () => {
  const t = buildTimeline(
    service,
    {
      received: '2026-03-02',
      accepted: '2026-03-05',
      replyIssued: '2026-05-20',
      replyReceived: '2026-05-22',
    },
    '2026-06-10',
  );

  it('marks done, late, upcoming and not started steps', () => {
    const byCode = Object.fromEntries(t.steps.map((s) => [s.code, s]));
    expect(byCode.register_transfer?.status).toBe('done');
    expect(byCode.handle).toMatchObject({ status: 'done', late: true, due: '2026-05-06' });
    expect(byCode.review_request).toMatchObject({ status: 'upcoming', due: '2026-06-22', daysLeft: 12 });
    expect(byCode.review_reply?.status).toBe('not_started');
  });

  it('marks an unfinished step past its due date as overdue, and applies an extension', () => {
    const late = buildTimeline(service, { accepted: '2026-03-05' }, '2026-05-10');
    expect(late.steps.find((s) => s.code === 'handle')?.status).toBe('overdue');
    const ext = buildTimeline(service, { accepted: '2026-03-05', extensionDays: 30 }, '2026-05-10');
    expect(ext.steps.find((s) => s.code === 'handle')).toMatchObject({
      status: 'upcoming',
      due: '2026-06-05',
    });
  });

  it("a petitioner's unused 复查 window is lapsed, not the agency's overdue step", () => {
    const t2 = buildTimeline(
      service,
      { accepted: '2026-03-05', replyIssued: '2026-04-20', replyReceived: '2026-04-22' },
      '2026-06-30',
    );
    const step = t2.steps.find((s) => s.code === 'review_request');
    expect(step?.status).toBe('lapsed');
    const text = formatTimeline(t2);
    expect(text).toContain('信访人未在期限内提出');
    expect(text).not.toContain('已超期');
    expect(text).not.toContain('✗');
  });

  it('renders text and SVG', () => {
    expect(formatTimeline(t)).toContain('超过期限');
    const svg = timelineSvg(t);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('2026-06-22');
    expect((svg.match(/<line /g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('rejects an invalid date field by name', () => {
    expect(() => buildTimeline(service, { accepted: '2026-13-01' }, '2026-06-10')).toThrow(/accepted/);
  });
});
