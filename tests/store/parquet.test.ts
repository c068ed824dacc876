/**
 * The Parquet downloads read back with DuckDB: every file, every row and every cell equal to the
 * store's, with the column names and types the schemas give (dates as DATE, times as UTC
 * timestamps, integers as BIGINT, ids and text as VARCHAR). The store holds generated hostile rows
 * (tests/helpers/arbitraries.ts: quotes, commas, newlines, CJK, emoji, byte order marks, formulas,
 * very long strings) in two years of every time series.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import fc from "fast-check";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../loaders/csv.ts";
import { DATASETS, type DatasetName } from "../../loaders/schema.ts";
import { downloadParts } from "../../loaders/store/export.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { readStoredFile } from "../../loaders/store/read.ts";
import { writeSnapshot } from "../../loaders/store/write.ts";
import { tableSchema, type FieldType } from "../../loaders/table-schema.ts";
import { writeDownloads, type Download } from "../../src/data/outputs/downloads.ts";
import { openSiteStore } from "../../src/data/outputs/site-store.ts";
import { DATASET_NAMES, HOSTILE, rowsArb } from "../helpers/arbitraries.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const quiet = { log: () => {} };
const DUCKDB_TYPES: Record<FieldType, string> = { string: "VARCHAR", integer: "BIGINT", number: "DOUBLE", boolean: "BOOLEAN", date: "DATE", datetime: "TIMESTAMP WITH TIME ZONE" };

/**
 * Each cell as a plain value DuckDB cannot have changed on the way to JavaScript: text as its UTF-8
 * bytes in hex (the client's decoder would drop a leading byte order mark), dates as days and times
 * as microseconds since 1970.
 */
function cellSql(name: string, type: FieldType): string {
  const column = `"${name}"`;
  if (type === "string") return `hex(encode(${column}))`;
  if (type === "date") return `datediff('day', DATE '1970-01-01', ${column})`;
  if (type === "datetime") return `epoch_us(${column})`;
  return column;
}

/**
 * The store's value as the same plain value: a time's fraction kept to the microsecond (Parquet's
 * precision), and an integer -0 (which the CSV can spell) as the integer 0.
 */
function expectedCell(value: unknown, type: FieldType): unknown {
  if (value === undefined) return null;
  if (type === "integer") return (value as number) + 0;
  if (type === "string") return Buffer.from(String(value), "utf8").toString("hex").toUpperCase();
  if (type === "date") return Date.parse(`${value as string}T00:00:00Z`) / 86_400_000;
  if (type === "datetime") {
    const [, seconds, fraction = ""] = /^(.{19})(?:\.(\d+))?Z$/.exec(value as string)!;
    return BigInt(Date.parse(`${seconds}Z`)) * 1000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
  }
  return value;
}

const actualCell = (value: unknown, type: FieldType) => ((type === "integer" || type === "date") && typeof value === "bigint" ? Number(value) : value);

let dir: string;
let cleanup: () => Promise<void>;
let downloads: Download[];
let db: DuckDBConnection;

beforeAll(async () => {
  ({ path: dir, cleanup } = await tempDir("parquet-"));
  const data = join(dir, "data");
  for (const dataset of DATASET_NAMES) {
    const samples = fc.sample(rowsArb(dataset, 12).filter((rows) => rows.length > 0), { numRuns: 3, seed: 17 });
    for (const [i, rows] of samples.entries()) {
      const retrievedAt = `${2025 + (i % 2)}-0${i + 1}-15T06:00:00.000Z`;
      await writeSnapshot(data, { dataset, source: "generated", scope: `part-${i % 2}`, retrievedAt, rows, sources: [{ title: "generated", path: "https://example.com/" }] }, quiet);
    }
  }
  // And every hostile string as an app's name and developer, one a long one, in a chart of its own.
  const at = "2026-03-01T06:00:00.000Z";
  const names = [...HOSTILE, `${HOSTILE.join("")}`.repeat(300)];
  const rows = names.map((name, i) => ({ store: "app-store" as const, country: "us", chart: "top-free" as const, rank: i + 1, app_id: name, name, developer: `\uFEFF${name}`, retrieved_at: at }));
  await writeSnapshot(data, { dataset: "chart_snapshots", source: "apple-charts", scope: "us-top-free", retrievedAt: at, rows, sources: [{ title: "feed", path: "https://example.com/" }] }, quiet);
  downloads = await writeDownloads(openSiteStore(data, join(dir, "cache")), join(dir, "site"));
  db = await (await DuckDBInstance.create(":memory:")).connect();
}, 60_000);
afterAll(async () => {
  db?.closeSync();
  await cleanup();
});

describe("the Parquet downloads", () => {
  it("are one per year of a time series, holding that year's CSV downloads (a month each), and one per editorial dataset", () => {
    const parquet = downloads.filter((d) => d.format === "parquet").map((d) => d.path);
    for (const p of downloads.filter((d) => d.format === "parquet")) {
      const csv = downloads.filter((d) => d.format === "csv" && d.dataset === p.dataset && (p.period === null ? d.period === null : d.period?.slice(0, 4) === p.period));
      expect(csv.map((d) => d.period?.length ?? null), p.path).toEqual(csv.map(() => (p.period === null ? null : 7)));
      expect(csv.reduce((sum, d) => sum + d.rows, 0), p.path).toBe(p.rows);
    }
    for (const dataset of DATASET_NAMES) {
      const expected = DATASETS[dataset].reading === "append" ? [`${dataset}-2025`, `${dataset}-2026`] : [dataset];
      expect(parquet.filter((p) => p.startsWith(`data/parquet/${dataset}`)), dataset).toEqual(expected.map((name) => `data/parquet/${name}.parquet`));
    }
  });

  it("have the schema's column names, order and types", async () => {
    for (const d of downloads.filter((f) => f.format === "parquet")) {
      const described = (await db.runAndReadAll(`DESCRIBE SELECT * FROM '${join(dir, "site", d.path)}'`)).getRowObjectsJS();
      expect(described.map((c) => [c.column_name, c.column_type]), d.path).toEqual(tableSchema(d.dataset).fields.map((f) => [f.name, DUCKDB_TYPES[f.type]]));
    }
  });

  it("read back with DuckDB equal to the store, row for row and cell for cell", async () => {
    const manifest = await readManifest(join(dir, "data"));
    for (const dataset of Object.keys(DATASETS) as DatasetName[]) {
      const fields = tableSchema(dataset).fields;
      for (const part of downloadParts(manifest, dataset, "year")) {
        const stored = part.resources.flatMap((r) => parseCsv(dataset, readStoredFile(join(dir, "data"), r).toString("utf8")).rows as Record<string, unknown>[]);
        const file = join(dir, "site", `data/parquet/${part.name}.parquet`);
        const read = (await db.runAndReadAll(`SELECT ${fields.map((f) => `${cellSql(f.name, f.type)} AS "${f.name}"`).join(", ")} FROM '${file}'`)).getRowObjectsJS();
        expect(read.length, part.name).toBe(stored.length);
        expect(read.length, part.name).toBe(downloads.find((d) => d.path === `data/parquet/${part.name}.parquet`)!.rows);
        for (const [i, row] of stored.entries()) {
          const want = Object.fromEntries(fields.map((f) => [f.name, expectedCell(row[f.name], f.type)]));
          const got = Object.fromEntries(fields.map((f) => [f.name, actualCell(read[i]![f.name], f.type)]));
          expect(got, `${part.name} row ${i + 1}`).toEqual(want);
        }
      }
    }
  });
});
