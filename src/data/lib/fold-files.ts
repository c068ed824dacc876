/**
 * One stretch of chart snapshot files folded (../derive/chart-fold.ts): each file read with the
 * fast scanner (../derive/chart-scan.ts), else (a file the scanner does not expect) parsed and
 * validated in full, whose error names the file and line.
 */
import type { Resource } from "../../../loaders/store/manifest.ts";
import { storedRows } from "../../../loaders/store/read.ts";
import { foldSnapshots, type ChartFold, type SnapshotFile } from "../derive/chart-fold.ts";
import { scanChartSnapshot } from "../derive/chart-scan.ts";
import { summarizeRows, type ChartSummary, type TrackedIds } from "../derive/chart-summary.ts";

/** Reads a stored file (loaders/store/read.ts storedFileReader). */
export type ReadFile = (dataDir: string, resource: Resource) => Buffer;

function summarize(content: Buffer, dataDir: string, resource: Resource, ids: TrackedIds): ChartSummary[] {
  return scanChartSnapshot(content, ids) ?? summarizeRows(storedRows(dataDir, "chart_snapshots", resource, content), ids);
}

export function foldFiles(dataDir: string, resources: readonly Resource[], ids: TrackedIds, read: ReadFile): Promise<ChartFold> {
  function* files(): Generator<SnapshotFile> {
    for (const resource of resources) yield { resource, charts: summarize(read(dataDir, resource), dataDir, resource, ids) };
  }
  return foldSnapshots(files());
}
