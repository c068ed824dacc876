/**
 * The store as the site's data outputs read it: the manifest parsed once and each dataset's rows
 * read once, however many outputs use them. The build runs every output against one SiteStore;
 * a Framework data loader runs one output against its own.
 */
import { resolveCacheDir } from "../../../loaders/config.ts";
import type { DatasetName, RowOf } from "../../../loaders/schema.ts";
import { readManifest, type Manifest } from "../../../loaders/store/manifest.ts";
import { readAll } from "../../../loaders/store/read.ts";
import type { DownloadFacts } from "../derive/catalog.ts";

export interface SiteStore {
  readonly dataDir: string;
  /** Where slow derived results are kept between builds (loaders/config.ts resolveCacheDir). */
  readonly cacheDir: string;
  manifest(): Promise<Manifest>;
  rows<D extends DatasetName>(dataset: D): Promise<RowOf<D>[]>;
  /** Each dataset's download, once written, so the catalog states its facts without re-reading it. */
  readonly downloads: Map<DatasetName, DownloadFacts>;
}

export function openSiteStore(dataDir: string, cacheDir = resolveCacheDir()): SiteStore {
  let manifest: Promise<Manifest> | undefined;
  const rows = new Map<DatasetName, Promise<unknown[]>>();
  const store: SiteStore = {
    dataDir,
    cacheDir,
    manifest: () => (manifest ??= readManifest(dataDir)),
    rows<D extends DatasetName>(dataset: D) {
      let read = rows.get(dataset);
      if (!read) rows.set(dataset, (read = store.manifest().then((m) => readAll(dataDir, dataset, { manifest: m }))));
      return read as Promise<RowOf<D>[]>;
    },
    downloads: new Map(),
  };
  return store;
}

