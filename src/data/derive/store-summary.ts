/**
 * What the Data page, the overview and the methodology state of a set of stored files without
 * holding the list: how many, their size and rows, their scopes and tool versions, the newest few,
 * and the last day anything was fetched or confirmed. A month's manifest segment is summarized once
 * and kept (../lib/store-summaries.ts); summaries of any split of the files merge into the summary
 * of all of them. Pure.
 */
import type { Resource } from "../../../loaders/store/manifest.ts";
import { latestOf } from "./as-of.ts";

/** Versions listed per dataset on the Data page, newest first; every file is in the repository's manifest. */
export const VERSION_LIMIT = 60;

export interface StoreSummary {
  files: number;
  bytes: number;
  rows: number;
  /** "<source>/<scope>", sorted. */
  scopes: string[];
  toolVersions: string[];
  /** The newest VERSION_LIMIT files, by time of retrieval, newest first. */
  newest: Resource[];
  /** The latest time a file was fetched or confirmed unchanged. */
  latest: string | null;
  /** The latest UTC day a file was fetched or confirmed, and how many of each on that day. */
  lastDay: { day: string; newFiles: number; confirmed: number } | null;
}

const newestFirst = (a: Resource, b: Resource) => (a.retrieved > b.retrieved ? -1 : a.retrieved < b.retrieved ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** A dataset's summary, and the files a reader of it gets; null when that is every file (a time series). */
export interface DatasetState {
  summary: StoreSummary;
  current: Resource[] | null;
}

const union = (lists: readonly (readonly string[])[]) => [...new Set(lists.flat())].sort();

export function mergeSummaries(parts: readonly StoreSummary[]): StoreSummary {
  const day = latestOf(parts.map((p) => p.lastDay?.day ?? null));
  const onDay = parts.flatMap((p) => (p.lastDay && p.lastDay.day === day ? [p.lastDay] : []));
  return {
    files: parts.reduce((sum, p) => sum + p.files, 0),
    bytes: parts.reduce((sum, p) => sum + p.bytes, 0),
    rows: parts.reduce((sum, p) => sum + p.rows, 0),
    scopes: union(parts.map((p) => p.scopes)),
    toolVersions: union(parts.map((p) => p.toolVersions)),
    newest: parts.flatMap((p) => p.newest).sort(newestFirst).slice(0, VERSION_LIMIT),
    latest: latestOf(parts.map((p) => p.latest)),
    lastDay: day === null ? null : { day, newFiles: onDay.reduce((sum, d) => sum + d.newFiles, 0), confirmed: onDay.reduce((sum, d) => sum + d.confirmed, 0) },
  };
}

export function summarize(resources: readonly Resource[]): StoreSummary {
  return mergeSummaries(
    resources.map((r) => {
      const seen = [r.retrieved, ...(r.confirmed ?? [])];
      const latest = latestOf(seen)!;
      const day = latest.slice(0, 10);
      return {
        files: 1,
        bytes: r.bytes,
        rows: r.rows,
        scopes: [`${r.source}/${r.scope}`],
        toolVersions: [r.tool_version],
        newest: [r],
        latest,
        lastDay: { day, newFiles: r.retrieved.slice(0, 10) === day ? 1 : 0, confirmed: (r.confirmed ?? []).filter((c) => c.slice(0, 10) === day).length },
      };
    }),
  );
}
