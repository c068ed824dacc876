/**
 * The chart moves worth telling a reader, found between two consecutive snapshots of one chart:
 * a tracked app's rank change (entering or leaving the chart included), any other app entering the
 * top 10, and, for a chart's first measured snapshot, its top 10. One function of the rows, so the
 * Atom feed (/feed.xml) and `npm run data:diff` report the same moves, and the sentences they print.
 */
import { countryPhrase } from "../src/components/countries.ts";
import { diffCharts } from "./chart-diff.ts";
import type { ChartSnapshotRow, TrackedAppRow } from "./schema.ts";

/** How far down a chart an entry is news. */
export const TOP = 10;

export interface RankedApp {
  app_id: string;
  name: string;
  rank: number;
}

interface MoveScope {
  store: ChartSnapshotRow["store"];
  country: string;
  chart: ChartSnapshotRow["chart"];
  /** retrieved_at of the snapshot the move was found in. */
  at: string;
}

/** A tracked app's rank changed; `from` is absent when it entered the chart, `to` when it left. */
export interface TrackedMove extends MoveScope {
  kind: "tracked";
  app_id: string;
  /** The tracker's name for the app (tracked_apps name_en), not the store's listing. */
  name: string;
  key: string;
  from?: number;
  to?: number;
  /** Chart lengths before and after, for "the top 100". */
  from_size: number;
  to_size: number;
}

/** An app that is not tracked entered the top 10; `from` is absent when it is new to the chart. */
export interface TopMove extends MoveScope {
  kind: "top";
  app_id: string;
  name: string;
  rank: number;
  from?: number;
  to_size: number;
}

/** A chart's first measured snapshot: its top 10. */
export interface FirstChartMove extends MoveScope {
  kind: "first";
  apps: RankedApp[];
}

export type NotableMove = TrackedMove | TopMove | FirstChartMove;

/** The tracked apps by their id in each store. */
function trackedIds(tracked: readonly TrackedAppRow[], store: ChartSnapshotRow["store"]): Map<string, TrackedAppRow> {
  const ids = new Map<string, TrackedAppRow>();
  for (const app of tracked) {
    const id = store === "app-store" ? app.app_store_id : app.google_play_id;
    if (id !== undefined) ids.set(id, app);
  }
  return ids;
}

/**
 * The notable moves from `previous` to `next`, two consecutive snapshots of one chart; `previous`
 * undefined means `next` is the chart's first. Tracked apps first (by new rank, a departure last),
 * then the top-10 entries by rank. A tracked app climbing into the top 10 is one move, not two.
 */
export function notableMoves(previous: readonly ChartSnapshotRow[] | undefined, next: readonly ChartSnapshotRow[], tracked: readonly TrackedAppRow[]): NotableMove[] {
  if (next.length === 0) return [];
  const diff = diffCharts(previous ?? [], next);
  const scope: MoveScope = { store: diff.store, country: diff.country, chart: diff.chart, at: diff.to_retrieved_at! };
  if (previous === undefined) {
    const apps = [...next].sort((a, b) => a.rank - b.rank).slice(0, TOP).map(({ app_id, name, rank }) => ({ app_id, name, rank }));
    return [{ kind: "first", ...scope, apps }];
  }
  const ids = trackedIds(tracked, diff.store);
  const sizes = { from_size: diff.from_size, to_size: diff.to_size };
  const trackedMoves: TrackedMove[] = [];
  const topMoves: TopMove[] = [];
  const changes = [
    ...diff.entries.map((e) => ({ app_id: e.app_id, name: e.name, to: e.rank })),
    ...diff.moves.map((m) => ({ app_id: m.app_id, name: m.name, from: m.from, to: m.to })),
    ...diff.exits.map((e) => ({ app_id: e.app_id, name: e.name, from: e.rank })),
  ] as { app_id: string; name: string; from?: number; to?: number }[];
  for (const change of changes) {
    const app = ids.get(change.app_id);
    if (app !== undefined) {
      trackedMoves.push({ kind: "tracked", ...scope, app_id: change.app_id, name: app.name_en, key: app.key, ...pick(change), ...sizes });
    } else if (change.to !== undefined && change.to <= TOP && (change.from === undefined || change.from > TOP)) {
      topMoves.push({ kind: "top", ...scope, app_id: change.app_id, name: change.name, rank: change.to, ...(change.from !== undefined ? { from: change.from } : {}), to_size: diff.to_size });
    }
  }
  const last = Number.MAX_SAFE_INTEGER;
  trackedMoves.sort((a, b) => (a.to ?? last) - (b.to ?? last) || (a.from ?? 0) - (b.from ?? 0) || (a.app_id < b.app_id ? -1 : 1));
  topMoves.sort((a, b) => a.rank - b.rank);
  return [...trackedMoves, ...topMoves];
}

