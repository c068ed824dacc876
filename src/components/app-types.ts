/**
 * What /apps reads: an index of every app any stored chart snapshot listed (data/apps/index.json),
 * every chart's days and their snapshot files (data/apps/snapshots.json), and every app's daily
 * ranks, spread over 256 files by a hash of its id (data/apps/history-<00-ff>.json,
 * src/components/app-shards.ts), derived by src/data/derive/apps.ts.
 */
import type { StoreName } from "./rank-types.js";

export interface AppSummary {
  /** The store's id of the app. */
  id: string;
  /** Every name a snapshot listed it under, newest first. */
  names: string[];
  /** The developer as the newest snapshot listed it; "" when the feed gave none. */
  developer: string;
  /** When a stored snapshot first and last listed it (ISO 8601 UTC). */
  first: string;
  last: string;
  /** Its best rank in any stored snapshot of any chart. */
  best: number;
}

export interface AppsIndex {
  /** The newest snapshot time, or null when no chart is stored. */
  measuredAsOf: string | null;
  /** Most recently seen first. */
  apps: AppSummary[];
}

/** A stored snapshot file: its path in the manifest and its sha256. */
export interface SnapshotRef {
  path: string;
  sha256: string;
  /** The retrieval (or confirmation) time that made it its day's last snapshot. */
  time: string;
}

/** One measured chart: its UTC days, each day's last snapshot (an index into `snapshots`). */
export interface ChartDays {
  store: StoreName;
  country: string;
  chart: "top-free" | "top-paid";
  days: string[];
  snapshots: number[];
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

/** Every chart's days and the snapshot file behind each, which every app's ranks index into. */
export interface AppsSnapshots {
  snapshots: SnapshotRef[];
  charts: ChartDays[];
}

/** Some apps' (one shard's, or all of them) ranks and reported rows. */
export interface AppsRanks {
  apps: Record<string, AppHistory>;
  /** Reported rows, by app id, for the apps that are tracked apps. */
  reported: Record<string, AppReported[]>;
}

export type AppsHistory = AppsSnapshots & AppsRanks;
