/**
 * The newest chart moves, reading as few snapshots as they need: months newest first (one manifest
 * segment each), files newest first, and each file compared with the one before it of the same
 * chart. It stops as soon as `limit` moves are known to be newer than any move still to be found,
 * so the feed reads a day or two of files whether the store holds a month or five years.
 */
import { parseCsv } from "../../../loaders/csv.ts";
import { newestFirst, notableMoves, type NotableMove } from "../../../loaders/notable-moves.ts";
import type { ChartSnapshotRow, TrackedAppRow } from "../../../loaders/schema.ts";
import type { Resource } from "../../../loaders/store/manifest.ts";
import { DataError, readStoredFile, resourcesToRead } from "../../../loaders/store/read.ts";
import type { SiteStore } from "../outputs/site-store.ts";

export interface RecentMoves {
  moves: NotableMove[];
  /** Snapshot files read, to show the cost stays small. */
  filesRead: number;
}

function readSnapshot(dataDir: string, resource: Resource): ChartSnapshotRow[] {
  const { rows, errors } = parseCsv("chart_snapshots", readStoredFile(dataDir, resource).toString("utf8"));
  if (errors.length > 0) throw new DataError(`${resource.path}:${errors[0]!.message}; run npm run data:verify for every problem.`);
  return rows;
}

export async function recentMoves(store: SiteStore, tracked: readonly TrackedAppRow[], limit: number): Promise<RecentMoves> {
  const months = (await store.segments("chart_snapshots")).reverse();
  // Per chart, the oldest snapshot read so far: its moves wait for the snapshot before it.
  const waiting = new Map<string, { rows: ChartSnapshotRow[]; at: string }>();
  const found: NotableMove[] = [];
  let filesRead = 0;
  // Every move still to be found is at or before the newest waiting snapshot.
  const enough = () => {
    let horizon = "";
    for (const w of waiting.values()) if (w.at > horizon) horizon = w.at;
    return found.filter((m) => m.at > horizon).length >= limit;
  };
  for (const month of months) {
    for (const resource of resourcesToRead(await month.resources(), "chart_snapshots").reverse()) {
      if (enough()) return { moves: newestFirst(found).slice(0, limit), filesRead };
      const rows = readSnapshot(store.dataDir, resource);
      filesRead++;
      const chart = `${resource.source}/${resource.scope}`;
      const newer = waiting.get(chart);
      if (newer) found.push(...notableMoves(rows, newer.rows, tracked));
      waiting.set(chart, { rows, at: resource.retrieved });
    }
  }
  // Every file was read: what still waits is each chart's first snapshot.
  for (const first of waiting.values()) found.push(...notableMoves(undefined, first.rows, tracked));
  return { moves: newestFirst(found).slice(0, limit), filesRead };
}