const pick = (change: { from?: number; to?: number }) => ({
  ...(change.from !== undefined ? { from: change.from } : {}),
  ...(change.to !== undefined ? { to: change.to } : {}),
});

const CHART_PHRASES: Record<ChartSnapshotRow["store"], Record<ChartSnapshotRow["chart"], string>> = {
  "app-store": { "top-free": "free iPhone apps", "top-paid": "paid iPhone apps" },
  "google-play": { "top-free": "free Android apps", "top-paid": "paid Android apps" },
};

/** "free iPhone apps in the US". */
export function chartPhrase(move: Pick<MoveScope, "store" | "country" | "chart">): string {
  return `${CHART_PHRASES[move.store][move.chart]} in ${countryPhrase(move.country)}`;
}

/** The sentence a reader reads: "Lemon8 rose from #12 to #2 among free iPhone apps in the US." */
export function moveSentence(move: NotableMove): string {
  const where = chartPhrase(move);
  const chart = CHART_PHRASES[move.store][move.chart];
  const inCountry = `in ${countryPhrase(move.country)}`;
  switch (move.kind) {
    case "tracked":
      if (move.from === undefined) return `${move.name} entered the top ${move.to_size} ${chart} ${inCountry} at #${move.to}.`;
      if (move.to === undefined) return `${move.name} left the top ${move.from_size} ${chart} ${inCountry}; it was #${move.from}.`;
      return `${move.name} ${move.to < move.from ? "rose" : "fell"} from #${move.from} to #${move.to} among ${where}.`;
    case "top":
      return `${move.name} entered the top ${TOP} ${chart} ${inCountry} at #${move.rank}, ${move.from !== undefined ? `up from #${move.from}` : `new to the top ${move.to_size}`}.`;
    case "first":
      return `The first measured chart of ${where}: ${move.apps.map((a) => `#${a.rank} ${a.name}`).join(", ")}.`;
  }
}

/** A short headline for the same move. */
export function moveTitle(move: NotableMove): string {
  const where = chartPhrase(move);
  switch (move.kind) {
    case "tracked":
      if (move.from === undefined) return `${move.name} enters the chart at #${move.to}: ${where}`;
      if (move.to === undefined) return `${move.name} leaves the chart: ${where}`;
      return `${move.name} ${move.to < move.from ? "up" : "down"}, #${move.from} → #${move.to}: ${where}`;
    case "top":
      return `${move.name} enters the top ${TOP} at #${move.rank}: ${where}`;
    case "first":
      return `First measured top ${TOP}: ${where}`;
  }
}

/** Newest first; within one snapshot time, by store, storefront and chart, then as found. */
export function newestFirst(moves: readonly NotableMove[]): NotableMove[] {
  return moves
    .map((move, i) => ({ move, i }))
    .sort((a, b) => {
      const x = a.move;
      const y = b.move;
      return (x.at < y.at ? 1 : x.at > y.at ? -1 : 0) || x.store.localeCompare(y.store) || x.country.localeCompare(y.country) || x.chart.localeCompare(y.chart) || a.i - b.i;
    })
    .map(({ move }) => move);
}
