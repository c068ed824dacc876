/**
 * Every chart snapshot the rankings read, as summaries (src/data/derive/chart-summary.ts): from the
 * cache when the file's sha256 is known, else read with the fast scanner, else (a file the scanner
 * does not expect) parsed and validated in full, whose error names the file and line.
 */
import { join } from "node:path";
import { parseCsv } from "../../../loaders/csv.ts";
import type { TrackedAppRow } from "../../../loaders/schema.ts";
import type { Manifest, Resource } from "../../../loaders/store/manifest.ts";
import { DataError, resourcesToRead, storedFileReader } from "../../../loaders/store/read.ts";
import { scanChartSnapshot } from "../derive/chart-scan.ts";
import { summarizeRows, trackedIds, type ChartSummary, type TrackedIds } from "../derive/chart-summary.ts";
import type { SnapshotFile } from "../derive/chart-fold.ts";
import { openSummaryCache } from "./summary-cache.ts";

function readSummary(content: Buffer, dataDir: string, resource: Resource, ids: TrackedIds): ChartSummary[] {
  const scanned = scanChartSnapshot(content, ids);
  if (scanned) return scanned;
  const { rows, errors } = parseCsv("chart_snapshots", content.toString("utf8"));
  if (errors.length > 0) throw new DataError(`${join(dataDir, resource.path)}:${errors[0]!.message}; run npm run data:verify for every problem.`);
  return summarizeRows(rows, ids);
}

/**
 * The chart snapshots a reader of the store sees, oldest first, each as its summary. The cache in
 * `cacheDir` is saved once every file has been read.
 */
export function* chartSummaries(dataDir: string, manifest: Manifest, apps: readonly TrackedAppRow[], cacheDir: string): Generator<SnapshotFile> {
  const ids = trackedIds(apps);
  const cache = openSummaryCache(cacheDir, ids);
  const read = storedFileReader();
  for (const resource of resourcesToRead(manifest.resources, "chart_snapshots")) {
    let charts = cache.get(resource.hash);
    if (!charts) {
      charts = readSummary(read(dataDir, resource), dataDir, resource, ids);
      cache.set(resource.hash, charts);
    }
    yield { resource, charts };
  }
  const warning = cache.save();
  if (warning) console.error(`rankings: ${warning}`);
}
