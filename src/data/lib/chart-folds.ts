/**
 * Every chart snapshot the rankings read, folded (../derive/chart-fold.ts) month by month and kept
 * between builds (./month-folds.ts); each file read by ./fold-files.ts.
 */
import { createHash } from "node:crypto";
import type { TrackedAppRow } from "../../../loaders/schema.ts";
import { storedFileReader } from "../../../loaders/store/read.ts";
import { emptyFold, mergeFold, type ChartFold } from "../derive/chart-fold.ts";
import { trackedIds, type TrackedIds } from "../derive/chart-summary.ts";
import type { StoreSegment } from "../outputs/site-store.ts";
import type { FoldKind } from "./fold-cache.ts";
import { foldFiles } from "./fold-files.ts";
import { foldByMonth } from "./month-folds.ts";

/** Bump when what a fold holds, or how it is computed, changes: old entries are then ignored. */
const FORMAT = 2;

/** The rankings' folds: one folder per format and set of tracked apps, which the folds depend on. */
export function chartFoldKind(ids: TrackedIds): FoldKind<ChartFold> {
  const tracked = Object.entries(ids).map(([store, map]) => [store, [...map].sort()]);
  return {
    folder: `chart-folds-${createHash("sha256").update(JSON.stringify([FORMAT, tracked])).digest("hex").slice(0, 16)}`,
    label: "chart fold",
    isFold: (value): value is ChartFold =>
      typeof value === "object" && value !== null && typeof (value as ChartFold).charts === "object" && (value as ChartFold).charts !== null,
  };
}

/** Every month folded into one. */
export async function chartFold(dataDir: string, months: readonly StoreSegment[], apps: readonly TrackedAppRow[], cacheDir: string): Promise<ChartFold> {
  const ids = trackedIds(apps);
  const read = storedFileReader();
  const parts = await foldByMonth(months, { kind: chartFoldKind(ids), empty: emptyFold, merge: mergeFold, fold: (resources) => foldFiles(dataDir, resources, ids, read) }, cacheDir);
  return parts.reduce(mergeFold, emptyFold());
}
