/**
 * The store as the site's data outputs read it: the manifest parsed once and each dataset's rows
 * read once, however many outputs use them. The build runs every output against one SiteStore;
 * a Framework data loader runs one output against its own. An output that needs only some
 * datasets reads only their manifest segments (`manifestOf`), and the index alone (`index`,
 * `segments`) tells which months changed: at years of history the whole manifest is tens of MB.
 */
import { createHash } from "node:crypto";
import { resolveCacheDir } from "../../../loaders/config.ts";
import type { DatasetName, RowOf } from "../../../loaders/schema.ts";
import { monthOf, readManifest, readManifestOf, readSegment, readStoredManifest, segmentKey, type Manifest, type ManifestIndex, type Resource } from "../../../loaders/store/manifest.ts";
import { readAll } from "../../../loaders/store/read.ts";

export interface SiteStore {
  readonly dataDir: string;
  /** Where slow derived results are kept between builds (loaders/config.ts resolveCacheDir). */
  readonly cacheDir: string;
  manifest(): Promise<Manifest>;
  /** The manifest with only these datasets' resources (all of it, filtered, once `manifest()` was read). */
  manifestOf(datasets: readonly DatasetName[]): Promise<Manifest>;
  /** The manifest's index; undefined for a store still in the old single-file layout, or empty. */
  index(): Promise<ManifestIndex | undefined>;
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

/** A store without an index (empty, or still in the old single-file layout): its manifest cut as the segments would be. */
function segmentsOf(manifest: Manifest): StoreSegment[] {
  const months = new Map<string, Resource[]>();
  for (const r of manifest.resources) {
    const key = segmentKey(r);
    let list = months.get(key);
    if (!list) months.set(key, (list = []));
    list.push(r);
  }
  return [...months]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, list]) => ({ dataset: list[0]!.dataset, month: monthOf(list[0]!.retrieved), hash: `sha256:${createHash("sha256").update(JSON.stringify(list)).digest("hex")}`, resources: async () => list }));
}

export function openSiteStore(dataDir: string, cacheDir = resolveCacheDir()): SiteStore {
  let manifest: Promise<Manifest> | undefined;
  let index: Promise<ManifestIndex | undefined> | undefined;
  const parts = new Map<string, Promise<Manifest>>();
  const rows = new Map<DatasetName, Promise<unknown[]>>();
  const store: SiteStore = {
    dataDir,
    cacheDir,
    manifest: () => (manifest ??= readManifest(dataDir)),
    manifestOf(datasets) {
      if (manifest) return manifest.then((m) => ({ ...m, resources: m.resources.filter((r) => datasets.includes(r.dataset)) }));
      const key = [...datasets].sort().join(",");
      let part = parts.get(key);
      if (!part) parts.set(key, (part = readManifestOf(dataDir, datasets)));
      return part;
    },
    index: () => (index ??= readStoredManifest(dataDir).then((stored) => (stored.layout === "segments" ? stored.index : undefined))),
    async segments(dataset) {
      const known = await store.index();
      const all = known
        ? [...known.segments].sort((a, b) => (a.path < b.path ? -1 : 1)).map((ref): StoreSegment => ({ dataset: ref.dataset, month: ref.month, hash: ref.hash, resources: () => readSegment(dataDir, ref) }))
        : segmentsOf(await store.manifest());
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

