/**
 * The case register against storage, run on embedded PGlite (storage-more.test.ts) and on a real PostgreSQL
 * (storage-more.int.test.ts): limits computed from events across holidays, 调休 and an extension; overdue and
 * "我的事项"; accusation matters hidden from others; an import with bad rows; the daily digest sent once by two
 * instances; the yearly figures.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { OfficialCalendar } from '../src/skills/deadlines/calendar.ts';
import { DeadlineService } from '../src/skills/deadlines/deadlines.ts';
import { exportCsv, importCsv, importSpreadsheet } from '../src/skills/register/import.ts';
import { reportSvg } from '../src/skills/register/report.ts';
import { type Digest, RegisterService } from '../src/skills/register/service.ts';
import type { Db } from '../src/storage/db.ts';
import { migrate } from '../src/storage/migrate.ts';

const knowledge = loadKnowledge();

function service(db: Db): RegisterService {
  const calendar = new OfficialCalendar();
  return new RegisterService({ db, deadlines: new DeadlineService(knowledge.deadlines, calendar), calendar });
}

async function fresh(open: () => Promise<Db>): Promise<Db> {
  const db = await open();
  await migrate(db);
  // PostgreSQL keeps data between runs: each test starts from an empty register.
  await db.exec(
    'DELETE FROM case_events; DELETE FROM cases; DELETE FROM petitioners; DELETE FROM register_settings; DELETE FROM register_digests;',
  );
  return db;
}

export function registerSuite(name: string, open: () => Promise<Db>) {
  describe(`case register: ${name}`, () => {
    it('computes every limit from the events across National Day, 调休 and an approved extension', async () => {
      const db = await fresh(open);
      try {
        const reg = service(db);
        const c = await reg.add({
          receivedDate: '2026-09-28',
          form: '来信',
          intake: 'transferred',
          summary: '反映小区物业违规收费',
          officer: 'U1',
        });
        expect(c.id).toMatch(/^2026-\d{6}$/);
        let v = await reg.show(c.id, { manager: true }, '2026-09-29');
        const due = Object.fromEntries(v.steps.filter((s) => s.due).map((s) => [s.code, s.due]));
        // 5 working days: 29, 30 Sep, (1–7 Oct holiday), 8, 9 Oct and Saturday 10 Oct, a make-up working day.
        expect(due).toEqual({ notify_transferred: '2026-10-13', object_transfer: '2026-10-10' });
        await expect(reg.addEvent(c.id, { type: 'accepted', date: '2026-08-02' })).rejects.toThrow(
          '早于收到信访事项的日期',
        );
        await reg.addEvent(c.id, { type: 'notified', date: '2026-09-30' });
        await reg.addEvent(c.id, { type: 'accepted', date: '2026-10-09' });
        v = await reg.show(c.id, { manager: true }, '2026-10-09');
        const handle = v.steps.find((s) => s.code === 'handle');
        // 60 days from 9 Oct end on Tuesday 8 Dec.
        expect(handle?.due).toBe('2026-12-08');
        expect(handle?.rule).toContain('60日');
        await expect(reg.addEvent(c.id, { type: 'extended', date: '2026-12-01', days: 30 })).rejects.toThrow(
          '延期须写明理由',
        );
        await expect(
          reg.addEvent(c.id, { type: 'extended', date: '2026-12-01', days: 45, reason: '需要现场核查' }),
        ).rejects.toThrow('不得超过30日');
        await reg.addEvent(c.id, { type: 'extended', date: '2026-12-01', days: 30, reason: '需要现场核查' });
        v = await reg.show(c.id, { manager: true }, '2026-12-10');
        const extended = v.steps.find((s) => s.code === 'handle');
        // 30 days from 8 Dec end on Thursday 7 Jan 2027.
        expect(extended).toMatchObject({
          due: '2027-01-07',
          status: 'upcoming',
          what: expect.stringContaining('延长30日'),
        });
        expect(v.status).toBe('on_track');
        // The reply without its delivery date: the petitioner's 30 days are not guessed.
        await reg.addEvent(c.id, { type: 'replied', date: '2027-01-05' });
        v = await reg.show(c.id, { manager: true }, '2027-01-06');
        expect(v.steps.find((s) => s.code === 'handle')).toMatchObject({ status: 'done', late: false });
        expect(v.warnings.join('')).toContain('缺少信访人收到处理意见书的日期');
        expect(v.steps.find((s) => s.code === 'review_request')?.due).toBeNull();
        await reg.addEvent(c.id, { type: 'closed', date: '2027-01-06' });
        await expect(reg.addEvent(c.id, { type: 'notified', date: '2027-01-07' })).rejects.toThrow(
          '已于 2027-01-06 办结',
        );
        expect((await reg.show(c.id, { manager: true }, '2027-02-01')).status).toBe('closed');
      } finally {
        await db.close();
      }
    });

    it('lists overdue and due-soon matters, and “我的事项” by due date', async () => {
      const db = await fresh(open);
      try {
        const reg = service(db);
        const a = await reg.add({ receivedDate: '2026-03-02', form: 'visit', summary: '甲', officer: 'U1' });
        const b = await reg.add({ receivedDate: '2026-03-10', form: 'letter', summary: '乙', officer: 'U1' });
        const c = await reg.add({ receivedDate: '2026-03-12', form: 'online', summary: '丙', officer: 'U2' });
        await reg.addEvent(c.id, { type: 'transferred', date: '2026-03-13' });
        // Today 2026-03-20: a is due 17 Mar (overdue), b due 25 Mar (3 working days: 23, 24, 25).
        const all = await reg.list({ today: '2026-03-20' }, { manager: true });
        expect(all.map((s) => [s.id, s.status, s.next?.code, s.next?.due])).toEqual([
          [a.id, 'overdue', 'register_transfer', '2026-03-17'],
          [b.id, 'due_soon', 'register_transfer', '2026-03-25'],
          [c.id, 'on_track', undefined, undefined],
        ]);
        expect(
          (await reg.list({ today: '2026-03-20', overdue: true }, { manager: true })).map((s) => s.id),
        ).toEqual([a.id]);
        expect(
          (await reg.list({ today: '2026-03-20', dueWithin: 2 }, { manager: true })).map((s) => s.id),
        ).toEqual([a.id]);
        expect((await reg.mine('U1', '2026-03-20')).map((s) => s.id)).toEqual([a.id, b.id]);
        // Reassigned: listings show the new officer at once.
        await reg.assign(b.id, 'U3');
        expect((await reg.mine('U3', '2026-03-20')).map((s) => [s.id, s.officer])).toEqual([[b.id, 'U3']]);
        expect(
          (await reg.list({ today: '2026-03-20' }, { manager: true })).find((s) => s.id === b.id)?.officer,
        ).toBe('U3');
      } finally {
        await db.close();
      }
    });

    it('lists from the limits stored with each matter, equal to computing them from the events, and recomputes them when the holiday arrangement changes', async () => {
      const db = await fresh(open);
      try {
        const reg = service(db);
        const a = await reg.add({ receivedDate: '2027-04-26', form: 'letter', summary: '甲', officer: 'U1' });
        const b = await reg.add({
          receivedDate: '2027-03-01',
          form: 'visit',
          intake: 'direct',
          summary: '乙',
        });
        await reg.addEvent(b.id, { type: 'notified', date: '2027-03-05' });
        await reg.addEvent(b.id, { type: 'accepted', date: '2027-03-05' });
        await reg.addEvent(b.id, { type: 'extended', date: '2027-04-20', days: 20, reason: '需要调取材料' });
        const c = await reg.add({
          receivedDate: '2027-01-04',
          form: 'online',
          intake: 'direct',
          summary: '丙',
        });
        await reg.addEvent(c.id, { type: 'accepted', date: '2027-01-05' });
        await reg.addEvent(c.id, { type: 'notified', date: '2027-01-05' });
        await reg.addEvent(c.id, { type: 'replied', date: '2027-02-20', deliveredOn: '2027-02-24' });
        const d = await reg.add({ receivedDate: '2027-02-01', form: 'phone', summary: '丁' });
        await reg.addEvent(d.id, { type: 'closed', date: '2027-02-03' });
        const today = '2027-04-28';
        const nextOf = async (r: RegisterService) =>
          Object.fromEntries(
            (await r.list({ today, includeClosed: true }, { manager: true })).map((s) => [
              s.id,
              [s.status, s.next?.code ?? null, s.next?.due ?? null],
            ]),
          );
        const shown = async (r: RegisterService) =>
          Object.fromEntries(
            await Promise.all(
              [a, b, c, d].map(async (m) => {
                const v = await r.show(m.id, { manager: true }, today);
                return [m.id, [v.status, v.next?.code ?? null, v.next?.due ?? null]];
              }),
            ),
          );
        const listed = await nextOf(reg);
        expect(listed).toEqual(await shown(reg));
        expect(listed[d.id]).toEqual(['closed', null, null]);
        const due = listed[a.id]?.[2] as string;
        // The agency's arrangement for 2027 makes that due day a holiday: stored limits are stale and recomputed.
        const calendar = new OfficialCalendar(undefined, [
          { year: 2027, holidays: { [due]: 'Test Day,测试假日,1' }, workdays: {} },
        ]);
        const other = new RegisterService({
          db,
          deadlines: new DeadlineService(knowledge.deadlines, calendar),
          calendar,
        });
        const relisted = await nextOf(other);
        expect(relisted[a.id]?.[2]).not.toBe(due);
        expect((relisted[a.id]?.[2] as string) > due).toBe(true);
        expect(relisted).toEqual(await shown(other));
        // Back under the official calendar, the first service recomputes again.
        expect(await nextOf(reg)).toEqual(listed);
      } finally {
        await db.close();
      }
    });

    it('keeps listing data right when one matter is changed by two writers at once (PostgreSQL: several connections)', async () => {
      const db = await fresh(open);
      try {
        const reg = service(db);
        const ids: string[] = [];
        for (let i = 0; i < 12; i++)
          ids.push(
            (
              await reg.add({
                receivedDate: '2026-03-02',
                form: 'letter',
                summary: `事项${i}`,
                officer: 'U_OLD',
              })
            ).id,
          );
        await Promise.all(
          ids.map((id) =>
            Promise.all([
              reg.assign(id, 'U_NEW'),
              reg.addEvent(id, { type: 'accepted', date: '2026-03-05' }),
              reg.addEvent(id, { type: 'transferred', date: '2026-03-04' }),
            ]),
          ),
        );
        const listed = (await reg.list({ today: '2026-03-06' }, { manager: true })).filter((s) =>
          ids.includes(s.id),
        );
        expect(listed).toHaveLength(12);
        for (const s of listed) {
          expect(s.officer).toBe('U_NEW');
          expect(s.next?.code).toBe('handle');
        }
        expect((await reg.digest('2026-06-30')).byOfficer.get('U_OLD')).toBeUndefined();
      } finally {
        await db.close();
      }
    });

    it('hides an accusation matter from other users and masks the petitioner; officer and managers see it', async () => {
      const db = await fresh(open);
      try {
        const reg = service(db);
        await reg.updateSettings({ managers: ['UMGR'] });
        const c = await reg.add({
          receivedDate: '2026-04-01',
          form: 'letter',
          summary: '举报某局局长张伟收受贿赂，举报人王小明电话13812345678',
          officer: 'U1',
          subjectBody: '某局',
          petitioner: { name: '王小明', idNumber: '110101199003071234', phone: '13812345678' },
          classification: {
            category: 'accusation',
            channel: 'discipline_inspection',
            subchannel: null,
            article31Item: null,
            handlingBody: '纪检监察机关',
          },
        });
        const other = await reg.show(c.id, { userId: 'U2', reveal: true }, '2026-04-02');
        expect(other.hidden).toBe(true);
        expect(other.summary).not.toContain('张伟');
        expect(other.petitioner).toBeNull();
        expect(other.subjectBody).toBeNull();
        const listed = await reg.list({ today: '2026-04-02' }, { userId: 'U2' });
        expect(JSON.stringify(listed)).not.toMatch(/张伟|王小明|1381234/);
        const officer = await reg.show(c.id, { userId: 'U1', reveal: true }, '2026-04-02');
        expect(officer.summary).toContain('张伟');
        expect(officer.petitioner).toMatchObject({ name: '王小明', phone: '13812345678', masked: false });
        const manager = await reg.show(c.id, { userId: 'UMGR' }, '2026-04-02');
        expect(manager.hidden).toBe(false);
        // Not asked to reveal (a shared surface): masked even for the entitled.
        expect(manager.petitioner).toMatchObject({
          name: '王**',
          phone: '138****5678',
          idNumber: '110***********1234',
        });
        expect(manager.summary).not.toContain('13812345678');
        // The petitioner is stored once: a second matter of the same person reuses the row.
        await reg.add({
          receivedDate: '2026-04-03',
          form: 'phone',
          summary: '追问办理进度',
          petitioner: { name: '王小明', idNumber: '110101199003071234' },
        });
        expect(await db.query('SELECT id FROM petitioners')).toHaveLength(1);
        // An ordinary matter: listed to others with the petitioner's name and numbers masked; in full to its officer.
        const plain = await reg.add({
          receivedDate: '2026-04-01',
          form: 'visit',
          summary: '李建国反映小区停车费上涨，联系电话13900001111',
          officer: 'U1',
          petitioner: { name: '李建国' },
        });
        const seen = (await reg.list({ today: '2026-04-02' }, { userId: 'U2', reveal: true })).find(
          (s) => s.id === plain.id,
        );
        expect(seen?.summary).toContain('停车费');
        expect(seen?.summary).not.toMatch(/李建国|13900001111/);
        const own = (await reg.list({ today: '2026-04-02' }, { userId: 'U1', reveal: true })).find(
          (s) => s.id === plain.id,
        );
        expect(own?.summary).toBe('李建国反映小区停车费上涨，联系电话13900001111');
        const shared = (await reg.list({ today: '2026-04-02' }, { userId: 'U1' })).find(
          (s) => s.id === plain.id,
        );
        expect(shared?.summary).not.toMatch(/李建国|13900001111/);
      } finally {
        await db.close();
      }
    });

    it('imports a spreadsheet: bad rows are reported with their line, the rest load', async () => {
      const db = await fresh(open);
      try {
        const reg = service(db);
        const csv = [
          '收到日期,信访形式,事项概要,信访人,联系电话,承办人,受理日期,答复日期,送达日期,备注栏',
          '2026/3/2,来信,"反映拖欠工资,请求处理",李四,13900001111,U1,2026-03-05,2026-04-20,2026-04-22,x',
          '2026-02-30,来访,日期不存在,,,,,,,',
          '2026-03-03,飞鸽,形式不对,,,,,,,',
          '2026-03-04,电话,,,,,,,,',
          '2026-03-05,网上,受理早于收到,,,,2026-03-01,,,',
          '2026年3月6日,网上信访,正常第二行,,,U2,,,,',
        ].join('\n');
        const out = await importCsv(reg, csv);
        expect(out.loaded.map((l) => l.line)).toEqual([2, 7]);
        expect(out.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
        expect(out.warnings.join('')).toContain('备注栏');
        expect(out.errors[0]?.message).toContain('2026-02-30');
        expect(out.errors[2]?.message).toContain('事项概要');
        const first = await reg.show(out.loaded[0]?.id ?? '', { manager: true, reveal: true }, '2026-04-23');
        expect(first.summary).toBe('反映拖欠工资,请求处理');
        expect(first.steps.find((s) => s.code === 'review_request')).toMatchObject({
          start: '2026-04-22',
          due: '2026-05-22',
        });
        const csvOut = exportCsv(await reg.exportAll(false, '2026-04-23'));
        expect(csvOut).toContain('"反映拖欠工资,请求处理"');
        expect(csvOut).toContain('李*');
        expect(csvOut).not.toContain('13900001111');
      } finally {
        await db.close();
      }
    });

    it('imports an Excel workbook: real date cells, numbers and text; bad rows reported with their row number', async () => {
      const db = await fresh(open);
      try {
        const reg = service(db);
        const { default: ExcelJS } = await import('exceljs');
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('台账');
        sheet.addRow(['收到日期', '信访形式', '事项概要', '信访人', '联系电话', '承办人', '受理日期']);
        sheet.addRow([
          new Date(Date.UTC(2026, 2, 2)),
          '来信',
          '反映小区噪声扰民',
          '李四',
          13900001111,
          'U1',
          new Date(Date.UTC(2026, 2, 5)),
        ]);
        sheet.addRow(['2026-02-30', '来访', '日期不存在', null, null, null, null]);
        sheet.addRow([]);
        sheet.addRow([
          '2026年3月6日',
          '网上信访',
          { richText: [{ text: '路灯' }, { text: '不亮' }] },
          null,
          null,
          'U2',
          null,
        ]);
        const data = Buffer.from(await book.xlsx.writeBuffer());
        const out = await importSpreadsheet(reg, { name: '台账.xlsx', data });
        expect(out.loaded.map((l) => l.line)).toEqual([2, 5]);
        expect(out.errors.map((e) => e.line)).toEqual([3]);
        const first = await reg.show(out.loaded[0]?.id ?? '', { manager: true, reveal: true }, '2026-03-06');
        expect(first.receivedDate).toBe('2026-03-02');
        expect(first.events.map((e) => [e.type, e.date])).toContainEqual(['accepted', '2026-03-05']);
        const second = await reg.show(out.loaded[1]?.id ?? '', { manager: true, reveal: true }, '2026-03-06');
        expect(second.summary).toBe('路灯不亮');
        await expect(
          importSpreadsheet(reg, { name: '坏.xlsx', data: Buffer.from('not a workbook') }),
        ).rejects.toThrow('无法读取 Excel 文件');
        await expect(importSpreadsheet(reg, { name: '旧.xls', data: Buffer.from('') })).rejects.toThrow(
          '.xlsx',
        );
      } finally {
        await db.close();
      }
    });

    it('sends the daily digest exactly once with two instances, and not again after a restart', async () => {
      const db = await fresh(open);
      try {
        const one = service(db);
        const two = service(db);
        await one.updateSettings({ digestHour: 9, digestChannel: 'CREG', timeZone: 'Asia/Shanghai' });
        await one.add({ receivedDate: '2026-03-02', form: 'visit', summary: '甲', officer: 'U1' });
        await one.add({
          receivedDate: '2026-03-10',
          form: 'letter',
          summary: '举报材料',
          officer: 'U2',
          classification: {
            category: 'accusation',
            channel: 'discipline_inspection',
            subchannel: null,
            article31Item: null,
            handlingBody: '纪检监察机关',
          },
        });
        const sent: Digest[] = [];
        const send = async (d: Digest) => {
          sent.push(d);
        };
        // 08:30 in Shanghai: too early.
        expect(await one.sendDailyDigest('a', send, new Date('2026-03-20T00:30:00Z'))).toBe(false);
        const at = new Date('2026-03-20T01:30:00Z'); // 09:30 in Shanghai
        const results = await Promise.all([
          one.sendDailyDigest('a', send, at),
          two.sendDailyDigest('b', send, at),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(sent).toHaveLength(1);
        const d = sent[0] as Digest;
        expect(d.day).toBe('2026-03-20');
        expect(d.all.map((i) => [i.code, i.due, i.overdue, i.doneBy])).toEqual([
          ['register_transfer', '2026-03-17', true, 'transferred'],
          ['register_transfer', '2026-03-25', false, 'transferred'],
        ]);
        expect(d.all[1]?.summary).not.toContain('举报材料');
        expect(d.byOfficer.get('U2')?.[0]?.summary).toBe('举报材料');
        // A restart (a new service object) later that day sends nothing.
        expect(await service(db).sendDailyDigest('c', send, new Date('2026-03-20T08:00:00Z'))).toBe(false);
        expect(sent).toHaveLength(1);
      } finally {
        await db.close();
      }
    });

    it('reports the yearly figures with on-time rates, overdue and long-running matters, and draws them', async () => {
      const db = await fresh(open);
      try {
        const reg = service(db);
        const a = await reg.add({
          receivedDate: '2026-01-05',
          form: 'letter',
          summary: '甲',
          field: '劳动社保',
          subjectBody: '某区人社局',
          receivingBody: '某市信访局',
        });
        await reg.addEvent(a.id, { type: 'transferred', date: '2026-01-08' });
        await reg.addEvent(a.id, { type: 'accepted', date: '2026-01-08' });
        await reg.addEvent(a.id, { type: 'replied', date: '2026-04-30' });
        const b = await reg.add({
          receivedDate: '2026-02-02',
          form: 'visit',
          summary: '乙',
          subjectBody: '某区人社局',
        });
        await reg.add({ receivedDate: '2025-12-30', form: 'visit', summary: '去年的' });
        const r = await reg.report('2026-01-01', '2026-12-31', '2026-06-01');
        expect(r.total).toBe(2);
        expect(r.byForm.map((x) => [x.label, x.count])).toEqual([
          ['来信', 1],
          ['来访', 1],
        ]);
        expect(r.topSubjects).toEqual([{ key: '某区人社局', label: '某区人社局', count: 2 }]);
        expect(r.notices).toMatchObject({ counted: 2, onTime: 1, overdue: 1, rate: 0.5 });
        expect(r.replies).toMatchObject({ counted: 1, late: 1, rate: 0 });
        expect(r.overdue.map((o) => o.id)).toEqual([b.id]);
        expect(r.longRunning.map((o) => o.id)).toEqual([a.id, b.id]);
        const svg = reportSvg(r);
        expect(svg).toContain('<svg');
        expect(svg).toContain('告知按期率：50.0%');
      } finally {
        await db.close();
      }
    });
  });
}
