/**
 * The store as the site's data outputs read it: each dataset's rows read once, however many outputs
 * use them. The build runs every output against one SiteStore; a Framework data loader runs one
 * output against its own. Nothing reads the whole manifest (tens of MB at years of history): an
 * output reads the segments of the datasets it needs (`manifestOf`), and the index alone
 * (`segments`) tells which months changed.
 */
import { resolveCacheDir } from "../../../loaders/config.ts";
import type { DatasetName, RowOf } from "../../../loaders/schema.ts";
import { buildSegment, groupBySegment, monthOf, readManifestOf, readSegment, readStoredManifest, type Manifest, type Resource, type SegmentRef } from "../../../loaders/store/manifest.ts";
import { readAll } from "../../../loaders/store/read.ts";

export interface SiteStore {
  readonly dataDir: string;
  /** Where slow derived results are kept between builds (loaders/config.ts resolveCacheDir). */
  readonly cacheDir: string;
  /** The manifest with only these datasets' resources. */
  manifestOf(datasets: readonly DatasetName[]): Promise<Manifest>;
  /** Each dataset's files (or only `dataset`'s) by UTC month of retrieval, oldest first, each read only when asked for. */
  segments(dataset?: DatasetName): Promise<StoreSegment[]>;
  rows<D extends DatasetName>(dataset: D): Promise<RowOf<D>[]>;
}

/** One dataset's files of one UTC month of retrieval: a manifest segment. */
export interface StoreSegment {
  dataset: DatasetName;
  month: string;
  /**
   * What identifies its files, so that what is made of them can be kept: the segment file's sha256
   * (for a store still in one file, of the segment its next write will store).
   */
  hash: string;
  resources(): Promise<Resource[]>;
}

async function readSegments(dataDir: string): Promise<StoreSegment[]> {
  const stored = await readStoredManifest(dataDir);
  const segment = (ref: SegmentRef, resources: () => Promise<Resource[]>): StoreSegment => ({ dataset: ref.dataset, month: ref.month, hash: ref.hash, resources });
  let segments: StoreSegment[];
  if (stored.layout === "segments") segments = stored.index.segments.map((ref) => segment(ref, () => readSegment(dataDir, ref)));
  else {
    // No index yet (empty, or the old single-file layout): cut as the store's next write will.
    const groups = [...groupBySegment(stored.layout === "single-file" ? stored.manifest.resources : []).values()];
    segments = groups.map((list) => {
      const { ref, text } = buildSegment(list[0]!.dataset, monthOf(list[0]!.retrieved), list);
      return segment(ref, async () => (JSON.parse(text) as { resources: Resource[] }).resources);
    });
  }
  return segments.sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

export function openSiteStore(dataDir: string, cacheDir = resolveCacheDir()): SiteStore {
  let segments: Promise<StoreSegment[]> | undefined;
  const parts = new Map<string, Promise<Manifest>>();
  const rows = new Map<DatasetName, Promise<unknown[]>>();
  const store: SiteStore = {
    dataDir,
    cacheDir,
    manifestOf(datasets) {
      const key = [...datasets].sort().join(",");
      let part = parts.get(key);
      if (!part) parts.set(key, (part = readManifestOf(dataDir, datasets)));
      return part;
    },
    async segments(dataset) {
      const all = await (segments ??= readSegments(dataDir));
      return dataset ? all.filter((s) => s.dataset === dataset) : all;
    },
    rows<D extends DatasetName>(dataset: D) {
      let read = rows.get(dataset);
      if (!read) rows.set(dataset, (read = store.manifestOf([dataset]).then((m) => readAll(dataDir, dataset, { manifest: m }))));
      return read as Promise<RowOf<D>[]>;
    },
  };
  return store;
}
