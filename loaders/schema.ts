/**
 * The data contract: one zod schema per dataset. Types, CSV decoding, the Table Schema in
 * datapackage.json and the data dictionary in docs/ are all derived from these definitions.
 */
import { z } from "zod";

/** Text that survives a UTF-8 CSV round trip: lone surrogates cannot be encoded, so they are refused. */
const text = () =>
  z.string().refine((s) => s.isWellFormed(), { message: "contains a lone surrogate (not valid UTF-8 text)" });
const label = () => text().min(1);
/** Only http(s) links are ever stored, so no `javascript:` or `data:` URL can reach a reader. */
const webUrl = () =>
  z
    .url({ protocol: /^https?$/, hostname: z.regexes.domain })
    // URL parsing accepts a lone surrogate in the path, but it cannot be written as UTF-8.
    .refine((s) => s.isWellFormed(), { message: "contains a lone surrogate (not valid UTF-8 text)" })
    .describe("An http(s) URL");
const day = () => z.iso.date();
const instant = () => z.iso.datetime({ offset: false });
const slug = () => z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, "must be lower-case letters, digits and - or _");
/**
 * Runs a cross-field rule only when the fields it compares are themselves valid (and the row is an
 * object), so an invalid date is reported once, at that date, not again as a broken interval.
 */
const whenValid = (...fields: string[]) => ({
  when: (payload: z.core.ParsePayload) =>
    !payload.issues.some((i) => !i.path || i.path.length === 0 || fields.includes(String(i.path[0]))),
});
const country = () => z.string().regex(/^[a-z]{2}$/, "must be a two-letter lower-case ISO 3166 code");

export const STORES = ["app-store", "google-play"] as const;
export const CHARTS = ["top-free", "top-paid"] as const;
/** How exact a reported number is: sources say "more than 250 million" or "about 60 million". */
export const QUALIFIERS = ["exact", "at-least", "about", "at-most", "range"] as const;
/** How exact a date is: sources say "on Tuesday", "last week", "in December". */
export const DATE_PRECISIONS = ["day", "weekday-inferred", "week", "month", "year"] as const;

export const chartSnapshotRow = z
  .object({
    store: z.enum(STORES).describe("Which store's chart"),
    country: country().describe("Storefront, ISO 3166-1 alpha-2, lower case"),
    chart: z.enum(CHARTS).describe("Which top chart"),
    rank: z.int().min(1).describe("1-based position in the chart"),
    app_id: label().describe("The store's id of the app"),
    name: label().describe("App name as the store listed it"),
    developer: text().optional().describe("Developer (artist) name as listed; empty when the feed omitted it"),
    feed_updated: instant().optional().describe("When the store says the chart was last updated (UTC)"),
    retrieved_at: instant().describe("When we fetched the chart (UTC): the snapshot time"),
  })
  .strict();

export const appMetricRow = z
  .object({
    store: z.enum(STORES).describe("Which store"),
    country: country().describe("Storefront, ISO 3166-1 alpha-2, lower case"),
    app_key: slug().describe("Tracked app key (see tracked_apps)"),
    app_id: label().describe("The store's id of the app"),
    status: z.enum(["present", "absent"]).describe("Whether the storefront listed the app; absent is not zero"),
    name: text().optional().describe("App name as listed"),
    user_rating_count: z.int().min(0).optional().describe("Number of user ratings in this storefront"),
    average_user_rating: z.number().min(0).max(5).optional().describe("Average user rating, 0-5"),
    version: text().optional().describe("Current version string"),
    version_released_at: instant().optional().describe("Release time of the current version (UTC)"),
    retrieved_at: instant().describe("When we fetched the metrics (UTC)"),
  })
  .strict();

export const pageviewRow = z
  .object({
    project: z.string().regex(/^[a-z-]+\.wikipedia$/, "must look like en.wikipedia").describe("Wikimedia project"),
    article: label().describe("Article title as on the wiki, spaces as underscores"),
    date: day().describe("Day of the views (UTC)"),
    views: z.int().min(0).describe("Daily page views by users (agent=user)"),
    retrieved_at: instant().describe("When we fetched the number (UTC)"),
  })
  .strict();

export const hashtagCountRow = z
  .object({
    platform: slug().describe("Platform the count is from, e.g. tiktok"),
    hashtag: label().describe("Hashtag without #"),
    date: day().describe("Day the videos were created (UTC)"),
    videos: z.int().min(0).describe("Number of videos with the hashtag created that day"),
    views: z.int().min(0).optional().describe("Summed view count of those videos at retrieval time"),
    // Not empty: an empty cell is a missing value in CSV (Table Schema missingValues), so "" could never be read back.
    query: label().describe("The query that produced the numbers, for reproducibility"),
    retrieved_at: instant().describe("When we fetched the numbers (UTC)"),
  })
  .strict();

