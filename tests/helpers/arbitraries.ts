/**
 * fast-check arbitraries of dataset rows, derived from each dataset's Table Schema (which is
 * itself derived from the zod schema): one generator for every dataset, valid by construction,
 * with free text drawn from strings that break naive CSV, HTML and spreadsheet handling.
 *
 * Also: invalid-value generators per field (for "a bad field is named" properties) and a lone
 * surrogate injector.
 */
import fc from "fast-check";
import type { z } from "zod";
import { DATASETS, type DatasetName, type RowOf } from "../../loaders/schema.ts";
import { tableSchema, type TableField } from "../../loaders/table-schema.ts";

export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

export type Row = Record<string, unknown>;

/** The zod schema of one column, for checking a single value. */
export function fieldSchema(dataset: DatasetName, field: string): z.ZodType {
  const shape = (DATASETS[dataset].schema as unknown as { shape: Record<string, z.ZodType> }).shape;
  const schema = shape[field];
  if (!schema) throw new Error(`${dataset} has no field ${field}`);
  return schema;
}

/** Strings that have broken CSV writers, spreadsheets, HTML pages or JSON encoders somewhere. */
export const HOSTILE = [
  '"',
  '""',
  '"quoted"',
  ",",
  ",,",
  "a,b",
  "\n",
  "\r",
  "\r\n",
  "\n\r",
  '"\n"',
  "\r\r\n\n",
  "小红书",
  "抖音 TikTok 难民",
  "中文，逗号",
  "🎉",
  "👨‍👩‍👧‍👦",
  "🇺🇸🇨🇳",
  "e\u0301",
  "=SUM(A1:A9)",
  '=HYPERLINK("http://evil.example","click")',
  "+1",
  "-1",
  "@cmd",
  "\t=1",
  "<script>alert(1)</script>",
  "</textarea><img src=x onerror=alert(1)>",
  "' OR 1=1 --",
  " leading",
  "trailing ",
  " ",
  "\t",
  "\uFEFF",
  "\u2028\u2029",
  "\u202E",
  "\u0000",
  "\\",
  "\\n",
  "'",
  "`",
  "null",
  "undefined",
  "NaN",
  "0",
  "-0",
  "1e3",
  "0x10",
  "true",
  "#",
  "%s%n",
] as const;

const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('"', ",", "\n", "\r", " ", "a", "小", "😀"), maxLength: 12 }) },
);

/** Very long cells: a hostile piece repeated to 1,000–20,000 UTF-16 units. */
const longText = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1_000, max: 20_000 }))
  .map(([parts, length]) => {
    const unit = parts.join("") || "x";
    return unit.repeat(Math.ceil(length / unit.length));
  });

/** Free text: any well-formed string, biased towards the hostile ones. */
export function hostileText(minLength = 0): fc.Arbitrary<string> {
  return fc
    .oneof({ weight: 250, arbitrary: fc.array(piece, { maxLength: 6 }).map((parts) => parts.join("")) }, { weight: 1, arbitrary: longText })
    .filter((s) => s.length >= minLength && s.isWellFormed());
}

const MIN_DATE = new Date("0000-01-01T00:00:00.000Z");
const MAX_DATE = new Date("9999-12-31T23:59:59.999Z");
const anyDate = fc.date({ min: MIN_DATE, max: MAX_DATE, noInvalidDate: true });

const dateArb = anyDate.map((d) => d.toISOString().slice(0, 10));

/** UTC instants as ISO 8601 with 0, 3 or more fractional digits, always with Z. */
const datetimeArb = fc
  .tuple(anyDate, fc.constantFrom(0, 1, 3, 6, 9), fc.integer({ min: 0, max: 999_999 }))
  .map(([d, digits, extra]) => {
    const base = d.toISOString().slice(0, 19);
    if (digits === 0) return `${base}Z`;
    const fraction = (d.toISOString().slice(20, 23) + String(extra).padStart(6, "0")).slice(0, digits);
    return `${base}.${fraction}Z`;
  });

function integerArb(field: TableField): fc.Arbitrary<number> {
  const min = field.constraints.minimum ?? Number.MIN_SAFE_INTEGER;
  const max = field.constraints.maximum ?? Number.MAX_SAFE_INTEGER;
  const options: fc.Arbitrary<number>[] = [
    fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }),
    fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number),
    fc.constantFrom(min, max),
  ];
  if (min <= 0 && max >= 0) options.push(fc.constant(-0));
  return fc.oneof(...options);
}

