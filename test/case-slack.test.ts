/**
 * The case register in Slack, handlers called directly: App Home "我的事项", the registration modal, the event
 * modal refused to other users, and the daily digest sent once by two instances with the channel copy masked.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackClient, SlackDeps } from '../src/adapters/slack/context.ts';
import {
  caseModalErrors,
  type ModalValues,
  onCaseModalSubmit,
  onEventModalSubmit,
  onHomeOpened,
  runDailyDigest,
} from '../src/adapters/slack/handlers/cases.ts';
import type { App } from '../src/app.ts';
import { memoryApp } from './helpers.ts';
import { testSlackConfig } from './slack-helpers.ts';

interface Call {
  method: string;
  args: Record<string, unknown>;
}

function recorder(): { client: SlackClient; calls: Call[] } {
  const calls: Call[] = [];
  const rec = (method: string) => async (args: Record<string, unknown>) => {
    calls.push({ method, args });
    return { ok: true, ts: '1.1' };
  };
  const client = {
    chat: { postMessage: rec('chat.postMessage') },
    views: { open: rec('views.open'), publish: rec('views.publish') },
  } as unknown as SlackClient;
  return { client, calls };
}

let core: App;
const deps = (): SlackDeps => ({
  core,
  log: pino({ level: 'silent' }),
  botToken: 'xoxb-test',
  slack: testSlackConfig(),
});

beforeAll(async () => {
  core = await memoryApp();
});
afterAll(async () => {
  await core?.close();
});

const modal = (summary: string, date = '2026-03-02'): ModalValues => ({
  receivedDate: { v: { selected_date: date } },
  form: { v: { selected_option: { value: 'visit' } } },
  summary: { v: { value: summary } },
  petitioner: { v: { value: '赵六' } },
  phone: { v: { value: '13700001111' } },
  officer: { v: { selected_user: null } },
});

describe('case register in Slack', () => {
  it('registers from the modal, shows the matter on the officer’s Home tab, refuses others’ events', async () => {
    expect(caseModalErrors({ receivedDate: { v: {} }, summary: { v: { value: ' ' } } })).toEqual({
      receivedDate: '请选择收到日期',
      summary: '请填写事项概要',
    });
    const { client, calls } = recorder();
    const id = await onCaseModalSubmit(deps(), client, modal('隔壁烧烤店油烟扰民，请求查处'), 'UOFF');
    expect(calls.find((c) => c.method === 'chat.postMessage')?.args.text).toContain(`已登记事项 ${id}`);
    const view = await core.register.show(id, { manager: true });
    expect(view.classification?.channel).toBe('duty_performance');
    calls.length = 0;
    await onHomeOpened(deps(), client, { tab: 'home', user: 'UOFF' });
    const home = JSON.stringify(calls.find((c) => c.method === 'views.publish')?.args);
    expect(home).toContain(id);
    expect(home).toContain('我的事项');
    expect(home).not.toContain('13700001111');
    await expect(
      onEventModalSubmit(
        deps(),
        client,
        JSON.stringify({ id, type: 'transferred' }),
        { date: { v: { selected_date: '2026-03-04' } } },
        'USOMEONE',
      ),
    ).rejects.toThrow('只有承办人和登记管理员');
    await onEventModalSubmit(
      deps(),
      client,
      JSON.stringify({ id, type: 'transferred' }),
      { date: { v: { selected_date: '2026-03-04' } } },
      'UOFF',
    );
    expect((await core.register.show(id, { manager: true })).events.map((e) => e.type)).toEqual([
      'received',
      'transferred',
    ]);
  });

  it('sends the digest once across two instances: DM to the officer in full, the channel masked', async () => {
    await core.register.updateSettings({ digestChannel: 'CREG', digestHour: 9 });
    await core.register.add({
      receivedDate: '2026-03-10',
      form: 'letter',
      summary: '举报某所长收受红包，联系电话13600002222',
      officer: 'UACC',
      classification: {
        category: 'accusation',
        channel: 'discipline_inspection',
        subchannel: null,
        article31Item: null,
        handlingBody: '纪检监察机关',
      },
    });
    const a = recorder();
    const b = recorder();
    const at = new Date('2026-03-20T02:00:00Z');
    const sent = await Promise.all([
      runDailyDigest(deps(), a.client, 'one', at),
      runDailyDigest(deps(), b.client, 'two', at),
    ]);
    expect(sent.filter(Boolean)).toHaveLength(1);
    const calls = [...a.calls, ...b.calls].filter((c) => c.method === 'chat.postMessage');
    const dm = calls.find((c) => c.args.channel === 'UACC');
    const channel = calls.find((c) => c.args.channel === 'CREG');
    expect(JSON.stringify(dm?.args)).toContain('收受红包');
    expect(JSON.stringify(dm?.args)).toContain('case_record_event');
    expect(JSON.stringify(channel?.args)).not.toMatch(/收受红包|13600002222/);
    expect(JSON.stringify(channel?.args)).toContain('检举控告事项');
    expect(await runDailyDigest(deps(), a.client, 'one', new Date('2026-03-20T09:00:00Z'))).toBe(false);
  });
});