export const reportedObservationRow = z
  .object({
    id: z.string().regex(/^[A-Z][0-9]{3,}[a-z]?$/, "must look like O001 or O050a").describe("Stable id of the observation"),
    date: day().describe("Day observed, or the first day of the week, month, year or interval"),
    date_end: day().optional().describe("Last day, when the source describes an interval"),
    date_precision: z.enum(DATE_PRECISIONS).describe("How exact the date is"),
    platform: slug().describe("Store, platform or data firm the number is about or from, e.g. app-store, xiaohongshu, similarweb"),
    country: country().optional().describe("Country or storefront, when the number has one"),
    subject: label().describe("What was measured: a tracked app key, another app, or a hashtag starting with #"),
    metric: slug().describe("What the number counts, e.g. rank-top-free, views, posts, daily-active-users"),
    value: z.number().describe("The number as reported (ranks as positions, money in US dollars, changes in percent)"),
    qualifier: z.enum(QUALIFIERS).describe("How the source qualified the number"),
    value_high: z.number().optional().describe("Upper end, when the qualifier is range"),
    publisher: label().describe("The outlet that reported the number"),
    via: text().optional().describe("Where we read it, when that is a copy or a citing outlet rather than the publisher"),
    url: webUrl().describe("The page the number was read on"),
    archive_url: webUrl().optional().describe("An archived copy of the page"),
    note: text().optional().describe("Context in our own words: conflicts with other sources, caveats"),
    caveat: z.enum(["conflict", "copy", "estimate", "outlier", "weak"]).optional().describe("Why a reader should be careful with this number"),
  })
  .strict()
  .refine((r) => (r.qualifier === "range") === (r.value_high !== undefined), {
    message: "value_high is required when, and only when, qualifier is range",
    path: ["value_high"],
    ...whenValid("qualifier", "value_high"),
  })
  .refine((r) => r.date_end === undefined || r.date_end >= r.date, {
    message: "date_end must not be before date",
    path: ["date_end"],
    ...whenValid("date", "date_end"),
  });

export const EVENT_CATEGORIES = ["law", "court", "executive", "tiktok", "xiaohongshu", "app-stores", "deal", "other-apps"] as const;

export const eventRow = z
  .object({
    id: z.string().regex(/^E[0-9]{3,}[a-z]?$/, "must look like E001").describe("Stable id of the event"),
    date: day().describe("Day of the event, or the first day of its week or month"),
    date_end: day().optional().describe("Last day, when the event spans days"),
    date_precision: z.enum(DATE_PRECISIONS).describe("How exact the date is"),
    category: z.enum(EVENT_CATEGORIES).describe("Kind of event"),
    title: label().describe("What happened, in our words"),
    publisher: label().describe("The outlet that reported it"),
    via: text().optional().describe("Where we read it, when that is a copy"),
    url: webUrl().describe("The page it was read on"),
    note: text().optional().describe("Context in our own words"),
  })
  .strict()
  .refine((r) => r.date_end === undefined || r.date_end >= r.date, {
    message: "date_end must not be before date",
    path: ["date_end"],
    ...whenValid("date", "date_end"),
  });

export const trackedAppRow = z
  .object({
    key: slug().describe("Short key used across datasets"),
    name_en: label().describe("English name"),
    name_zh: text().optional().describe("Chinese name"),
    app_store_id: z.string().regex(/^[0-9]+$/, "must be digits").optional().describe("Apple App Store id"),
    google_play_id: z.string().regex(/^[a-zA-Z0-9_.]+$/, "must be a Java package name").optional().describe("Google Play package id"),
    color: z.string().regex(/^#[0-9a-f]{6}$/, "must be a #rrggbb colour").describe("Colour used for the app in charts"),
    role: z.enum(["focus", "context"]).describe("focus: the story's apps; context: apps shown for comparison"),
    note: text().optional().describe("Context, e.g. conflicting ids"),
  })
  .strict();

export type ChartSnapshotRow = z.infer<typeof chartSnapshotRow>;
export type AppMetricRow = z.infer<typeof appMetricRow>;
export type PageviewRow = z.infer<typeof pageviewRow>;
export type HashtagCountRow = z.infer<typeof hashtagCountRow>;
export type ReportedObservationRow = z.infer<typeof reportedObservationRow>;
export type EventRow = z.infer<typeof eventRow>;
export type TrackedAppRow = z.infer<typeof trackedAppRow>;

/**
 * Every dataset. `kind` keeps measured and reported numbers apart; `reading` says how files of a
 * dataset combine: "append" unions every file (a time series of snapshots); "latest" takes the
 * newest file of each source and scope, so an editor's corrected list supersedes the old one
 * while the old file stays on record.
 */
export const DATASETS = {
  chart_snapshots: {
    title: "App-store top charts (measured)",
    description: "Whole top charts as the stores published them, one file per store, country, chart and fetch.",
    kind: "measured",
    reading: "append",
    schema: chartSnapshotRow,
  },
  app_metrics: {
    title: "App metrics (measured)",
    description: "Rating counts, average rating and version of each tracked app in each storefront, per fetch.",
    kind: "measured",
    reading: "append",
    schema: appMetricRow,
  },
  pageviews: {
    title: "Wikipedia page views (measured)",
    description: "Daily user page views of the story's Wikipedia articles.",
    kind: "measured",
    reading: "append",
    schema: pageviewRow,
  },
  hashtag_counts: {
    title: "Hashtag counts (measured)",
    description: "Videos per day and their summed views for tracked hashtags, from platform research APIs.",
    kind: "measured",
    reading: "append",
    schema: hashtagCountRow,
  },
  reported: {
    title: "Reported numbers",
    description: "Numbers published by news outlets, platforms and data firms, each with its publisher and URL.",
    kind: "reported",
    reading: "latest",
    schema: reportedObservationRow,
  },
  events: {
    title: "Events",
    description: "The story's timeline: laws, court rulings, executive orders and platform moves, each with a source.",
    kind: "reported",
    reading: "latest",
    schema: eventRow,
  },
  tracked_apps: {
    title: "Tracked apps",
    description: "The apps the tracker follows, their store ids and chart colours.",
    kind: "reference",
    reading: "latest",
    schema: trackedAppRow,
  },
} as const satisfies Record<string, DatasetDefinition>;

export interface DatasetDefinition {
  title: string;
  description: string;
  kind: "measured" | "reported" | "reference";
  reading: "append" | "latest";
  schema: z.ZodType<Record<string, unknown>>;
}

export type DatasetName = keyof typeof DATASETS;
export type RowOf<D extends DatasetName> = z.infer<(typeof DATASETS)[D]["schema"]>;

export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}
