/**
 * From the stored datasets to what the hashtag chart draws: reported hashtag counts (subjects
 * starting with "#"), one series per platform, hashtag and metric, and measured daily counts from
 * the TikTok Research API, one series per platform, hashtag and metric. Reported and measured stay
 * apart; no series ever mixes two metrics. Pure: rows in, compact rows out.
 */
import type { HashtagCountRow, ReportedObservationRow } from "../../../loaders/schema.ts";
import type { HashtagData, MeasuredHashtagSeries, ReportedHashtagSeries } from "../../components/attention-types.ts";
import { reportedPoint } from "./reported-point.ts";

/** The order panels are drawn in; other metrics follow alphabetically. */
export const METRIC_ORDER = ["views", "posts", "notes", "comments", "discussions", "participants"] as const;

export const TIKTOK_RESEARCH_DOCS = "https://developers.tiktok.com/doc/research-api-specs-query-videos";

const DAY = 86_400_000;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function metricRank(metric: string): number {
  const i = (METRIC_ORDER as readonly string[]).indexOf(metric);
  return i === -1 ? METRIC_ORDER.length : i;
}

export function reportedHashtagSeries(rows: readonly ReportedObservationRow[]): ReportedHashtagSeries[] {
  const groups = new Map<string, ReportedHashtagSeries>();
  for (const r of rows) {
    if (!r.subject.startsWith("#") || r.subject.length < 2) continue;
    // Hashtags are case-insensitive on every platform we follow.
    const hashtag = r.subject.toLowerCase();
    const key = `${r.platform}\u0000${hashtag}\u0000${r.metric}`;
    let series = groups.get(key);
    if (!series) groups.set(key, (series = { platform: r.platform, hashtag, metric: r.metric, points: [] }));
    series.points.push(reportedPoint(r));
  }
  const series = [...groups.values()];
  for (const s of series) s.points.sort((a, b) => cmp(a.date, b.date) || a.value - b.value || cmp(a.id, b.id));
  return series.sort((a, b) => cmp(a.platform, b.platform) || cmp(a.hashtag, b.hashtag) || metricRank(a.metric) - metricRank(b.metric) || cmp(a.metric, b.metric));
}

function dayIndex(start: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY);
}

/**
 * Daily series from measured rows. A day fetched more than once keeps its latest retrieval (views
 * keep growing after a video is posted, so the latest sum is the one to show).
 */
export function measuredHashtagSeries(rows: readonly HashtagCountRow[]): MeasuredHashtagSeries[] {
  const latest = new Map<string, HashtagCountRow>();
  for (const row of rows) {
    const key = `${row.platform}\u0000${row.hashtag.toLowerCase()}\u0000${row.date}`;
    const current = latest.get(key);
    if (!current || Date.parse(row.retrieved_at) >= Date.parse(current.retrieved_at)) latest.set(key, row);
  }
  const byTag = new Map<string, HashtagCountRow[]>();
  for (const row of latest.values()) {
    const key = `${row.platform}\u0000${row.hashtag.toLowerCase()}`;
    const list = byTag.get(key) ?? [];
    list.push(row);
    byTag.set(key, list);
  }
  const out: MeasuredHashtagSeries[] = [];
  for (const list of byTag.values()) {
    list.sort((a, b) => cmp(a.date, b.date));
    const start = list[0]!.date;
    const length = dayIndex(start, list.at(-1)!.date) + 1;
    const retrievedAt = list.map((r) => r.retrieved_at).reduce((a, b) => (b > a ? b : a));
    const query = list.at(-1)!.query;
    const base = { platform: list[0]!.platform, hashtag: list[0]!.hashtag.toLowerCase(), start, query, retrievedAt };
    const videos: (number | null)[] = Array.from({ length }, () => null);
    const views: (number | null)[] = Array.from({ length }, () => null);
    for (const row of list) {
      const i = dayIndex(start, row.date);
      videos[i] = row.videos;
      if (row.views !== undefined) views[i] = row.views;
    }
    out.push({ ...base, metric: "videos", values: videos });
    if (views.some((v) => v !== null)) out.push({ ...base, metric: "views", values: views });
  }
  return out.sort((a, b) => cmp(a.platform, b.platform) || cmp(a.metric, b.metric) || cmp(a.hashtag, b.hashtag));
}

export function deriveHashtags(input: {
  reported: readonly ReportedObservationRow[];
  hashtagCounts: readonly HashtagCountRow[];
  asOf: string | null;
  measuredAsOf: string | null;
}): HashtagData {
  return {
    asOf: input.asOf,
    measuredAsOf: input.measuredAsOf,
    reported: reportedHashtagSeries(input.reported),
    measured: measuredHashtagSeries(input.hashtagCounts),
    measuredSourceUrl: TIKTOK_RESEARCH_DOCS,
  };
}
