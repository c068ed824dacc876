/**
 * Property tests of the CSV codec and the schemas, for every dataset. Shared by the default run
 * (tests/loaders/csv.property.test.ts, a few hundred cases) and the deep run
 * (tests/deep/csv.property.test.ts, at least 10,000 cases per dataset and property).
 */
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { decodeRecord, encodeRows, parseCsv, RowError } from "../../loaders/csv.ts";
import { DATASETS, type DatasetName, type RowOf } from "../../loaders/schema.ts";
import { columns, tableSchema } from "../../loaders/table-schema.ts";
import { DATASET_NAMES, HOSTILE, mutationArb, rowArb, rowsArb, withLoneSurrogate, type Mutation, type Row } from "./arbitraries.ts";

export interface PropertyOptions {
  /** Cases per dataset and property. */
  numRuns: number;
  /** Per-test timeout in ms. */
  timeout?: number;
}

/** The CSV cells of a valid row, as encodeRows writes them. */
function cellsOf(dataset: DatasetName, row: Row): Record<string, string> {
  const parsed = Papa.parse<Record<string, string>>(encodeRows(dataset, [row as RowOf<typeof dataset>]), { header: true, skipEmptyLines: true, delimiter: "," });
  return parsed.data[0]!;
}

/** One CSV text with a header and a single record, written without our codec's validation. */
function csvOf(dataset: DatasetName, record: Record<string, string>): string {
  const fields = columns(dataset);
  return Papa.unparse({ fields, data: [fields.map((f) => record[f] ?? "")] }, { newline: "\n" }) + "\n";
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A RowError whose every problem is about `field`, and nothing else. */
function expectNamesOnly(error: unknown, field: string, context: string): void {
  expect(error, context).toBeInstanceOf(RowError);
  const problems = (error as RowError).problems;
  expect(problems.length, context).toBeGreaterThan(0);
  for (const p of problems) expect(p.startsWith(`${field}: `), `${context}: problem "${p}" should name ${field} only`).toBe(true);
}

function mutated(row: Row, field: string, m: Mutation): Row {
  const out = { ...row };
  if (m.value === undefined) delete out[field];
  else out[field] = m.value;
  return out;
}

const mutationCache = new Map<DatasetName, fc.Arbitrary<{ field: string } & Mutation>>();
function anyMutation(dataset: DatasetName): fc.Arbitrary<{ field: string } & Mutation> {
  let arb = mutationCache.get(dataset);
  if (!arb) {
    arb = fc.oneof(...tableSchema(dataset).fields.map((f) => mutationArb(dataset, f).map((m) => ({ field: f.name, ...m }))));
    mutationCache.set(dataset, arb);
  }
  return arb;
}

/** Text a user, a broken disk or a hostile file could hand to parseCsv. */
function arbitraryText(dataset: DatasetName): fc.Arbitrary<string> {
  const header = columns(dataset).join(",");
  const csvish = fc.string({ unit: fc.constantFrom('"', ",", "\n", "\r", "a", "1", " ", "\uFEFF", "-", "小"), maxLength: 200 });
  const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 100 });
  const mangled = fc
    .tuple(rowsArb(dataset, 3), fc.nat(), fc.nat(), fc.oneof(fc.constantFrom(...HOSTILE), utf16))
    .map(([rows, a, b, insert]) => {
      const text = encodeRows(dataset, rows);
      const i = a % (text.length + 1);
      const j = i + (b % (text.length - i + 1));
      return text.slice(0, i) + insert + text.slice(j);
    });
  return fc.oneof(
    fc.string({ unit: "binary" }),
    fc.string({ unit: "grapheme" }),
    fc.string(),
    utf16,
    csvish,
    csvish.map((s) => `${header}\n${s}`),
    fc.tuple(fc.constantFrom(...HOSTILE), csvish).map(([a, s]) => `${header}${a}${s}`),
    mangled,
  );
}

