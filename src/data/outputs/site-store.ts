/**
 * The store as the site's data outputs read it: each dataset's rows read once, however many outputs
 * use them. The build runs every output against one SiteStore; a Framework data loader runs one
 * output against its own. Nothing reads the whole manifest (tens of MB at years of history): an
 * output reads the segments of the datasets it needs (`manifestOf`), and the index alone
 * (`segments`) tells which months changed.
 */
import { createHash } from "node:crypto";
import { resolveCacheDir } from "../../../loaders/config.ts";
import type { DatasetName, RowOf } from "../../../loaders/schema.ts";
import { monthOf, readManifestOf, readSegment, readStoredManifest, segmentKey, type Manifest, type Resource } from "../../../loaders/store/manifest.ts";
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
   * What identifies its files, so that what is made of them can be kept: the segment file's sha256,
   * or for a store still in one file, the sha256 of its entries.
   */
  hash: string;
  resources(): Promise<Resource[]>;
}

/** A store without an index (empty, or still in the old single-file layout): its resources cut as the segments would be. */
function segmentsOf(resources: readonly Resource[]): StoreSegment[] {
  const months = new Map<string, Resource[]>();
  for (const r of resources) {
    const key = segmentKey(r);
    let list = months.get(key);
    if (!list) months.set(key, (list = []));
    list.push(r);
  }
  return [...months]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, list]) => ({ dataset: list[0]!.dataset, month: monthOf(list[0]!.retrieved), hash: `sha256:${createHash("sha256").update(JSON.stringify(list)).digest("hex")}`, resources: async () => list }));
}

async function readSegments(dataDir: string): Promise<StoreSegment[]> {
  const stored = await readStoredManifest(dataDir);
  if (stored.layout !== "segments") return segmentsOf(stored.layout === "single-file" ? stored.manifest.resources : []);
  return [...stored.index.segments]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((ref) => ({ dataset: ref.dataset, month: ref.month, hash: ref.hash, resources: () => readSegment(dataDir, ref) }));
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