function numberArb(field: TableField): fc.Arbitrary<number> {
  const { minimum, maximum } = field.constraints;
  return fc.oneof(
    fc.double({ min: minimum ?? -Number.MAX_VALUE, max: maximum ?? Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
    integerArb({ ...field, constraints: { ...field.constraints, minimum: Math.ceil(minimum ?? -1e9), maximum: Math.floor(maximum ?? 1e9) } }),
  );
}

/** http(s) URLs: fast-check's web URLs, sometimes with hostile query text, kept only if the field accepts them. */
function urlArb(dataset: DatasetName, field: TableField): fc.Arbitrary<string> {
  const schema = fieldSchema(dataset, field.name);
  return fc
    .tuple(
      fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true, withFragments: true }),
      fc.option(hostileText(), { nil: undefined }),
    )
    .map(([url, extra]) => (extra === undefined ? url : `${url}${url.includes("?") ? "&" : "?"}q=${extra}`))
    .filter((url) => schema.safeParse(url).success);
}

/** An arbitrary of one valid value of a field. */
export function valueArb(dataset: DatasetName, field: TableField): fc.Arbitrary<unknown> {
  const c = field.constraints;
  if (c.enum) return fc.constantFrom(...c.enum);
  switch (field.type) {
    case "integer":
      return integerArb(field);
    case "number":
      return numberArb(field);
    case "boolean":
      return fc.boolean();
    case "date":
      return dateArb;
    case "datetime":
      return datetimeArb;
    case "string":
      if (field.format === "uri") return urlArb(dataset, field);
      if (c.pattern !== undefined) return fc.stringMatching(new RegExp(c.pattern));
      // An empty optional cell reads back as missing (missingValues [""]), so optional text is absent or non-empty.
      return hostileText(Math.max(c.minLength ?? 0, 1));
  }
}

/**
 * Cross-field rules the Table Schema cannot express (zod refinements): an interval ends on or after
 * it starts; value_high is present exactly when the qualifier is "range".
 */
function applyCrossFieldRules(row: Row): Row {
  const out = { ...row };
  if (typeof out.date === "string" && typeof out.date_end === "string" && out.date_end < out.date) {
    [out.date, out.date_end] = [out.date_end, out.date];
  }
  if ("qualifier" in out) {
    if (out.qualifier === "range") out.value_high ??= out.value;
    else delete out.value_high;
  }
  return out;
}

const rowCache = new Map<DatasetName, fc.Arbitrary<Row>>();

/** An arbitrary of one valid row of `dataset`. */
export function rowArb<D extends DatasetName>(dataset: D): fc.Arbitrary<RowOf<D>> {
  let arb = rowCache.get(dataset);
  if (!arb) {
    const fields = tableSchema(dataset).fields;
    const model = Object.fromEntries(fields.map((f) => [f.name, valueArb(dataset, f)]));
    const requiredKeys = fields.filter((f) => f.constraints.required).map((f) => f.name);
    arb = fc.record(model, { requiredKeys }).map((row) => applyCrossFieldRules(row as Row));
    rowCache.set(dataset, arb);
  }
  return arb as fc.Arbitrary<RowOf<D>>;
}

export function rowsArb<D extends DatasetName>(dataset: D, maxLength = 6): fc.Arbitrary<RowOf<D>[]> {
  return fc.array(rowArb(dataset), { maxLength });
}

/** Puts a lone surrogate (high or low half) into a string at a random position. */
export const withLoneSurrogate = (value: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 0xd800, max: 0xdfff }), fc.nat({ max: value.length }))
    .map(([unit, at]) => {
      // Never split an existing pair, and never complete one: a high half followed by a low half is valid.
      const chars = [...value];
      const position = Math.min(at, chars.length);
      const surrogate = String.fromCharCode(unit);
      const before = chars.slice(0, position).join("");
      const after = chars.slice(position).join("");
      const text = unit < 0xdc00 ? `${before}${surrogate}x${after}` : `${before}x${surrogate}${after}`;
      return text;
    });

export type MutationKind = "wrong type" | "out of range" | "bad enum" | "bad format" | "missing" | "empty" | "lone surrogate";

export interface Mutation {
  kind: MutationKind;
  /** The value put into the row (undefined: the field was removed). */
  value: unknown;
  /** The same mutation as a CSV cell, when it can be written in a CSV at all ("5" is valid text). */
  cell?: string;
}

