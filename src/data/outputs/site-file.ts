/**
 * One file of the site's data (what a Framework data loader prints): its path in the site and how
 * to write it from the store. Output goes to a Sink in chunks, so a download of years of snapshots
 * never sits in memory whole.
 */
import type { SiteStore } from "./site-store.ts";

export interface Sink {
  write(chunk: string | Uint8Array): Promise<void>;
}

export interface SiteFile {
  /** Where Framework serves it, relative to the site root, e.g. data/rankings.json. */
  path: string;
  write(store: SiteStore, sink: Sink): Promise<void>;
}

/** A SiteFile whose content is one JSON value. */
export function jsonFile(path: string, derive: (store: SiteStore) => Promise<unknown>): SiteFile {
  return { path, write: async (store, sink) => sink.write(JSON.stringify(await derive(store))) };
}
