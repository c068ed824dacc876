/**
 * From the stored datasets to what the rankings page draws. Chart snapshots arrive file by file as
 * summaries (./chart-summary.ts), and only the tracked apps' ranks survive: one
 * point per store, country, chart, app and UTC day, taken from the day's last snapshot, null when
 * the app was not in it. Reported ranks of tracked apps and the periods apps were out of a store
 * (dated by events) come along. Pure apart from consuming the iterable it is given.
 */
import type { EventRow, ReportedObservationRow, TrackedAppRow } from "../../../loaders/schema.ts";
import type { EventRef, MeasuredChart, RankApp, RankingsData, ReportedRank, StoreAbsence, StoreName } from "../../components/rank-types.ts";
import { countryName } from "../../components/countries.ts";
import type { ChartSummary } from "./chart-summary.ts";
import { reportedPoint } from "./reported-point.ts";

const RANK_METRICS: Record<string, ReportedRank["chart"]> = { "rank-top-free": "top-free", rank: "unnamed" };
const STORES = new Set<string>(["app-store", "google-play"]);

/**
 * Periods apps were out of a store, declared here and dated by the events dataset: the shading
 * starts on the day of the first `removedBy` event and ends on the day of `returnedBy`, and links
 * to those events' sources. A period whose events are missing is left out rather than guessed.
 */
export const STORE_ABSENCES: readonly {
  apps: string[];
  stores: StoreName[];
  country: string;
  removedBy: string;
  returnedBy: string;
  evidence: string[];
  note?: string;
}[] = [
  {
    apps: ["tiktok", "capcut", "lemon8"],
    stores: ["app-store", "google-play"],
    country: "us",
    removedBy: "E024",
    returnedBy: "E036",
    evidence: ["E026", "E032"],
    note: "Lemon8 and CapCut went with TikTok; no source dates their return, so it is shown with TikTok's.",
  },
];

/** One file of chart_snapshots as the rankings see it: its manifest entry and its charts' summaries. */
export interface SnapshotFile {
  resource: { retrieved: string; confirmed?: string[]; sources: { title: string; path: string }[] };
  charts: readonly ChartSummary[];
}

interface DayPoint {
  time: string;
  size: number;
  ranks: Readonly<Record<string, number>>;
}

interface ChartAccumulator {
  store: StoreName;
  country: string;
  chart: MeasuredChart["chart"];
  days: Map<string, DayPoint>;
  newest: string;
  url?: string;
  sourceTitle: string;
}

const webUrl = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
};

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : b > a ? b : a);

function eventRef(e: EventRow): EventRef {
  return { id: e.id, date: e.date, title: e.title, publisher: e.publisher, url: e.url };
}

/** Store names as readers know them. */
export function storeTitle(store: StoreName): string {
  return store === "app-store" ? "Apple App Store" : "Google Play";
}

export async function deriveRankings(input: {
  snapshots: AsyncIterable<SnapshotFile> | Iterable<SnapshotFile>;
  reported: readonly ReportedObservationRow[];
  events: readonly EventRow[];
  apps: readonly TrackedAppRow[];
  asOf: string | null;
}): Promise<RankingsData> {
  const charts = new Map<string, ChartAccumulator>();
  let measuredAsOf: string | null = null;

  for await (const file of input.snapshots) {
    // A snapshot seen again unchanged is recorded once, with the later times in `confirmed`.
    const times = [file.resource.retrieved, ...(file.resource.confirmed ?? [])];
    for (const group of file.charts) {
      const key = `${group.store}|${group.country}|${group.chart}`;
      let chart = charts.get(key);
      if (!chart) {
        chart = { store: group.store, country: group.country, chart: group.chart, days: new Map(), newest: "", sourceTitle: storeTitle(group.store) };
        charts.set(key, chart);
      }
      for (const time of times) {
        measuredAsOf = later(measuredAsOf, time);
        const day = time.slice(0, 10);
        const current = chart.days.get(day);
        if (!current || time > current.time) chart.days.set(day, { time, size: group.size, ranks: group.ranks });
        if (time >= chart.newest) {
          chart.newest = time;
          const source = file.resource.sources[0];
          const url = webUrl(source?.path);
          if (url) chart.url = url;
          if (source?.title) chart.sourceTitle = source.title;
        }
      }
    }
  }

  const measured: MeasuredChart[] = [...charts.values()]
    .map((c) => {
      const days = [...c.days.keys()].sort();
      const points = days.map((d) => c.days.get(d)!);
      const ranks: Record<string, (number | null)[]> = {};
      for (const app of input.apps) {
        const series = points.map((p) => p.ranks[app.key] ?? null);
        if (series.some((r) => r !== null)) ranks[app.key] = series;
      }
      return {
        store: c.store,
        country: c.country,
        chart: c.chart,
        days,
        sizes: points.map((p) => p.size),
        ranks,
        ...(c.url ? { url: c.url } : {}),
        sourceTitle: c.sourceTitle,
      };
    })
    .sort((a, b) => (a.store + a.country + a.chart < b.store + b.country + b.chart ? -1 : 1));

  const tracked = new Set(input.apps.map((a) => a.key));
  const reported: ReportedRank[] = input.reported
    .filter((r) => STORES.has(r.platform) && r.country !== undefined && Object.hasOwn(RANK_METRICS, r.metric) && tracked.has(r.subject))
    .map((r) => ({
      ...reportedPoint(r),
      app: r.subject,
      store: r.platform as StoreName,
      country: r.country!,
      chart: RANK_METRICS[r.metric]!,
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));

  const events = new Map(input.events.map((e) => [e.id, e]));
  const absences: StoreAbsence[] = [];
  for (const a of STORE_ABSENCES) {
    const removed = events.get(a.removedBy);
    const returned = events.get(a.returnedBy);
    if (!removed || !returned || returned.date < removed.date) continue;
    absences.push({
      apps: a.apps.filter((k) => tracked.has(k)),
      stores: a.stores,
      country: a.country,
      start: removed.date,
      end: returned.date,
      removed: eventRef(removed),
      returned: eventRef(returned),
      evidence: a.evidence.flatMap((id) => (events.has(id) ? [eventRef(events.get(id)!)] : [])),
      ...(a.note ? { note: a.note } : {}),
    });
  }

  const countrySet = new Set([...measured.map((m) => m.country), ...reported.map((r) => r.country)]);
  const countries = [...countrySet].sort((a, b) => (a === "us" ? -1 : b === "us" ? 1 : countryName(a).localeCompare(countryName(b), "en")));

  const apps: RankApp[] = input.apps.map((a) => ({
    key: a.key,
    name: a.key === "xiaohongshu" ? "RedNote" : a.name_en,
    color: a.color,
    role: a.role,
  }));

  return { asOf: later(input.asOf, measuredAsOf), measuredAsOf, apps, countries, measured, reported, absences };
}
