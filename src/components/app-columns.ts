/**
 * The compact forms of /apps's files (src/components/app-types.ts) and back: apps as columns, days
 * as integers. Written at build (src/data/outputs/apps.ts), read in the browser (src/client/apps.ts).
 */
import { searchKeys } from "./app-search.js";
import { idBucket, SEARCH_BUCKETS, searchBucket } from "./app-shards.js";
import type { AppColumns, AppSummary } from "./app-types.js";
import { DAY, dayToDate } from "./format.js";

/** "2025-01-13" (or a full ISO time) -> days since 1970-01-01 UTC. */
export const dayNumber = (day: string): number => dayToDate(day).getTime() / DAY;
export const dayString = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);

export function toColumns(apps: readonly AppSummary[]): AppColumns {
  return {
    id: apps.map((a) => a.id),
    names: apps.map((a) => a.names),
    developer: apps.map((a) => a.developer),
    first: apps.map((a) => dayNumber(a.first)),
    last: apps.map((a) => dayNumber(a.last)),
    best: apps.map((a) => a.best),
  };
}

/** Each day's string made once: a search file of 3,500 apps spent 10–15 ms making Dates. */
const dayStrings = new Map<number, string>();
function dayOf(n: number): string {
  let day = dayStrings.get(n);
  if (day === undefined) dayStrings.set(n, (day = dayString(n)));
  return day;
}

export function fromColumns(c: AppColumns): AppSummary[] {
  return c.id.map((id, i) => ({ id, names: c.names[i]!, developer: c.developer[i]!, first: dayOf(c.first[i]!), last: dayOf(c.last[i]!), best: c.best[i]! }));
}

/** Ordered days -> the first as a day number, then each one's step from the previous (a chart measured daily is [n, 1, 1, …]). */
export function toDaySteps(days: readonly string[]): number[] {
  let previous = 0;
  return days.map((day) => {
    const n = dayNumber(day);
    const step = n - previous;
    previous = n;
    return step;
  });
}

export function fromDaySteps(steps: readonly number[]): string[] {
  let n = 0;
  return steps.map((step) => dayString((n += step)));
}

/**
 * The search's files of `apps` (in their order) by bucket: `names`, each app in the file of every
 * first character of its names and their words; `ids`, each app in its id's file.
 */
export function searchFileColumns(apps: readonly AppSummary[]): { names: Map<string, AppColumns>; ids: Map<string, AppColumns> } {
  const names = new Map<string, AppSummary[]>(SEARCH_BUCKETS.map((b) => [b, []]));
  const ids = new Map<string, AppSummary[]>(SEARCH_BUCKETS.map((b) => [b, []]));
  for (const app of apps) {
    for (const bucket of new Set(app.names.flatMap(searchKeys).filter((k) => k.length > 0).map(searchBucket))) names.get(bucket)!.push(app);
    ids.get(idBucket(app.id))!.push(app);
  }
  const columns = (m: Map<string, AppSummary[]>) => new Map([...m].map(([b, list]) => [b, toColumns(list)]));
  return { names: columns(names), ids: columns(ids) };
}
