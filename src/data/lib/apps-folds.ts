/**
 * Every chart snapshot /apps reads, folded (../derive/apps.ts) month by month and kept between
 * builds (./month-folds.ts). /apps needs every app's name and developer, so each file is parsed and
 * validated in full, and a bad row stops the build with its file and line.
 */
import type { Resource } from "../../../loaders/store/manifest.ts";
import { storedRows } from "../../../loaders/store/read.ts";
import { emptyAppsFold, foldApps, isAppsFold, mergeAppsFold, type AppsFold, type AppsSnapshotFile } from "../derive/apps.ts";
import type { StoreSegment } from "../outputs/site-store.ts";
import { foldByMonth } from "./month-folds.ts";

/** Bump when what a fold holds, or how it is computed, changes: old entries are then ignored. */
const FORMAT = 1;

function* read(dataDir: string, resources: readonly Resource[]): Generator<AppsSnapshotFile> {
  for (const resource of resources) yield { resource, rows: storedRows(dataDir, "chart_snapshots", resource) };
}

/** Each month's fold, oldest first. */
export function appsFolds(dataDir: string, months: readonly StoreSegment[], cacheDir: string): Promise<AppsFold[]> {
  return foldByMonth(
    months,
    {
      kind: { folder: `apps-folds-${FORMAT}`, label: "apps fold", isFold: isAppsFold },
      empty: emptyAppsFold,
      merge: mergeAppsFold,
      fold: (resources) => foldApps(read(dataDir, resources)),
    },
    cacheDir,
  );
}
