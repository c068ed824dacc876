/**
 * What the attention page's charts draw: compact rows produced by src/data/hashtags.json.ts and
 * src/data/pageviews.json.ts. Reported numbers keep their source; measured series are compact
 * arrays of values from a start day.
 */
import type { DatePrecision, EventPoint, ReportedPoint } from "./story-types.js";

/** Counts of one metric of one hashtag on one platform, as news outlets reported them. */
export interface ReportedHashtagSeries {
  platform: string;
  /** With its leading "#", as in the reported dataset. */
  hashtag: string;
  /** posts, views, comments, notes, discussions, participants, … never mixed within a series. */
  metric: string;
  points: ReportedPoint[];
}

/** A measured daily series of one hashtag: `values[i]` is the value of day `start + i` (null: not measured). */
export interface MeasuredHashtagSeries {
  platform: string;
  /** Without "#", as the API takes it. */
  hashtag: string;
  /** videos: videos created that day with the hashtag; views: their summed views when fetched. */
  metric: "videos" | "views";
  start: string;
  values: (number | null)[];
  query: string;
  /** Latest retrieval of any day in the series (UTC ISO). */
  retrievedAt: string;
}

export interface HashtagData {
  /** Latest version of the reported dataset (UTC ISO), or null. */
  asOf: string | null;
  /** Latest measured hashtag snapshot (UTC ISO), or null when none is stored. */
  measuredAsOf: string | null;
  reported: ReportedHashtagSeries[];
  measured: MeasuredHashtagSeries[];
  /** The documentation of the API the measured counts come from (http(s)). */
  measuredSourceUrl: string;
}

export type AttentionEvent = EventPoint;

/** Daily (or, for long series, weekly mean) user page views of one Wikipedia article. */
export interface PageviewSeries {
  project: string;
  article: string;
  /** "Xiaohongshu, English Wikipedia". */
  label: string;
  /** The article's page views in Wikimedia's pageviews tool (http(s)). */
  url: string;
  step: "day" | "week";
  /** First day (a Monday when step is week). */
  start: string;
  values: (number | null)[];
  /** The busiest single day (from daily values, before any thinning). */
  peak: { date: string; views: number } | null;
  /** Median daily views in 2024, when at least BASELINE_MIN_DAYS of 2024 are stored. */
  baseline: number | null;
  retrievedAt: string;
}

export interface PageviewsData {
  asOf: string | null;
  /** First day the refresh back-fills, for the empty state. */
  backfillStart: string;
  series: PageviewSeries[];
  events: AttentionEvent[];
}
