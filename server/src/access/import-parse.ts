import { parse } from 'csv-parse/sync';
import { isCalendarDate } from './hall-dates.ts';
import type { ImportColumn, ImportError, ImportErrorCode } from './schemas.ts';

/** A file of more rows than this is refused whole: a semester's intake is a few thousand. */
export const MAX_IMPORT_ROWS = 20_000;

/** The column titles people write, per canonical key: Chinese first, as the template has them. */
const HEADER_NAMES: Record<ImportColumn, string[]> = {
  studentNumber: ['学号', 'student_number', 'studentnumber', 'student number', 'number'],
  building: ['楼栋', '楼栋代码', '楼号', 'building', 'building_code', 'buildingcode'],
  room: ['房间号', '房间', '宿舍号', 'room', 'room_number', 'roomnumber'],
  validFrom: ['生效日期', '开始日期', 'valid_from', 'validfrom'],
  validTo: ['失效日期', '结束日期', 'valid_to', 'validto'],
};

export const COLUMN_ZH: Record<ImportColumn, string> = {
  studentNumber: '学号',
  building: '楼栋',
  room: '房间号',
  validFrom: '生效日期',
  validTo: '失效日期',
};

/** The template header the UI offers for download. */
export const IMPORT_TEMPLATE_HEADER = Object.values(COLUMN_ZH).join(',');

export interface ImportRow {
  /** The line in the file (header = 1). */
  line: number;
  studentNumber: string;
  building: string;
  room: string;
  validFrom: string;
  validTo: string;
}

export const err = (row: number, column: ImportColumn | null, code: ImportErrorCode, reasonZh: string): ImportError => ({ row, column, code, reasonZh });

function columnOf(title: string): ImportColumn | null {
  const t = title.trim().toLowerCase();
  for (const [key, names] of Object.entries(HEADER_NAMES) as [ImportColumn, string[]][]) if (names.includes(t)) return key;
  return null;
}

/**
 * Reads the file and checks what each row says on its own (required values, real dates in order,
 * not already ended, not a repeat of an earlier row). Rows that pass are returned for the database
 * checks; every fault found is listed with its line and column.
 */
export function parseImport(text: string, today: string): { rows: ImportRow[]; errors: ImportError[]; total: number } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const line = typeof (e as { lines?: unknown }).lines === 'number' ? (e as { lines: number }).lines : 1;
    return { total: 0, rows: [], errors: [err(line, null, 'malformed_csv', `文件格式有误，无法读取（${csvProblemZh(e)}）`)] };
  }
  if (records.length === 0) return { total: 0, rows: [], errors: [err(1, null, 'empty_file', '文件是空的')] };
  const [header, ...body] = records;
  const positions = new Map<ImportColumn, number>();
  header!.record.forEach((title, i) => {
    const key = columnOf(title);
    if (key && !positions.has(key)) positions.set(key, i);
  });
  const missing = (Object.keys(HEADER_NAMES) as ImportColumn[]).filter((k) => !positions.has(k));
  if (missing.length > 0) {
    return { total: body.length, rows: [], errors: missing.map((k) => err(1, k, 'missing_column', `表头缺少“${COLUMN_ZH[k]}”列`)) };
  }
  if (body.length === 0) return { total: 0, rows: [], errors: [err(1, null, 'empty_file', '文件只有表头，没有数据行')] };
  if (body.length > MAX_IMPORT_ROWS) {
    return { total: body.length, rows: [], errors: [err(1, null, 'too_many_rows', `一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${body.length} 行`)] };
  }

  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    const value = (k: ImportColumn) => (record[positions.get(k)!] ?? '').trim();
    const row: ImportRow = { line, studentNumber: value('studentNumber'), building: value('building').toUpperCase(), room: value('room'), validFrom: value('validFrom'), validTo: value('validTo') };
    const faults: ImportError[] = [];
    for (const k of Object.keys(HEADER_NAMES) as ImportColumn[]) {
      if (row[k] === '') faults.push(err(line, k, 'missing_value', `“${COLUMN_ZH[k]}”为空`));
    }
    for (const k of ['validFrom', 'validTo'] as const) {
      if (row[k] !== '' && !isCalendarDate(row[k])) faults.push(err(line, k, 'bad_date', `“${row[k]}”不是有效日期，请写成 2026-09-01 这样的格式`));
    }
    if (faults.length === 0) {
      if (row.validTo < row.validFrom) faults.push(err(line, 'validTo', 'dates_reversed', '失效日期早于生效日期'));
      else if (row.validTo < today) faults.push(err(line, 'validTo', 'already_ended', `失效日期 ${row.validTo} 已经过去`));
    }
    if (row.studentNumber !== '') {
      const first = firstLineOf.get(row.studentNumber);
      if (first !== undefined) faults.push(err(line, 'studentNumber', 'duplicate_row', `学号 ${row.studentNumber} 与第 ${first} 行重复`));
      else firstLineOf.set(row.studentNumber, line);
    }
    if (faults.length > 0) errors.push(...faults);
    else rows.push(row);
  }
  return { total: body.length, rows, errors };
}

function csvProblemZh(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return '引号没有闭合';
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return '引号位置不对';
  return '请另存为 UTF-8 编码的 CSV 文件';
}

/** The downloadable report: one line per fault, columns 行号, 列, 原因 (quoted where needed). */
export function errorReportCsv(errors: readonly ImportError[]): string | null {
  if (errors.length === 0) return null;
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = ['行号,列,原因', ...errors.map((e) => [String(e.row), e.column ? COLUMN_ZH[e.column] : '', e.reasonZh].map(cell).join(','))];
  // A BOM so spreadsheet programs open the Chinese text as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
