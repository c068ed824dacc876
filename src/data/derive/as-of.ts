/** "Data as of": the latest time any file of the given datasets was fetched or confirmed unchanged. Pure. */
import type { Resource } from "../../../loaders/store/manifest.ts";

export function latestRetrieved(resources: readonly Resource[], datasets: readonly string[]): string | null {
  let latest: string | null = null;
  for (const r of resources) {
    if (!datasets.includes(r.dataset)) continue;
    for (const time of [r.retrieved, ...(r.confirmed ?? [])]) if (latest === null || time > latest) latest = time;
  }
  return latest;
}
