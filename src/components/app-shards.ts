/**
 * Which file holds an app's history: the apps are spread over 16 files by a hash of the id, so the
 * browser fetches one sixteenth of every app's ranks to show one app. FNV-1a, because App Store ids
 * are digits and Google Play ids are package names: both spread evenly.
 */
export const HISTORY_SHARDS = "0123456789abcdef".split("");

export function historyShard(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return HISTORY_SHARDS[(hash >>> 0) % HISTORY_SHARDS.length]!;
}

export const historyPath = (shard: string) => `data/apps/history-${shard}.json`;