export function csvProperties({ numRuns, timeout }: PropertyOptions): void {
  describe.each(DATASET_NAMES)("%s", (dataset) => {
    const fields = tableSchema(dataset).fields;
    const schema = DATASETS[dataset].schema;

    const urlFields = fields.filter((f) => f.format === "uri").map((f) => f.name);

    it(`valid rows round-trip exactly through encodeRows, UTF-8 bytes and parseCsv (${numRuns} cases)`, { timeout }, () => {
      fc.assert(
        fc.property(rowsArb(dataset), (rows) => {
          // What validation outputs: the row itself, except that URLs lose surrounding whitespace,
          // tabs and newlines (as in any browser); nothing else is normalized.
          const canonical = rows.map((row) => {
            const result = schema.safeParse(row);
            expect(result.error?.issues, "generator made an invalid row").toBeUndefined();
            const expected = { ...(row as Row) };
            for (const f of urlFields) if (typeof expected[f] === "string") expected[f] = (expected[f] as string).trim().replace(/[\t\n\r]/g, "");
            expect(result.data).toStrictEqual(expected);
            return expected;
          });
          const text = encodeRows(dataset, rows);
          const bytes = Buffer.from(text, "utf8");
          expect(bytes.toString("utf8")).toBe(text);
          const parsed = parseCsv(dataset, bytes.toString("utf8"));
          expect(parsed.errors).toEqual([]);
          expect(parsed.rows).toStrictEqual(canonical);
          // Exact and stable: what was read writes the very same bytes again.
          expect(encodeRows(dataset, parsed.rows)).toBe(text);
        }),
        { numRuns },
      );
    });

    const stringFields = fields.filter((f) => f.type === "string" || f.type === "date" || f.type === "datetime").map((f) => f.name);
    const freeText = new Set(fields.filter((f) => f.type === "string" && !f.constraints.enum && f.constraints.pattern === undefined && !f.format).map((f) => f.name));

    it(`a lone surrogate in any text field is refused with a RowError naming that field (${numRuns} cases)`, { timeout }, () => {
      const arb = fc
        .tuple(rowArb(dataset), fc.constantFrom(...stringFields))
        .chain(([row, field]) => {
          const current = (row as Row)[field];
          return withLoneSurrogate(typeof current === "string" ? current : "text").map((value) => ({ row: row as Row, field, value }));
        });
      fc.assert(
        fc.property(arb, ({ row, field, value }) => {
          const bad = { ...row, [field]: value };
          const error = caught(() => encodeRows(dataset, [bad as RowOf<typeof dataset>]));
          expectNamesOnly(error, field, "encodeRows");
          if (freeText.has(field)) expect((error as RowError).message).toMatch(/lone surrogate/);
          const record = { ...cellsOf(dataset, row), [field]: value };
          expectNamesOnly(caught(() => decodeRecord(dataset, record, 2)), field, "decodeRecord");
          const parsed = parseCsv(dataset, csvOf(dataset, record));
          expect(parsed.rows).toEqual([]);
          expect(parsed.errors).toHaveLength(1);
          expectNamesOnly(parsed.errors[0], field, "parseCsv");
        }),
        { numRuns },
      );
    });

    it(`a row with one bad field is refused, and the error names exactly that field (${numRuns} cases)`, { timeout }, () => {
      fc.assert(
        fc.property(rowArb(dataset), anyMutation(dataset), (row, m) => {
          const context = `${m.kind} ${m.field} = ${JSON.stringify(m.value)}`;
          const bad = mutated(row as Row, m.field, m);
          expect(schema.safeParse(bad).success, context).toBe(false);
          expectNamesOnly(
            caught(() => encodeRows(dataset, [bad as RowOf<typeof dataset>])),
            m.field,
            `encodeRows: ${context}`,
          );
          if (m.cell !== undefined) {
            const record = { ...cellsOf(dataset, row as Row), [m.field]: m.cell };
            expectNamesOnly(caught(() => decodeRecord(dataset, record, 2)), m.field, `decodeRecord: ${context}`);
            const parsed = parseCsv(dataset, csvOf(dataset, record));
            expect(parsed.rows, context).toEqual([]);
            expect(parsed.errors, context).toHaveLength(1);
            expectNamesOnly(parsed.errors[0], m.field, `parseCsv: ${context}`);
          }
        }),
        { numRuns },
      );
    });

    const names = new Set(fields.map((f) => f.name));
    it.runIf(names.has("date_end"))(`an interval ending before it starts is refused at date_end (${numRuns} cases)`, { timeout }, () => {
      fc.assert(
        fc.property(
          rowArb(dataset).filter((r) => typeof (r as Row).date_end === "string" && (r as Row).date_end !== (r as Row).date),
          (row) => {
            const r = row as Row;
            const bad = { ...r, date: r.date_end, date_end: r.date };
            expectNamesOnly(caught(() => encodeRows(dataset, [bad as RowOf<typeof dataset>])), "date_end", "encodeRows");
          },
        ),
        { numRuns },
      );
    });

    it.runIf(names.has("value_high"))(`value_high is refused without the range qualifier and required with it (${numRuns} cases)`, { timeout }, () => {
      fc.assert(
        fc.property(rowArb(dataset), fc.double({ noNaN: true, noDefaultInfinity: true }), (row, high) => {
          const r = row as Row;
          const bad = r.qualifier === "range" ? mutated(r, "value_high", { kind: "missing", value: undefined }) : { ...r, value_high: high };
          expectNamesOnly(caught(() => encodeRows(dataset, [bad as RowOf<typeof dataset>])), "value_high", "encodeRows");
        }),
        { numRuns },
      );
    });

    it(`an empty optional cell and a missing value are the same (${numRuns} cases)`, { timeout }, () => {
      const optionalText = fields.filter((f) => !f.constraints.required && f.type === "string" && !f.constraints.enum && f.constraints.pattern === undefined && !f.format);
      fc.assert(
        fc.property(rowArb(dataset), (row) => {
          const withEmpty = { ...(row as Row), ...Object.fromEntries(optionalText.map((f) => [f.name, ""])) };
          const parsed = parseCsv(dataset, encodeRows(dataset, [withEmpty as RowOf<typeof dataset>]));
          const expected = { ...(schema.parse(row) as Row) };
          for (const f of optionalText) delete expected[f.name];
          expect(parsed.rows).toStrictEqual([expected]);
        }),
        { numRuns },
      );
    });

    it(`parseCsv never throws on arbitrary text: it returns valid rows and RowErrors (${numRuns} cases)`, { timeout }, () => {
      fc.assert(
        fc.property(arbitraryText(dataset), (text) => {
          const parsed = parseCsv(dataset, text);
          for (const row of parsed.rows) expect(schema.safeParse(row).success).toBe(true);
          for (const e of parsed.errors) {
            expect(e).toBeInstanceOf(RowError);
            expect(Number.isInteger(e.line) && e.line >= 1).toBe(true);
          }
        }),
        { numRuns },
      );
    });
  });
}
