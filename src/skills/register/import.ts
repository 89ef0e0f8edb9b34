/**
 * Loading an agency's spreadsheet into the register (`xinfang case import`): .xlsx (its first worksheet, with the
 * maintained exceljs reader) or CSV (UTF-8, with or without BOM), headers in Chinese or as the JSON field names. Every row is checked first; a bad row is reported with its line
 * number and reason, and the other rows load.
 */
import {
  FIELD_LABEL,
  FORM_ALIASES,
  FORM_LABEL,
  INTAKE_LABEL,
  NewCase,
  NewCaseEvent,
} from '../../domain/cases.ts';
import { AppError } from '../../errors.ts';
import { parseDate } from '../deadlines/dates.ts';
import type { CaseView, RegisterService } from './service.ts';

/** Header (Chinese or field name) → field of the new matter. */
const CASE_COLUMNS: Record<string, string> = {
  receivedDate: 'receivedDate',
  收到日期: 'receivedDate',
  来信来访日期: 'receivedDate',
  信访日期: 'receivedDate',
  form: 'form',
  信访形式: 'form',
  形式: 'form',
  summary: 'summary',
  事项概要: 'summary',
  内容摘要: 'summary',
  概要: 'summary',
  摘要: 'summary',
  intake: 'intake',
  来源: 'intake',
  officer: 'officer',
  承办人: 'officer',
  责任人: 'officer',
  field: 'field',
  领域: 'field',
  receivingBody: 'receivingBody',
  受理机关: 'receivingBody',
  收件机关: 'receivingBody',
  subjectBody: 'subjectBody',
  被反映单位: 'subjectBody',
  被反映对象: 'subjectBody',
  externalRef: 'externalRef',
  编号: 'externalRef',
  信访件编号: 'externalRef',
  text: 'text',
  内容: 'text',
};
const PETITIONER_COLUMNS: Record<string, string> = {
  petitioner: 'name',
  信访人: 'name',
  姓名: 'name',
  idNumber: 'idNumber',
  身份证号: 'idNumber',
  证件号码: 'idNumber',
  phone: 'phone',
  电话: 'phone',
  联系电话: 'phone',
  address: 'address',
  地址: 'address',
  住址: 'address',
};
/** Date columns that record events. */
const EVENT_COLUMNS: Record<string, string> = {
  registered: 'registered',
  登记日期: 'registered',
  transferred: 'transferred',
  转送日期: 'transferred',
  交办日期: 'transferred',
  accepted: 'accepted',
  受理日期: 'accepted',
  notified: 'notified',
  告知日期: 'notified',
  replied: 'replied',
  答复日期: 'replied',
  出具意见日期: 'replied',
  closed: 'closed',
  办结日期: 'closed',
};
const DELIVERED = new Set(['deliveredOn', '送达日期']);
/** Columns of our own export that are computed, not loaded. */
const IGNORED = new Set(['登记编号', '类别', '法定途径', '状态', '下一期限', '到期日']);
const INTAKE_ALIASES: Record<string, string> = {
  信访部门: 'bureau',
  信访部门收到: 'bureau',
  直接向本机关提出: 'direct',
  '收到转送、交办': 'transferred',
  直接: 'direct',
  直接提出: 'direct',
  转送: 'transferred',
  交办: 'transferred',
  转送交办: 'transferred',
};

export interface ImportOutcome {
  loaded: { line: number; id: string }[];
  errors: { line: number; message: string }[];
  /** About the table as a whole (columns not recognised and ignored). */
  warnings: string[];
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; returns rows with their line numbers. */
function parseCsv(text: string): { line: number; cells: string[] }[] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

interface PreparedRow {
  line: number;
  input: Record<string, unknown>;
  events: Record<string, unknown>[];
}

function prepare(
  header: string[],
  line: number,
  cells: string[],
): PreparedRow | { line: number; message: string } {
  const input: Record<string, unknown> = {};
  const petitioner: Record<string, string> = {};
  const events: Record<string, unknown>[] = [];
  let delivered: string | undefined;
  const problems: string[] = [];
  const day = (h: string, v: string) => {
    const d = parseDate(v);
    if (!d) problems.push(`“${h}”的日期“${v}”无效`);
    return d ?? v;
  };
  header.forEach((h, i) => {
    const v = (cells[i] ?? '').trim();
    if (v === '') return;
    const caseField = CASE_COLUMNS[h];
    const petitionerField = PETITIONER_COLUMNS[h];
    const eventType = EVENT_COLUMNS[h];
    if (caseField === 'receivedDate') input.receivedDate = day(h, v);
    else if (caseField === 'form') input.form = FORM_ALIASES[v] ?? v;
    else if (caseField === 'intake') input.intake = INTAKE_ALIASES[v] ?? v;
    else if (caseField) input[caseField] = v;
    else if (petitionerField) petitioner[petitionerField] = v;
    else if (eventType) events.push({ type: eventType, date: day(h, v) });
    else if (DELIVERED.has(h)) delivered = day(h, v);
  });
  if (Object.keys(petitioner).length > 0) {
    if (!petitioner.name) problems.push('有信访人联系方式但缺少姓名');
    else input.petitioner = petitioner;
  }
  if (delivered) {
    const replied = events.find((e) => e.type === 'replied');
    if (replied) replied.deliveredOn = delivered;
    else problems.push('有送达日期但没有答复日期');
  }
  if (problems.length) return { line, message: problems.join('；') };
  const c = NewCase.safeParse(input);
  if (!c.success)
    return {
      line,
      message: c.error.issues
        .map(
          (i) =>
            `${i.path.map((k) => FIELD_LABEL[String(k)] ?? String(k)).join('.') || '本行'}：${i.message}`,
        )
        .join('；'),
    };
  for (const e of events) {
    const ev = NewCaseEvent.safeParse(e);
    if (!ev.success) return { line, message: ev.error.issues.map((i) => i.message).join('；') };
    if (ev.data.date < c.data.receivedDate)
      return {
        line,
        message: `${String(e.type)} 的日期 ${ev.data.date} 早于收到日期 ${c.data.receivedDate}`,
      };
  }
  // Events in the order they happened; closing last on its day.
  events.sort(
    (a, b) =>
      String(a.date).localeCompare(String(b.date)) ||
      (a.type === 'closed' ? 1 : b.type === 'closed' ? -1 : 0),
  );
  return { line, input, events };
}

export async function importCsv(
  register: RegisterService,
  text: string,
  by?: string,
): Promise<ImportOutcome> {
  return importRows(register, parseCsv(text), by);
}

/** The first worksheet of an .xlsx workbook as rows of text cells (dates as YYYY-MM-DD), with their row numbers. */
async function readXlsx(data: Buffer): Promise<{ line: number; cells: string[] }[]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch (cause) {
    throw new AppError('input_invalid', '无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式。', { cause });
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('input_invalid', 'Excel 文件中没有工作表。');
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.some((x) => x.trim() !== '')) rows.push({ line, cells });
  });
  return rows;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  // Excel keeps a date as a day number; exceljs gives it as a Date at UTC midnight.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v);
}

