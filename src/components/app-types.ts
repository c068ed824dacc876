/**
 * What /apps reads (src/components/app-shards.ts): the search's files of app summaries, every chart's
 * days, each app's daily ranks spread over 256 files by a hash of its id, and each chart-year's
 * snapshot files and sha256, derived by src/data/derive/apps.ts.
 */
import type { StoreName } from "./rank-types.js";

/** One app as the search lists it (decoded from AppColumns). */
export interface AppSummary {
  /** The store's id of the app. */
  id: string;
  /** Every name a snapshot listed it under, newest first. */
  names: string[];
  /** The developer as the newest snapshot listed it; "" when the feed gave none. */
  developer: string;
  /** The UTC days a stored snapshot first and last listed it (YYYY-MM-DD). */
  first: string;
  last: string;
  /** Its best rank in any stored snapshot of any chart. */
  best: number;
}

/**
 * Apps in a search or id file, a column per field, in the order of the whole index (most recently
 * seen first). Days are UTC days since 1970-01-01. Developers and names are plain strings: as
 * dictionaries they measured larger after gzip (5 years: 31 KB against 27 KB for developers).
 */
export interface AppColumns {
  id: string[];
  names: string[][];
  developer: string[];
  first: number[];
  last: number[];
  best: number[];
}

/** data/apps/index.json: what the search needs before any name file. */
export interface AppsIndex {
  /** The newest snapshot time, or null when no chart is stored. */
  measuredAsOf: string | null;
  /** How many apps the stored charts listed. */
  apps: number;
}

/** One measured chart and its UTC days, as days since 1970-01-01: the first, then each day's step from the one before. */
export interface ChartDays {
  store: StoreName;
  country: string;
  chart: "top-free" | "top-paid";
  days: number[];
}

/** data/apps/charts.json: every chart's days, which every app's ranks index into. */
export interface AppsCharts {
  measuredAsOf: string | null;
  charts: ChartDays[];
}

/** data/apps/snapshots/<chart>-<year>.json: for each of the chart's days in that year, in order, its last snapshot's file (manifest path) and sha256. */
export interface ChartYearSnapshots {
  path: string[];
  sha256: string[];
}

/**
 * An app's ranks in one chart, flat to keep years small: [dayStep, rank, dayStep, rank, …], where
 * each dayStep is the index into the chart's `days` minus the previous point's (the first from -1).
 */
export interface AppSeries {
  chart: number;
  points: number[];
}

export interface AppName {
  name: string;
  first: string;
  last: string;
}

export interface AppHistory {
  /** Newest last seen first. */
  names: AppName[];
  series: AppSeries[];
}

/** A number reported by an outlet about this app (a tracked app), kept apart from measured ranks. */
export interface AppReported {
  id: string;
  date: string;
  dateEnd?: string;
  platform: string;
  country?: string;
  metric: string;
  value: number;
  valueHigh?: number;
  qualifier: string;
  publisher: string;
  url: string;
  note?: string;
}

/** Some apps' (one shard's, or all of them) ranks and reported rows. */
export interface AppsRanks {
  apps: Record<string, AppHistory>;
  /** Reported rows, by app id, for the apps that are tracked apps. */
  reported: Record<string, AppReported[]>;
}

export type AppsHistory = Pick<AppsCharts, "charts"> & AppsRanks;
