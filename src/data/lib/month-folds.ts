/**
 * Chart snapshot files folded month by month and, within the newest month, day by day: each fold is
 * kept under the key that identifies its files (./fold-cache.ts), and so is the merge of every month
 * before the newest, so after a new day only that day's files are read again and one fold for the
 * years before it. Generic over the kind of fold: the rankings' (./chart-folds.ts) and /apps'
 * (./apps-folds.ts) are kept apart and each reads the files its own way.
 */
import { createHash } from "node:crypto";
import type { Resource } from "../../../loaders/store/manifest.ts";
import { resourcesToRead } from "../../../loaders/store/read.ts";
import type { StoreSegment } from "../outputs/site-store.ts";
import { openFoldCache, type FoldKind } from "./fold-cache.ts";

export interface MonthFolder<T> {
  kind: FoldKind<T>;
  empty(): T;
  /** Adds the fold of later files to `into` and returns it. */
  merge(into: T, from: T): T;
  /** Folds files, oldest first. */
  fold(resources: readonly Resource[]): Promise<T>;
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
 * Two folds: every month before the newest merged, then the newest month. Each month comes from the
 * cache in `cacheDir` when its key is there, otherwise from its files, and the months before the
 * newest are kept merged too, so the build after a new day reads one fold for all of them. The
 * newest month is folded day by day and its days are kept, so a new day reads that day's files only.
 */
export async function foldByMonth<T>(months: readonly StoreSegment[], folder: MonthFolder<T>, cacheDir: string): Promise<[before: T, newest: T]> {
  const cache = openFoldCache(cacheDir, folder.kind);
  const files = async (month: StoreSegment) => resourcesToRead(await month.resources(), month.dataset);
  const before = months.slice(0, -1);
  const beforeKey = `before-${createHash("sha256").update(before.map((m) => m.hash).join("\n")).digest("hex")}`;
  let merged = before.length > 0 ? cache.get(beforeKey) : folder.empty();
  if (merged) for (const month of before) cache.keep(month.hash);
  else {
    merged = folder.empty();
    let warning: string | null = null;
    for (const month of before) {
      let part = cache.get(month.hash);
      if (!part) {
        cache.set(month.hash, (part = await folder.fold(await files(month))));
        // Written now, so years of months never sit in memory at once.
        warning ??= await cache.flush();
      }
      folder.merge(merged, part);
    }
    if (warning) console.error(warning);
    cache.set(beforeKey, merged);
  }
  const last = months.at(-1);
  let newest = last ? cache.get(last.hash) : folder.empty();
  if (!newest) {
    newest = folder.empty();
    for (const day of daysOf(await files(last!))) {
      let folded = cache.get(day.key);
      if (!folded) cache.set(day.key, (folded = await folder.fold(day.resources)));
      folder.merge(newest, folded);
    }
    cache.set(last!.hash, newest);
  }
  const warning = await cache.save();
  if (warning) console.error(warning);
  return [merged, newest];
}
