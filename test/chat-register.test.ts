import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { memoryApp } from './helpers.ts';

let app: App;
beforeAll(async () => {
  app = await memoryApp();
});
afterAll(async () => {
  await app.close();
});

describe('chat → case register', () => {
  it('“登记这个事项” after a classification puts the case on the register with its next limit', async () => {
    const id = 'register-1';
    await app.dialogue.handle(
      id,
      '来访人王某反映：楼下烧烤店每晚营业到凌晨两点，油烟和噪声扰民，请求有关部门依法查处。',
    );
    const r = await app.dialogue.handle(id, '登记这个事项');
    expect(r.intent).toBe('register');
    expect(r.text).toMatch(/^已登记到事项台账，编号 \S+/);
    const rows = await app.register.list({ today: '2026-11-28' }, { userId: 'test', manager: true });
    expect(rows.some((c) => c.summary.includes('烧烤店'))).toBe(true);
  });

  it('without a case in focus it asks for one instead of registering nothing', async () => {
    const r = await app.dialogue.handle('register-2', '登记这个事项');
    expect(r.text).not.toContain('已登记');
  });
});
