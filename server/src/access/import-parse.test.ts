import { describe, expect, it } from 'vitest';
import { errorReportCsv, parseImport } from './import-parse.ts';

const TODAY = '2026-12-01';

describe('reading an import file', () => {
  it('takes Chinese or English headers in any order, a BOM, quotes and blank lines', () => {
    const zh = parseImport('\uFEFF学号,楼栋,房间号,生效日期,失效日期\r\nS0001,n1,101,2026-09-01,2027-07-15\r\n\r\n"S0002", N1 ,"102",2026-09-01,2027-07-15\r\n', TODAY);
    expect(zh.errors).toEqual([]);
    expect(zh.rows.map((r) => [r.line, r.studentNumber, r.building, r.room])).toEqual([
      [2, 'S0001', 'N1', '101'],
      [4, 'S0002', 'N1', '102'],
    ]);
    const en = parseImport('room,validTo,studentNumber,validFrom,building\n101,2027-07-15,S0001,2026-09-01,N1\n', TODAY);
    expect(en.rows[0]).toMatchObject({ studentNumber: 'S0001', building: 'N1', room: '101', validFrom: '2026-09-01', validTo: '2027-07-15' });
  });

  it('counts the lines of a quoted field spanning lines: that row is named by its last line, the next by its own', () => {
    const { rows } = parseImport('学号,楼栋,房间号,生效日期,失效日期,备注\nS0001,N1,101,2026-09-01,2027-07-15,"两行\n备注"\nS0002,N1,102,2026-09-01,2027-07-15,\n', TODAY);
    expect(rows.map((r) => r.line)).toEqual([3, 4]);
  });

  it('refuses a header without a column, an empty file and a broken quote, each as one fault', () => {
    expect(parseImport('学号,楼栋,生效日期,失效日期\nS0001,N1,2026-09-01,2027-07-15\n', TODAY).errors).toEqual([
      { row: 1, column: 'room', code: 'missing_column', reasonZh: '表头缺少“房间号”列' },
    ]);
    expect(parseImport('', TODAY).errors.map((e) => e.code)).toEqual(['empty_file']);
    expect(parseImport('学号,楼栋,房间号,生效日期,失效日期\n', TODAY).errors.map((e) => e.code)).toEqual(['empty_file']);
    expect(parseImport('学号,楼栋,房间号,生效日期,失效日期\n"S0001,N1,101,2026-09-01,2027-07-15\n', TODAY).errors.map((e) => e.code)).toEqual(['malformed_csv']);
  });

  it('checks dates: real, in order, not over', () => {
    const { errors } = parseImport(
      ['学号,楼栋,房间号,生效日期,失效日期', 'A,N1,101,2026-13-01,2027-07-15', 'B,N1,101,2026/09/01,2027-07-15', 'C,N1,101,2026-09-01,2026-08-31', 'D,N1,101,2025-09-01,2026-07-15'].join('\n'),
      TODAY,
    );
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'validFrom', 'bad_date'],
      [3, 'validFrom', 'bad_date'],
      [4, 'validTo', 'dates_reversed'],
      [5, 'validTo', 'already_ended'],
    ]);
  });

  it('writes the report as CSV a spreadsheet opens: BOM, quoted where needed', () => {
    const csv = errorReportCsv([{ row: 3, column: 'room', code: 'unknown_room', reasonZh: 'N1 没有 "9,9" 房间' }]);
    expect(csv).toBe('\uFEFF行号,列,原因\r\n3,房间号,"N1 没有 ""9,9"" 房间"\r\n');
    expect(errorReportCsv([])).toBeNull();
  });
});
