/**
 * CSV encoding and decoding of dataset rows (RFC 4180, UTF-8, header row) with papaparse.
 * Column order and cell types come from the Table Schema; validation from the zod schema.
 */
import Papa from "papaparse";
import { DATASETS, type DatasetName, type RowOf } from "./schema.ts";
import { columns, tableSchema, type FieldType } from "./table-schema.ts";

export class RowError extends Error {
  constructor(
    readonly line: number,
    readonly problems: string[],
  ) {
    super(`line ${line}: ${problems.join("; ")}`);
  }
}

function decodeCell(type: FieldType, cell: string): unknown {
  if (cell === "") return undefined;
  if (type === "integer" || type === "number") {
    // Number("") and Number(" ") are 0, and Number("0x10") is 16: only plain decimals are numbers here.
    return /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(cell) ? Number(cell) : cell;
  }
  if (type === "boolean") return cell === "true" ? true : cell === "false" ? false : cell;
  return cell;
}

function encodeCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  // String(-0) is "0": write the sign so the number reads back exactly.
  if (Object.is(value, -0)) return "-0";
  return String(value);
}

/** Validates one raw CSV record (strings by column) into a typed row, or throws a RowError naming each bad field. */
export function decodeRecord<D extends DatasetName>(dataset: D, record: Record<string, string>, line: number): RowOf<D> {
  const object: Record<string, unknown> = {};
  for (const field of tableSchema(dataset).fields) {
    const value = decodeCell(field.type, record[field.name] ?? "");
    if (value !== undefined) object[field.name] = value;
  }
  const result = DATASETS[dataset].schema.safeParse(object);
  if (!result.success) {
    throw new RowError(
      line,
      result.error.issues.map((i) => `${i.path.join(".") || "(row)"}: ${i.message}`),
    );
  }
  return result.data as RowOf<D>;
}

/** Encodes rows as CSV text with the dataset's columns in schema order. Rows are validated first. */
export function encodeRows<D extends DatasetName>(dataset: D, rows: readonly RowOf<D>[]): string {
  const fields = columns(dataset);
  const data = rows.map((row, i) => {
    const parsed = DATASETS[dataset].schema.safeParse(row);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(row)"}: ${issue.message}`);
      throw new RowError(i + 2, problems);
    }
    // Write what validation produced: z.url() trims and drops tabs and newlines, so the raw row
    // would read back different from what was validated.
    const record = parsed.data as Record<string, unknown>;
    return fields.map((f) => encodeCell(record[f]));
  });
  const text = Papa.unparse({ fields, data }, { newline: "\n", quotes: false });
  // With no rows papaparse already ends the header line; a second newline would read as an empty row.
  return text.endsWith("\n") ? text : text + "\n";
}

export interface ParsedCsv<D extends DatasetName> {
  rows: RowOf<D>[];
  errors: RowError[];
}

/** Parses CSV text, collecting every bad row (with its line number) instead of stopping at the first. */
export function parseCsv<D extends DatasetName>(dataset: D, text: string): ParsedCsv<D> {
  const expected = columns(dataset);
  // The delimiter is always a comma: left to guess, papaparse picks tab or semicolon when cells contain them.
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: "," });
  const errors: RowError[] = [];
  const rows: RowOf<D>[] = [];
  const table = parsed.data;
  // papaparse yields a trailing [""] for the final newline.
  if (table.length > 0 && table[table.length - 1]!.length === 1 && table[table.length - 1]![0] === "") table.pop();
  const header = table[0] ?? [];
  if (header.join(",") !== expected.join(",")) {
    errors.push(new RowError(1, [`header is "${header.join(",")}", expected "${expected.join(",")}"`]));
    return { rows, errors };
  }
  for (const e of parsed.errors) errors.push(new RowError((e.row ?? 0) + 1, [`CSV: ${e.message}`]));
  // Line numbers count physical lines, so a quoted newline inside a cell is accounted for.
  let line = 2;
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!;
    const rowLine = line;
    line += 1 + cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    if (cells.length !== expected.length) {
      errors.push(new RowError(rowLine, [`has ${cells.length} cells, expected ${expected.length}`]));
      continue;
    }
    const record = Object.fromEntries(expected.map((name, j) => [name, cells[j]!]));
    try {
      rows.push(decodeRecord(dataset, record, rowLine));
    } catch (error) {
      if (error instanceof RowError) errors.push(error);
      else throw error;
    }
  }
  return { rows, errors };
}
