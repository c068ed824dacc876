/**
 * From stored page views to what the attention chart draws: one compact series per article (days
 * a revision stored twice resolved to the latest fetch), its busiest day, its 2024 median as a
 * baseline, and the story's events inside the period. Long series are thinned to weekly means so
 * the page stays small. Pure: rows in, compact rows out.
 */
import type { EventRow, PageviewRow } from "../../../loaders/schema.ts";
import type { AttentionEvent, PageviewSeries, PageviewsData } from "../../components/attention-types.ts";
import { eventPoint } from "./event-point.ts";

/** Daily values up to this many days; longer series become weekly means. */
export const MAX_DAILY_POINTS = 1100;
/** A 2024 median needs at least this many stored days of 2024. */
export const BASELINE_MIN_DAYS = 60;
export const BASELINE_YEAR = "2024";

/** Events labelled on wide charts: short enough to sit side by side. */
export const KEY_EVENT_LABELS: Record<string, string> = {
  E004: "House passes bill",
  E007: "Law signed",
  E012: "Appeals court upholds",
  E022: "Supreme Court upholds",
  E023: "TikTok goes dark",
  E036: "Back in stores",
  E053: "Sale order",
  E058: "Deal closes",
};

const LANGUAGES: Record<string, string> = { en: "English", zh: "Chinese", ja: "Japanese", de: "German", fr: "French", es: "Spanish" };
const DAY = 86_400_000;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** One row per project, article and day: the latest fetch wins (Wikimedia revises recent days). */
export function resolveRevisions(rows: Iterable<PageviewRow>): PageviewRow[] {
  const best = new Map<string, PageviewRow>();
  for (const row of rows) {
    const key = `${row.project}\u0000${row.article}\u0000${row.date}`;
    const current = best.get(key);
    if (!current || Date.parse(row.retrieved_at) >= Date.parse(current.retrieved_at)) best.set(key, row);
  }
  return [...best.values()].sort((a, b) => cmp(a.project, b.project) || cmp(a.article, b.article) || cmp(a.date, b.date));
}

export function articleLabel(project: string, article: string): string {
  const code = project.split(".")[0] ?? project;
  return `${article.replace(/_/g, " ")}, ${LANGUAGES[code] ?? code} Wikipedia`;
}

/** The article's numbers in Wikimedia's pageviews tool, for readers who want to check them. */
export function pageviewsToolUrl(project: string, article: string, start: string, end: string): string {
  const params = new URLSearchParams({ project: `${project}.org`, platform: "all-access", agent: "user", redirects: "0", start, end, pages: article });
  return `https://pageviews.wmcloud.org/?${params.toString()}`;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Monday on or before `day` (UTC). */
function weekStart(day: string): string {
  const t = toTime(day);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return toDay(t - weekday * DAY);
}

function series(rows: PageviewRow[]): PageviewSeries {
  const { project, article } = rows[0]!;
  const start = rows[0]!.date;
  const end = rows.at(-1)!.date;
  const length = Math.round((toTime(end) - toTime(start)) / DAY) + 1;
  const daily: (number | null)[] = Array.from({ length }, () => null);
  let peak: { date: string; views: number } | null = null;
  const year: number[] = [];
  for (const row of rows) {
    daily[Math.round((toTime(row.date) - toTime(start)) / DAY)] = row.views;
    if (!peak || row.views > peak.views) peak = { date: row.date, views: row.views };
    if (row.date.startsWith(BASELINE_YEAR)) year.push(row.views);
  }
  const retrievedAt = rows.map((r) => r.retrieved_at).reduce((a, b) => (b > a ? b : a));
  const common = {
    project,
    article,
    label: articleLabel(project, article),
    url: pageviewsToolUrl(project, article, start, end),
    peak,
    baseline: year.length >= BASELINE_MIN_DAYS ? median(year) : null,
    retrievedAt,
  };
  if (length <= MAX_DAILY_POINTS) return { ...common, step: "day", start, values: daily };
  const first = weekStart(start);
  const weeks = Math.floor((toTime(end) - toTime(first)) / DAY / 7) + 1;
  const values: (number | null)[] = [];
  for (let w = 0; w < weeks; w++) {
    const days: number[] = [];
    for (let d = 0; d < 7; d++) {
      const i = Math.round((toTime(first) - toTime(start)) / DAY) + w * 7 + d;
      const v = i >= 0 && i < length ? daily[i] : null;
      if (v !== null && v !== undefined) days.push(v);
    }
    values.push(days.length > 0 ? Math.round(days.reduce((a, b) => a + b, 0) / days.length) : null);
  }
  return { ...common, step: "week", start: first, values };
}

export function derivePageviews(input: {
  pageviews: Iterable<PageviewRow>;
  events: readonly EventRow[];
  asOf: string | null;
  backfillStart: string;
  /** How revised days are resolved; the Wikipedia source module's latestPageviews when available. */
  resolve?: (rows: Iterable<PageviewRow>) => PageviewRow[];
}): PageviewsData {
  const resolved = (input.resolve ?? resolveRevisions)(input.pageviews);
  const groups = new Map<string, PageviewRow[]>();
  for (const row of resolved) {
    const key = `${row.project}\u0000${row.article}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const all = [...groups.values()].map((rows) => series(rows.sort((a, b) => cmp(a.date, b.date))));
  // Busiest article first: on one log scale the panels then read from loud to quiet.
  all.sort((a, b) => (b.peak?.views ?? 0) - (a.peak?.views ?? 0) || cmp(a.label, b.label));
  const first = resolved.reduce<string | null>((a, r) => (a === null || r.date < a ? r.date : a), null);
  const last = resolved.reduce<string | null>((a, r) => (a === null || r.date > a ? r.date : a), null);
  const events: AttentionEvent[] =
    first === null || last === null
      ? []
      : input.events
          .filter((e) => e.date >= first && e.date <= last)
          .map((e) => eventPoint(e, KEY_EVENT_LABELS[e.id]))
          .sort((a, b) => cmp(a.date, b.date) || cmp(a.id, b.id));
  return { asOf: input.asOf, backfillStart: input.backfillStart, series: all, events };
}
