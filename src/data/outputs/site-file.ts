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

/** A SiteFile whose content is one JSON value, which pages printed at build time read too. */
export interface JsonFile<T> extends SiteFile {
  /** The value, derived once per store however many files and pages read it. */
  read(store: SiteStore): Promise<T>;
}

export function jsonFile<T>(path: string, derive: (store: SiteStore) => Promise<T>): JsonFile<T> {
  const derived = new WeakMap<SiteStore, Promise<T>>();
  const read = (store: SiteStore) => {
    let value = derived.get(store);
    if (!value) derived.set(store, (value = derive(store)));
    return value;
  };
  return { path, read, write: async (store, sink) => sink.write(JSON.stringify(await read(store))) };
}
