/**
 * Every chart snapshot the rankings read, folded (../derive/chart-fold.ts) month by month: a month's
 * fold is kept under the key that identifies its files (./fold-cache.ts), so after a new day only
 * the month it falls in is read again. A month's files are read with the fast scanner
 * (../derive/chart-scan.ts), else (a file the scanner does not expect) parsed and validated in
 * full, whose error names the file and line.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { parseCsv } from "../../../loaders/csv.ts";
import type { TrackedAppRow } from "../../../loaders/schema.ts";
import { ManifestError, readManifestIndex, readSegment, type ManifestIndex, type Resource, type SegmentRef } from "../../../loaders/store/manifest.ts";
import { DataError, resourcesToRead, storedFileReader } from "../../../loaders/store/read.ts";
import { emptyFold, foldSnapshots, mergeFold, type ChartFold, type SnapshotFile } from "../derive/chart-fold.ts";
import { scanChartSnapshot } from "../derive/chart-scan.ts";
import { summarizeRows, trackedIds, type ChartSummary, type TrackedIds } from "../derive/chart-summary.ts";
import { openFoldCache } from "./fold-cache.ts";

/** One month of chart snapshot files, oldest month first. */
export interface ChartMonth {
  /** Changes whenever any of the month's files or their manifest entries do. */
  key: string;
  resources(): Promise<readonly Resource[]>;
}

/** The months of a manifest's chart snapshots, each keyed by the sha256 of its entries. */
export function chartMonths(resources: readonly Resource[]): ChartMonth[] {
  const months = new Map<string, Resource[]>();
  for (const r of resourcesToRead(resources, "chart_snapshots")) {
    const month = r.retrieved.slice(0, 7);
    let list = months.get(month);
    if (!list) months.set(month, (list = []));
    list.push(r);
  }
  return [...months.values()].map((list) => ({
    key: createHash("sha256").update(JSON.stringify(list)).digest("hex"),
    resources: async () => list,
  }));
}

/**
 * The months of chart snapshots as the manifest's index names them, each keyed by its segment's
 * sha256 and read only when its fold is not kept: after a new day, one segment out of years.
 */
export function indexedChartMonths(dataDir: string, index: ManifestIndex): ChartMonth[] {
  return index.segments
    .filter((ref) => ref.dataset === "chart_snapshots")
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
    .map((ref) => ({ key: ref.hash, resources: async () => resourcesToRead(await readChartSegment(dataDir, ref), "chart_snapshots") }));
}

/** A segment the index named when the build began; a write may have replaced it since. */
async function readChartSegment(dataDir: string, ref: SegmentRef): Promise<Resource[]> {
  try {
    return await readSegment(dataDir, ref);
  } catch (error) {
    const now = error instanceof ManifestError ? await readManifestIndex(dataDir).catch(() => undefined) : undefined;
    if (now && !now.segments.some((s) => s.path === ref.path)) {
      throw new DataError(`${join(dataDir, ref.path)} was replaced by a write to the store while this build read it; run the build again.`);
    }
    throw error;
  }
}

function summarize(content: Buffer, dataDir: string, resource: Resource, ids: TrackedIds): ChartSummary[] {
  const scanned = scanChartSnapshot(content, ids);
  if (scanned) return scanned;
  const { rows, errors } = parseCsv("chart_snapshots", content.toString("utf8"));
  if (errors.length > 0) throw new DataError(`${join(dataDir, resource.path)}:${errors[0]!.message}; run npm run data:verify for every problem.`);
  return summarizeRows(rows, ids);
}

/** Every month folded into one, each month from the cache in `cacheDir` when its key is there. */
export async function chartFold(dataDir: string, months: readonly ChartMonth[], apps: readonly TrackedAppRow[], cacheDir: string): Promise<ChartFold> {
  const ids = trackedIds(apps);
  const cache = openFoldCache(cacheDir, ids);
  const read = storedFileReader();
  const fold = emptyFold();
  for (const month of months) {
    let part = cache.get(month.key);
    if (!part) {
      const files = function* (resources: readonly Resource[]): Generator<SnapshotFile> {
        for (const resource of resources) yield { resource, charts: summarize(read(dataDir, resource), dataDir, resource, ids) };
      };
      part = await foldSnapshots(files(await month.resources()));
      cache.set(month.key, part);
    }
    mergeFold(fold, part);
  }
  const warning = cache.save();
  if (warning) console.error(`rankings: ${warning}`);
  return fold;
}
