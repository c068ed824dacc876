/**
 * Folds of chart snapshots kept between builds, one small JSON file each, under the key of the files
 * it folds (a month's manifest segment's sha256, a day's entries', or the months before the newest
 * one's keys): stored files never change, so a new day reads only that day's files. One folder
 * per kind of fold and its format (and whatever else the folds depend on, such as the tracked apps).
 * A missing, unreadable or corrupt entry is a missing one, and a cache that cannot be saved costs
 * speed, never the build.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openKeptFiles } from "./kept-files.ts";

/** What a kind of fold is kept as. */
export interface FoldKind<T> {
  /** The cache folder: a new name whenever what a fold holds, or how it is computed, changes. */
  folder: string;
  /** What a build says when it cannot keep them, e.g. "chart fold". */
  label: string;
  isFold(value: unknown): value is T;
}

export interface FoldCache<T> {
  get(key: string): T | undefined;
  set(key: string, fold: T): void;
  /** Keeps entry `key` without reading it: this build needs it no more, a later one may. */
  keep(key: string): void;
  /** Writes the entries set so far, so they need not stay in memory; returns a warning when it could not. */
  flush(): Promise<string | null>;
  /**
   * Writes the entries set since opening and removes stale ones (./kept-files.ts: this reading must
   * have asked for every entry it needs); returns a warning when it could not.
   */
  save(): Promise<string | null>;
}

const fileName = (key: string) => `${key.replace(/^sha256:/, "").replace(/[^0-9a-zA-Z_-]/g, "_")}.json`;

export function openFoldCache<T>(cacheDir: string, kind: FoldKind<T>): FoldCache<T> {
  const dir = join(cacheDir, kind.folder);
  const kept = openKeptFiles(dir);
  const added = new Map<string, T>();
  const flush = async () => {
    try {
      for (const [name, fold] of added) {
        await kept.put(name, (temp) => writeFileSync(temp, JSON.stringify(fold)));
        added.delete(name);
      }
      return null;
    } catch (error) {
      added.clear();
      return `could not save the ${kind.label} cache in ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next build will read those snapshots again.`;
    }
  };
  return {
    get(key) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(kept.use(fileName(key)), "utf8"));
        return kind.isFold(parsed) ? parsed : undefined;
      } catch {
        // Not kept yet, or cut short: fold the files again.
        return undefined;
      }
    },
    keep(key) {
      kept.use(fileName(key));
    },
    set(key, fold) {
      kept.use(fileName(key));
      added.set(fileName(key), fold);
    },
    flush,
    async save() {
      const warning = await flush();
      if (!warning) kept.prune();
      return warning;
    },
  };
}
