/**
 * The months of chart snapshot files, oldest first: what identifies each month's files (its key),
 * and where its list of files is, read only when that month's fold is not kept.
 */
import { createHash } from "node:crypto";
import { monthOf, readSegment, type ManifestIndex, type Resource, type SegmentRef } from "../../../loaders/store/manifest.ts";
import { resourcesToRead } from "../../../loaders/store/read.ts";

export type ChartMonth =
  /** A month as the manifest's index names it: keyed by its segment's sha256, read when needed. */
  | { key: string; segment: SegmentRef }
  /** A month of a manifest read whole (an older store): keyed by the sha256 of its entries. */
  | { key: string; resources: Resource[] };

/** The months of a manifest's chart snapshots. */
export function chartMonths(resources: readonly Resource[]): ChartMonth[] {
  const months = new Map<string, Resource[]>();
  for (const r of resourcesToRead(resources, "chart_snapshots")) {
    const month = monthOf(r.retrieved);
    let list = months.get(month);
    if (!list) months.set(month, (list = []));
    list.push(r);
  }
  return [...months.values()].map((list) => ({ key: createHash("sha256").update(JSON.stringify(list)).digest("hex"), resources: list }));
}

/**
 * The months of chart snapshots as the manifest's index names them: a segment is opened only when
 * its month's fold is not kept, so after a new day one segment out of years is.
 */
export function indexedChartMonths(index: ManifestIndex): ChartMonth[] {
  return index.segments
    .filter((ref) => ref.dataset === "chart_snapshots")
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
    .map((segment) => ({ key: segment.hash, segment }));
}

/** A month's files, oldest first. */
export async function monthResources(dataDir: string, month: ChartMonth): Promise<Resource[]> {
  return "segment" in month ? resourcesToRead(await readSegment(dataDir, month.segment), "chart_snapshots") : month.resources;
}