const DATE_NEAR_MISSES = ["2025-02-30", "2025-13-01", "2025-1-01", "2025-01-1", "25-01-01", "2025/01/01", "2025-01-01T00:00:00Z", " 2025-01-01", "2025-00-10", "2023-02-29", "date"];
const DATETIME_NEAR_MISSES = [
  "2025-01-14 12:00:00Z",
  "2025-01-14T12:00:00",
  "2025-01-14T12:00:00+01:00",
  "2025-01-14T24:00:00Z",
  "2025-01-14T12:60:00Z",
  "2025-01-14T12:00:61Z",
  "2025-01-14",
  "2025-02-30T12:00:00Z",
  "2025-01-14T12:00:00.Z",
  "2025-01-14t12:00:00z",
  "now",
];
const URL_NEAR_MISSES = [
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "ftp://example.com/file",
  "file:///etc/passwd",
  "example.com/page",
  "//example.com/page",
  "http://localhost/",
  "http://127.0.0.1/",
  "https://",
  "not a url",
  "mailto:a@example.com",
];

/** Values that must be rejected for `field`, with the kind of mistake each is. */
export function mutationArb(dataset: DatasetName, field: TableField): fc.Arbitrary<Mutation> {
  const c = field.constraints;
  const valueSchema = fieldSchema(dataset, field.name);
  const rejected = (v: unknown) => !valueSchema.safeParse(v).success;
  const options: fc.Arbitrary<Mutation>[] = [];
  const add = (kind: MutationKind, arb: fc.Arbitrary<unknown>, asCell: (v: unknown) => string | undefined = () => undefined) =>
    options.push(
      arb.filter(rejected).map((value) => {
        const cell = asCell(value);
        return cell === undefined ? { kind, value } : { kind, value, cell };
      }),
    );

  if (c.required) add("missing", fc.constant(undefined), () => "");
  if (field.type === "integer" || field.type === "number") {
    add("wrong type", fc.oneof(fc.constantFrom("1", "abc", "", "1,5", "0x10", "Infinity", "NaN", " 1"), fc.boolean(), fc.constant(null)), (v) =>
      typeof v === "string" && v !== "" && !/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(v) ? v : undefined,
    );
    add("out of range", fc.constantFrom(Number.NaN, Infinity, -Infinity));
    if (field.type === "integer") {
      add("out of range", fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)), (v) => String(v));
      add("out of range", fc.constantFrom(2 ** 53, -(2 ** 53), 1e21), (v) => String(v));
    }
    if (c.minimum !== undefined) {
      add("out of range", fc.double({ max: c.minimum, maxExcluded: true, noNaN: true, noDefaultInfinity: true }), (v) => String(v));
      add("out of range", fc.integer({ min: -(2 ** 31), max: Math.ceil(c.minimum) - 1 }), (v) => String(v));
    }
    if (c.maximum !== undefined) {
      add("out of range", fc.double({ min: c.maximum, minExcluded: true, noNaN: true, noDefaultInfinity: true }), (v) => String(v));
    }
  } else {
    // Strings of every kind: a number is the wrong type, and so is an object.
    add("wrong type", fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant({ toString: () => "x" })));
    if (c.enum) {
      const allowed = new Set(c.enum);
      add("bad enum", fc.oneof(fc.constantFrom(...c.enum.map((e) => e.toUpperCase()), ...c.enum.map((e) => ` ${e}`)), fc.string({ minLength: 1 })).filter((s) => !allowed.has(s)), (v) => v as string);
    } else if (field.type === "date") {
      add("bad format", fc.oneof(fc.constantFrom(...DATE_NEAR_MISSES), fc.string({ minLength: 1 })), (v) => v as string);
    } else if (field.type === "datetime") {
      add("bad format", fc.oneof(fc.constantFrom(...DATETIME_NEAR_MISSES), fc.string({ minLength: 1 })), (v) => v as string);
    } else if (field.format === "uri") {
      add("bad format", fc.oneof(fc.constantFrom(...URL_NEAR_MISSES), fc.string({ minLength: 1 })), (v) => v as string);
    } else if (c.pattern !== undefined) {
      const pattern = new RegExp(c.pattern);
      add("bad format", fc.oneof(hostileText(1), fc.string({ minLength: 1 })).filter((s) => !pattern.test(s)), (v) => v as string);
    }
    if ((c.minLength ?? 0) > 0) add("empty", fc.constant(""));
    if (field.type === "string" && !c.enum && c.pattern === undefined) {
      add("lone surrogate", hostileText().chain(withLoneSurrogate), (v) => v as string);
    }
  }
  return fc.oneof(...options);
}
