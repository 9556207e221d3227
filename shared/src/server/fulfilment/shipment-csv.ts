/**
 * Reading the waybill CSV staff upload, with csv-parse (quoted fields, a BOM from Excel, CRLF or LF, commas,
 * tabs or full-width commas between fields): each record with the line it ends on, for the domain to check.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { CsvRecord } from '../../domain/fulfilment';

export type CsvReading = { readonly records: readonly CsvRecord[] } | { readonly unreadableAt: number };

export function readCsv(text: string): CsvReading {
  try {
    const parsed = parse(text, {
      bom: true,
      delimiter: [',', '\t', '，'],
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records: parsed.map(({ record, info }) => ({ line: info.lines, fields: record })) };
  } catch (error) {
    if (error instanceof CsvError) return { unreadableAt: Math.max(1, Number(error.lines) || 1) };
    throw error;
  }
}
