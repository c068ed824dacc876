/**
 * The rankings' reading of the chart snapshots done by DuckDB over the store, for bench/run.ts to
 * set beside the folds (src/data/lib/chart-folds.ts) at 5 years (derive_5y_duckdb_s): every stored
 * chart file read by DuckDB's CSV reader (two threads) and reduced to each file's chart length and
 * the tracked apps' ranks, then per chart the last snapshot of each UTC day, re-observations
 * included: the reduction the folds make, nothing cached. With TRACKER_DATA_DIR set:
 *   node --import tsx bench/duckdb-rankings.ts
 * Prints {"ms", "files", "charts", "days"} as one line of JSON.
 */
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { resolveDataDir } from "../loaders/config.ts";
import { readCsvSql, sqlString } from "../loaders/store/parquet.ts";
import { resourcesToRead } from "../loaders/store/read.ts";
import { openSiteStore } from "../src/data/outputs/site-store.ts";

const dataDir = resolveDataDir();
const started = performance.now();
const store = openSiteStore(dataDir);
const resources = resourcesToRead((await store.manifestOf(["chart_snapshots"])).resources, "chart_snapshots");
const apps = await store.rows("tracked_apps");
const ids = apps.flatMap((a) => [a.app_store_id, a.google_play_id].filter((id): id is string => id !== undefined));
const connection = await (await DuckDBInstance.create(":memory:")).connect();
const source = readCsvSql("chart_snapshots", resources.map((r) => join(dataDir, r.path)), ", filename = true");
const reader = await connection.runAndReadAll(
  `SELECT filename, store, country, chart, max(rank) AS size, list({'app': app_id, 'rank': rank}) FILTER (WHERE app_id IN (${ids.map(sqlString).join(", ")})) AS tracked FROM ${source} GROUP BY ALL`,
);
const byPath = new Map(resources.map((r) => [join(dataDir, r.path), r]));
const charts = new Map<string, Map<string, { time: string; size: number; tracked: unknown }>>();
for (const [filename, store_, country, chart, size, tracked] of reader.getRowsJS()) {
  const resource = byPath.get(String(filename))!;
  const key = `${store_}|${country}|${chart}`;
  let days = charts.get(key);
  if (!days) charts.set(key, (days = new Map()));
  for (const time of [resource.retrieved, ...(resource.confirmed ?? [])]) {
    const day = time.slice(0, 10);
    const current = days.get(day);
    if (!current || time > current.time) days.set(day, { time, size: Number(size), tracked });
  }
}
const ms = performance.now() - started;
const days = [...charts.values()].reduce((sum, d) => sum + d.size, 0);
process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), files: resources.length, charts: charts.size, days })}\n`);
