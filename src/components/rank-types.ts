/**
 * What the rankings page draws: compact, pre-filtered data produced by src/data/rankings.json.ts
 * (src/data/derive/rankings.ts). Raw chart history never reaches the browser: only the tracked
 * apps' daily ranks, each chart's length, reported ranks and the periods apps were out of a store.
 */
import type { RankPoint } from "./story-types.js";

export type StoreName = "app-store" | "google-play";

export interface RankApp {
  key: string;
  name: string;
  /** #rrggbb from tracked_apps. */
  color: string;
  role: "focus" | "context";
}

/**
 * One measured chart (store, country, chart) as daily columns: `days[i]` is a UTC day with at
 * least one snapshot, `sizes[i]` how many apps that day's last snapshot listed, and
 * `ranks[app][i]` the app's rank in it or null when the app was not in it. Apps that were never in
 * the chart have no entry in `ranks`.
 */
export interface MeasuredChart {
  store: StoreName;
  country: string;
  chart: "top-free" | "top-paid";
  days: string[];
  sizes: number[];
  ranks: Record<string, (number | null)[]>;
  /** The URL the newest snapshot was fetched from (http(s) only), for the marks' source links. */
  url?: string;
  /** Who publishes the chart, for tooltips and notes. */
  sourceTitle: string;
}

/** A rank reported by a news outlet or data firm, for a tracked app (`app` is its key). */
export interface ReportedRank extends RankPoint {
  store: StoreName;
  country: string;
  /** "top-free" when the source named the free chart; "unnamed" when it said only "rank". */
  chart: "top-free" | "unnamed";
}

export interface EventRef {
  id: string;
  date: string;
  title: string;
  publisher: string;
  url: string;
}

/** A period when apps could not be downloaded from a store in a country, with the events that date it. */
export interface StoreAbsence {
  apps: string[];
  stores: StoreName[];
  country: string;
  /** First and last UTC day out of the store (inclusive). */
  start: string;
  end: string;
  removed: EventRef;
  returned: EventRef;
  /** Further events that confirm the period. */
  evidence: EventRef[];
  note?: string;
}

export interface RankingsData {
  /** Last time any dataset behind the page was updated (UTC ISO); null when nothing is stored. */
  asOf: string | null;
  /** Time of the newest chart snapshot (UTC ISO); null before the first refresh. */
  measuredAsOf: string | null;
  apps: RankApp[];
  /** Storefronts with any measured or reported rank, "us" first, then by name. */
  countries: string[];
  measured: MeasuredChart[];
  reported: ReportedRank[];
  absences: StoreAbsence[];
}
