import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChatJsonl } from '../src/adapters/cli/chat.ts';
import type { App } from '../src/app.ts';
import { memoryApp } from './helpers.ts';

let app: App;
beforeAll(async () => {
  app = await memoryApp();
});
afterAll(async () => {
  await app?.close();
});

async function run(lines: string[]): Promise<Record<string, unknown>[]> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => {
    out += String(d);
  });
  input.end(`${lines.join('\n')}\n`);
  await runChatJsonl(app, input, output);
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('xinfang chat --jsonl', () => {
  it('answers one line per message, keeps each session’s case, and reports bad lines', async () => {
    const out = await run([
      JSON.stringify({ session: 's1', message: '公司拖欠我三个月工资不发' }),
      JSON.stringify({ session: 's2', message: '复查期限是多少？' }),
      JSON.stringify({ session: 's1', message: '劳动关系已经终止两年了' }),
      '{not json',
      JSON.stringify({ session: 's1', message: '帮我起草回复' }),
    ]);
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ session: 's1', intent: 'classify', engine: 'offline' });
    expect((out[0]?.classification as { subchannel: string } | undefined)?.subchannel).toBe(
      'labor_arbitration',
    );
    expect(out[1]).toMatchObject({ session: 's2', intent: 'ask' });
    expect((out[1]?.citations as { article: number }[] | undefined)?.[0]).toEqual({
      law: '信访工作条例',
      article: 35,
    });
    expect(out[1]).not.toHaveProperty('classification');
    expect(out[2]).toMatchObject({ session: 's1', intent: 'classify_followup' });
    expect(String(out[2]?.reply)).toContain('时效很可能已经届满');
    expect(out[3]).toMatchObject({ session: null });
    expect(String(out[3]?.error)).toContain('不是有效的 JSON');
    expect(out[4]).toMatchObject({ session: 's1', intent: 'draft' });
    expect(out[4]?.draft).toMatchObject({ letterType: 'redirect_notice' });
    expect((out[4]?.draft as { missingFields: string[] } | undefined)?.missingFields).not.toContain(
      'redirect',
    );
  });

  it('continues a session in a later run (sessions persist in the database)', async () => {
    await run([JSON.stringify({ session: 'p', message: '隔壁烧烤店油烟扰民，请求查处' })]);
    const [r] = await run([JSON.stringify({ session: 'p', message: '帮我起草一份处理意见书' })]);
    expect(r?.draft).toMatchObject({ letterType: 'complaint_result_notice' });
    expect(String(r?.reply)).toContain('不宜出具信访事项处理意见书');
  });
});
