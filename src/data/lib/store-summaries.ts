/**
 * Each dataset's summary (../derive/store-summary.ts) from its manifest segments, each segment's kept
 * between builds under its sha256 (./fold-cache.ts): after a new day only the current month's
 * segment is read. A dataset read as "latest" (one current file per scope) is small and read whole,
 * since its current files are what the site shows.
 */
import { DATASETS, type DatasetName } from "../../../loaders/schema.ts";
import { resourcesToRead } from "../../../loaders/store/read.ts";
import { mergeSummaries, summarize, type DatasetState, type StoreSummary } from "../derive/store-summary.ts";
import type { SiteStore } from "../outputs/site-store.ts";
import { openFoldCache, type FoldKind } from "./fold-cache.ts";

/** Bump when what a summary holds, or how it is computed, changes. */
const KIND: FoldKind<StoreSummary> = {
  folder: "store-summaries-1",
  label: "manifest summary",
  isFold: (value): value is StoreSummary => typeof value === "object" && value !== null && Array.isArray((value as StoreSummary).newest),
};

const states = new WeakMap<SiteStore, Promise<Record<DatasetName, DatasetState>>>();

async function read(store: SiteStore): Promise<Record<DatasetName, DatasetState>> {
  const segments = await store.segments();
  const cache = openFoldCache(store.cacheDir, KIND);
  const result = {} as Record<DatasetName, DatasetState>;
  for (const dataset of Object.keys(DATASETS) as DatasetName[]) {
    const mine = segments.filter((s) => s.dataset === dataset);
    if (DATASETS[dataset].reading === "latest") {
      const all = (await Promise.all(mine.map((s) => s.resources()))).flat();
      result[dataset] = { summary: summarize(all), current: resourcesToRead(all, dataset) };
      continue;
    }
    const parts: StoreSummary[] = [];
    for (const segment of mine) {
      const kept = cache.get(segment.hash);
      const summary = kept ?? summarize(await segment.resources());
      if (!kept) cache.set(segment.hash, summary);
      parts.push(summary);
    }
    result[dataset] = { summary: mergeSummaries(parts), current: null };
  }
  const warning = await cache.save();
  if (warning) console.error(`manifest summaries: ${warning}`);
  return result;
}

/** Every dataset's state, read once per store. */
export function datasetStates(store: SiteStore): Promise<Record<DatasetName, DatasetState>> {
  let known = states.get(store);
  if (!known) states.set(store, (known = read(store)));
  return known;
}
