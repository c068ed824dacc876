/**
 * Which files /apps reads, so that no view needs every app or every chart's hashes (#16 item 4):
 * - the search: data/apps/search-<00-3f>.json, the apps with a name or a word of one starting with
 *   a character that hashes to that file (the first keystroke fetches one file: at 5 years at
 *   most 3,505 of 8,734 apps, 51 KB gz), and data/apps/ids-<00-3f>.json, the apps whose id hashes
 *   to it (an exact id);
 * - one app: data/apps/history-<00-ff>.json, its daily ranks (at 5 years of 10 storefronts' two
 *   charts, 16 files made one app's fetch ~250 KB gz), and data/apps/charts.json, every chart's days;
 * - its table of points: data/apps/snapshots/<chart>-<year>.json, each day's snapshot file and
 *   sha256, fetched when the reader opens that chart-year (the hex hashes are incompressible:
 *   all of them were 1.8 MB gz at 5 years).
 * FNV-1a, because App Store ids are digits and Google Play ids are package names: both spread evenly.
 */
import type { StoreName } from "./rank-types.js";

const hex = (n: number) => Array.from({ length: n }, (_, i) => i.toString(16).padStart(2, "0"));
export const HISTORY_SHARDS = hex(256);
/** Search and id files: 64, because a name file holds every app with a word starting with its characters. */
export const SEARCH_BUCKETS = hex(64);

function fnv(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export const historyShard = (id: string): string => HISTORY_SHARDS[fnv(id) % HISTORY_SHARDS.length]!;
export const idBucket = (id: string): string => SEARCH_BUCKETS[fnv(id) % SEARCH_BUCKETS.length]!;
/** The file of the names and words that start with `key`'s first character (a code point, so CJK and emoji count as one). */
export const searchBucket = (key: string): string => SEARCH_BUCKETS[fnv(String.fromCodePoint(key.codePointAt(0)!)) % SEARCH_BUCKETS.length]!;

export const historyPath = (shard: string) => `data/apps/history-${shard}.json`;
export const searchPath = (bucket: string) => `data/apps/search-${bucket}.json`;
export const idsPath = (bucket: string) => `data/apps/ids-${bucket}.json`;

/** A chart as the files name it: app-store-us-top-free. */
export const chartName = (c: { store: StoreName; country: string; chart: string }) => `${c.store}-${c.country}-${c.chart}`;
/** `name` is a chart's name and a year: app-store-us-top-free-2025. */
export const snapshotsPath = (name: string) => `data/apps/snapshots/${name}.json`;

export const APPS_INDEX_PATH = "data/apps/index.json";
export const APPS_CHARTS_PATH = "data/apps/charts.json";

/** What the search reads: the index (how many apps, as of when) and its name and id files. */
export const APPS_SEARCH_FILES = [APPS_INDEX_PATH, ...SEARCH_BUCKETS.map(searchPath), ...SEARCH_BUCKETS.map(idsPath)];
/** Every file /apps and /embed/app read whatever is stored; the chart-years' files depend on the store. */
export const APPS_FILES = [...APPS_SEARCH_FILES, APPS_CHARTS_PATH, ...HISTORY_SHARDS.map(historyPath)];
