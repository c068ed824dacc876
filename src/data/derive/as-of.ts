/**
 * "Data as of": the latest time any file of the given datasets was fetched, or also confirmed
 * unchanged (the default). Pure.
 */
import type { Resource } from "../../../loaders/store/manifest.ts";

export function latestRetrieved(resources: readonly Resource[], datasets: readonly string[], options: { confirmed: boolean } = { confirmed: true }): string | null {
  let latest: string | null = null;
  for (const r of resources) {
    if (!datasets.includes(r.dataset)) continue;
    for (const time of options.confirmed ? [r.retrieved, ...(r.confirmed ?? [])] : [r.retrieved]) if (latest === null || time > latest) latest = time;
  }
  return latest;
}
