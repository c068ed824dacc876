/**
 * "Data as of": the latest time any file of the given datasets was fetched, or also confirmed
 * unchanged (the default). Pure.
 */
import type { Resource } from "../../../loaders/store/manifest.ts";

/** The latest of some UTC ISO times, or null when there are none. */
export function latestOf(times: Iterable<string | null>): string | null {
  let latest: string | null = null;
  for (const t of times) if (t !== null && (latest === null || t > latest)) latest = t;
  return latest;
}

export function latestRetrieved(resources: readonly Resource[], datasets: readonly string[], options: { confirmed: boolean } = { confirmed: true }): string | null {
  return latestOf(resources.filter((r) => datasets.includes(r.dataset)).flatMap((r) => (options.confirmed ? [r.retrieved, ...(r.confirmed ?? [])] : [r.retrieved])));
}
