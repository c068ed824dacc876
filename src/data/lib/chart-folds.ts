/**
 * Every chart snapshot the rankings read, folded (../derive/chart-fold.ts) month by month and, within
 * a month, day by day: each fold is kept under the key that identifies its files (./fold-cache.ts),
 * so after a new day only that day's files are read again (./fold-files.ts reads them).
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { TrackedAppRow } from "../../../loaders/schema.ts";
import { ManifestError, readManifestIndex, readSegment, type ManifestIndex, type Resource, type SegmentRef } from "../../../loaders/store/manifest.ts";
import { DataError, resourcesToRead, storedFileReader } from "../../../loaders/store/read.ts";
import { emptyFold, mergeFold, type ChartFold } from "../derive/chart-fold.ts";
import { trackedIds } from "../derive/chart-summary.ts";
import { openFoldCache } from "./fold-cache.ts";
import { foldFiles } from "./fold-files.ts";

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

/** A month's files by UTC day of retrieval, oldest first, each day keyed by the sha256 of its entries. */
function daysOf(resources: readonly Resource[]): { key: string; resources: Resource[] }[] {
  const days: { key: string; resources: Resource[] }[] = [];
  for (const r of resources) {
    const last = days.at(-1);
    if (last && last.resources[0]!.retrieved.slice(0, 10) === r.retrieved.slice(0, 10)) last.resources.push(r);
    else days.push({ key: "", resources: [r] });
  }
  for (const day of days) day.key = createHash("sha256").update(JSON.stringify(day.resources)).digest("hex");
  return days;
}

/**
 * Every month folded into one. A month comes from the cache in `cacheDir` when its key is there;
 * otherwise it is folded from its files. The newest month is folded day by day and its days are
 * kept too, so a new day reads that day's files only.
 */
export async function chartFold(dataDir: string, months: readonly ChartMonth[], apps: readonly TrackedAppRow[], cacheDir: string): Promise<ChartFold> {
  const ids = trackedIds(apps);
  const cache = openFoldCache(cacheDir, ids);
  const read = storedFileReader();
  const parts = months.map((month) => cache.get(month.key));
  const newest = months.length - 1;
  const missing = parts.flatMap((part, i) => (part || i === newest ? [] : [i]));
  for (const i of missing) parts[i] = await foldFiles(dataDir, await months[i]!.resources(), ids, read);
  if (newest >= 0 && !parts[newest]) {
    const part = emptyFold();
    for (const day of daysOf(await months[newest]!.resources())) {
      let folded = cache.get(day.key);
      if (!folded) cache.set(day.key, (folded = await foldFiles(dataDir, day.resources, ids, read)));
      mergeFold(part, folded);
    }
    parts[newest] = part;
  }
  const fold = emptyFold();
  for (const [i, part] of parts.entries()) {
    if (missing.includes(i) || i === newest) cache.set(months[i]!.key, part!);
    mergeFold(fold, part!);
  }
  const warning = cache.save();
  if (warning) console.error(`rankings: ${warning}`);
  return fold;
}
