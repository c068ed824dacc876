/**
 * A download's CSV files (./export.ts) rewritten as one Parquet file by DuckDB, rows in their order: zstd-compressed, each column typed
 * as its Table Schema says (dates as DATE, times as TIMESTAMP WITH TIME ZONE in UTC, integers as
 * BIGINT, ids and every other text as VARCHAR), the columns named and ordered as in the CSV.
 * DuckDB reads the CSV with those types given, guessing nothing, so a value that does not fit its
 * type fails the write instead of changing a column's type.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { DatasetName } from "../schema.ts";
import { tableSchema, type FieldType } from "../table-schema.ts";

const SQL_TYPES: Record<FieldType, string> = {
  string: "VARCHAR",
  integer: "BIGINT",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  date: "DATE",
  datetime: "TIMESTAMPTZ",
};

/** A SQL string literal. */
export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** `read_csv(...)` of our CSVs of one dataset: its columns with their types, and CSV as loaders/csv.ts writes it. */
export function readCsvSql(dataset: DatasetName, paths: readonly string[], options = ""): string {
  const columns = tableSchema(dataset).fields.map((f) => `${sqlString(f.name)}: ${sqlString(SQL_TYPES[f.type])}`);
  // An empty cell is a missing value (Table Schema's missingValues). A row longer than DuckDB's
  // max_line_size (2 MB) fails the write with DuckDB's message; raising it raises every read buffer 16-fold.
  return `read_csv([${paths.map(sqlString).join(", ")}], header = true, auto_detect = false, columns = {${columns.join(", ")}}, delim = ',', quote = '"', escape = '"', nullstr = ''${options})`;
}

export interface ParquetWriter {
  write(dataset: DatasetName, csvPaths: readonly string[], parquetPath: string): Promise<void>;
  /** Parquet files written by `write` joined into one, rows in their order: the same bytes as writing their CSV files at once. */
  join(parquetPaths: readonly string[], parquetPath: string): Promise<void>;
  close(): void;
}

/** One DuckDB connection for a build's Parquet files; `close` when done. */
export async function openParquetWriter(): Promise<ParquetWriter> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection: DuckDBConnection = await instance.connect();
  // Times are UTC in the CSV and stay UTC; nothing is read from the machine's time zone.
  await connection.run("SET TimeZone = 'UTC'");
  return {
    async write(dataset, csvPaths, parquetPath) {
      await connection.run(`COPY (SELECT * FROM ${readCsvSql(dataset, csvPaths)}) TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`);
    },
    async join(parquetPaths, parquetPath) {
      // One thread: a year's join took 0.45 s so against 0.52–0.60 s with two on two cores, the
      // same bytes; reading CSV is faster with two, so they are given back after.
      await connection.run("SET threads = 1");
      try {
        await connection.run(`COPY (SELECT * FROM read_parquet([${parquetPaths.map(sqlString).join(", ")}])) TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`);
      } finally {
        await connection.run("RESET threads");
      }
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
