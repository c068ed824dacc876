/**
 * Every chart snapshot the rankings read, folded (../derive/chart-fold.ts) month by month and, within
 * a month, day by day: each fold is kept under the key that identifies its files (./fold-cache.ts),
 * so after a new day only that day's files are read again (./fold-files.ts reads them).
 */
import { createHash } from "node:crypto";
import type { TrackedAppRow } from "../../../loaders/schema.ts";
import type { Resource } from "../../../loaders/store/manifest.ts";
import { storedFileReader } from "../../../loaders/store/read.ts";
import { emptyFold, mergeFold, type ChartFold } from "../derive/chart-fold.ts";
import { trackedIds } from "../derive/chart-summary.ts";
import { monthResources, type ChartMonth } from "./chart-months.ts";
import { openFoldCache } from "./fold-cache.ts";
import { foldFiles } from "./fold-files.ts";

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
  for (const i of missing) parts[i] = await foldFiles(dataDir, await monthResources(dataDir, months[i]!), ids, read);
  if (newest >= 0 && !parts[newest]) {
    const part = emptyFold();
    for (const day of daysOf(await monthResources(dataDir, months[newest]!))) {
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
  const warning = await cache.save();
  if (warning) console.error(`rankings: ${warning}`);
  return fold;
}
