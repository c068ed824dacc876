/**
 * The store as the site's data outputs read it: the manifest parsed once and each dataset's rows
 * read once, however many outputs use them. The build runs every output against one SiteStore;
 * a Framework data loader runs one output against its own. An output that needs only some
 * datasets reads only their manifest segments (`manifestOf`), and the index alone (`index`) tells
 * which months changed.
 */
import { resolveCacheDir } from "../../../loaders/config.ts";
import type { DatasetName, RowOf } from "../../../loaders/schema.ts";
import { readManifest, readManifestOf, readStoredManifest, type Manifest, type ManifestIndex } from "../../../loaders/store/manifest.ts";
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
  rows<D extends DatasetName>(dataset: D): Promise<RowOf<D>[]>;
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
    rows<D extends DatasetName>(dataset: D) {
      let read = rows.get(dataset);
      if (!read) rows.set(dataset, (read = store.manifestOf([dataset]).then((m) => readAll(dataDir, dataset, { manifest: m }))));
      return read as Promise<RowOf<D>[]>;
    },
  };
  return store;
}