/** An agency's spreadsheet: .xlsx (first worksheet) or CSV (UTF-8). */
export async function importSpreadsheet(
  register: RegisterService,
  file: { name: string; data: Buffer },
  by?: string,
): Promise<ImportOutcome> {
  if (/\.xlsx$/i.test(file.name)) return importRows(register, await readXlsx(file.data), by);
  if (/\.xls$/i.test(file.name))
    throw new AppError(
      'input_invalid',
      '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后再导入。',
    );
  return importCsv(register, file.data.toString('utf8'), by);
}

async function importRows(
  register: RegisterService,
  rows: { line: number; cells: string[] }[],
  by?: string,
): Promise<ImportOutcome> {
  const head = rows.shift();
  if (!head) throw new AppError('input_invalid', '表格为空。');
  const header = head.cells.map((h) => h.trim());
  const known = header.filter(
    (h) => CASE_COLUMNS[h] || PETITIONER_COLUMNS[h] || EVENT_COLUMNS[h] || DELIVERED.has(h),
  );
  const needed = ['receivedDate', 'form', 'summary'].filter(
    (f) => !header.some((h) => CASE_COLUMNS[h] === f),
  );
  if (needed.length)
    throw new AppError(
      'input_invalid',
      `表格缺少必需的列：${needed.map((f) => ({ receivedDate: '收到日期', form: '信访形式', summary: '事项概要' })[f]).join('、')}（第一行应为表头）。`,
    );
  const unknown = header.filter((h) => h !== '' && !known.includes(h) && !IGNORED.has(h));
  const out: ImportOutcome = { loaded: [], errors: [], warnings: [] };
  if (unknown.length) out.warnings.push(`以下列无法识别，已忽略：${unknown.join('、')}`);
  for (const r of rows) {
    const p = prepare(header, r.line, r.cells);
    if ('message' in p) {
      out.errors.push(p);
      continue;
    }
    try {
      const c: CaseView = await register.add(p.input, by);
      for (const e of p.events) await register.addEvent(c.id, e, by);
      out.loaded.push({ line: r.line, id: c.id });
    } catch (e) {
      // A line the register refuses is reported with its line number; a bug or a storage failure stops the import.
      if (!(e instanceof AppError) || (e.code !== 'input_invalid' && e.code !== 'not_found')) throw e;
      out.errors.push({ line: r.line, message: e.userMessage });
    }
  }
  return out;
}

const EXPORT_HEADER = [
  '登记编号',
  '信访件编号',
  '收到日期',
  '信访形式',
  '来源',
  '事项概要',
  '信访人',
  '联系电话',
  '承办人',
  '类别',
  '法定途径',
  '领域',
  '受理机关',
  '被反映单位',
  '状态',
  '下一期限',
  '到期日',
];

function csvCell(v: string | null | undefined): string {
  const s = v ?? '';
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportCsv(cases: CaseView[]): string {
  const lines = [EXPORT_HEADER.join(',')];
  for (const c of cases)
    lines.push(
      [
        c.id,
        c.externalRef,
        c.receivedDate,
        FORM_LABEL[c.form],
        INTAKE_LABEL[c.intake],
        c.summary,
        c.petitioner?.name,
        c.petitioner?.phone,
        c.officer,
        c.category,
        c.classification?.channel,
        c.field,
        c.receivingBody,
        c.subjectBody,
        c.status,
        c.next?.what,
        c.next?.due,
      ]
        .map(csvCell)
        .join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
