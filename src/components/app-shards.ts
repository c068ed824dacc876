/**
 * Which file holds an app's history: the apps are spread over 256 files by a hash of the id, so the
 * browser fetches one 256th of every app's ranks to show one app (at 5 years of 10 storefronts' two
 * charts, 16 files made one app's fetch ~250 KB gz). FNV-1a, because App Store ids are digits and
 * Google Play ids are package names: both spread evenly.
 */
export const HISTORY_SHARDS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function historyShard(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return HISTORY_SHARDS[(hash >>> 0) % HISTORY_SHARDS.length]!;
}

export const historyPath = (shard: string) => `data/apps/history-${shard}.json`;

export const APPS_INDEX_PATH = "data/apps/index.json";
export const APPS_SNAPSHOTS_PATH = "data/apps/snapshots.json";

/** Every file /apps and /embed/app read, by the path their loader writes it at. */
export const APPS_FILES = [APPS_INDEX_PATH, APPS_SNAPSHOTS_PATH, ...HISTORY_SHARDS.map(historyPath)];
