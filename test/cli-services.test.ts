/**
 * One set of services: after an ingest, `xinfang check` (a separate process) reports exactly what the app's checker
 * reports — the object chat and Slack use. The statute here is a made-up text with the structure of an official one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { spawnAsync } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const NUMS =
  '一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三 二十四 二十五 二十六 二十七 二十八 二十九 三十'.split(
    ' ',
  );

function statute(): string {
  const items = NUMS.slice(0, 15)
    .map((n, i) => `（${n}）第${i + 1}种情形；\n`)
    .join('\n');
  const articles = NUMS.map((n) =>
    n === '十一' ? `第十一条 有下列情形之一的，可以申请行政复议：\n\n${items}` : `第${n}条 测试用条文。\n`,
  );
  return ['# 中华人民共和国行政复议法\n', ...articles].join('\n');
}

const LETTER = `某县人民政府
信访事项处理意见书
某信意〔2026〕1号

张某某：
    你于2026年3月2日来信，本机关于2026年3月5日受理。
    一、信访请求：要求补发生活补助。
    二、事实和理由：你称未领到补助。经调取档案、询问经办人员，查明你不符合发放条件。
    三、处理意见：依据《信访工作条例》第三十二条第一款第（三）项、《行政复议法》第十一条第（十六）项的规定，对你的请求不予支持。
    如不服本处理意见，可以自收到本意见书之日起30日内，向某市人民政府请求复查。

某县人民政府
2026年4月10日
`;

describe('one set of services across surfaces', () => {
  it('after an ingest, check on the command line and the app checker give the same findings', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-services-'));
    const law = path.join(dir, '行政复议法(2023).md');
    const letter = path.join(dir, 'letter.txt');
    writeFileSync(law, statute());
    writeFileSync(letter, LETTER);
    const env = {
      ...process.env,
      XINFANG_DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: '',
      LOG_LEVEL: 'silent',
    };
    const run = (args: string[]) =>
      spawnAsync(process.execPath, [path.join(ROOT, 'bin/xinfang.js'), ...args], { env });

    expect((await run(['ingest', law, '--no-backup'])).status).toBe(0);
    const cli = await run(['check', letter, '--json']);
    expect(cli.status, cli.stderr).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as { findings: { code: string; message: string }[] };

    const app = await App.create(loadConfig(env));
    try {
      const fromApp = app.checker.check(LETTER);
      expect(fromCli.findings.map((f) => [f.code, f.message])).toEqual(
        fromApp.findings.map((f) => [f.code, f.message]),
      );
      // Known only from the ingested text: 第十一条 has 15 items.
      expect(fromCli.findings.map((f) => f.message)).toContain('《行政复议法》第十一条没有第（十六）项。');
    } finally {
      await app.close();
    }
  }, 120_000);
});
