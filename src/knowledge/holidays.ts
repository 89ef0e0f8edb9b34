/** Reads an agency-supplied holiday arrangement file (XINFANG_HOLIDAYS_FILE): one year's object or a list. */
import { readFileSync } from 'node:fs';
import { type HolidayArrangement, HolidayArrangementFile } from '../domain/deadlines.ts';
import { AppError } from '../errors.ts';

export function loadHolidayArrangements(file: string): HolidayArrangement[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AppError(
      'config_invalid',
      `放假安排文件 ${file} 无法读取或不是有效 JSON（XINFANG_HOLIDAYS_FILE）。`,
      {
        cause,
      },
    );
  }
  const parsed = HolidayArrangementFile.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      'config_invalid',
      `放假安排文件 ${file} 格式错误：${first?.path.join('.') ?? ''} ${first?.message ?? ''}。示例：{"year":2027,"holidays":{"2027-10-01":"国庆节"},"workdays":{"2027-10-09":"国庆节调休"}}`,
      { cause: parsed.error },
    );
  }
  return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
}
