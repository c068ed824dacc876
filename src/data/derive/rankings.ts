/**
 * From the stored datasets to what the rankings page draws. Chart snapshots arrive folded
 * (./chart-fold.ts), and only the tracked apps' ranks survive: one point per store, country,
 * chart, app and UTC day, taken from the day's last snapshot, null when the app was not in it.
 * Reported ranks of tracked apps and the periods apps were out of a store (dated by events) come
 * along. Pure.
 */
import type { EventRow, ReportedObservationRow, TrackedAppRow } from "../../../loaders/schema.ts";
import type { EventRef, MeasuredChart, RankApp, RankingsData, ReportedRank, StoreAbsence, StoreName } from "../../components/rank-types.ts";
import { countryName } from "../../components/countries.ts";
import type { ChartFold } from "./chart-fold.ts";
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

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : b > a ? b : a);

function eventRef(e: EventRow): EventRef {
  return { id: e.id, date: e.date, title: e.title, publisher: e.publisher, url: e.url };
}

/** Store names as readers know them. */
export function storeTitle(store: StoreName): string {
  return store === "app-store" ? "Apple App Store" : "Google Play";
}

export function deriveRankings(input: {
  /** Every chart snapshot file, folded (./chart-fold.ts). */
  charts: ChartFold;
  reported: readonly ReportedObservationRow[];
  events: readonly EventRow[];
  apps: readonly TrackedAppRow[];
  asOf: string | null;
}): RankingsData {
  const measured: MeasuredChart[] = Object.values(input.charts.charts)
    .map((c) => {
      const days = Object.keys(c.days).sort();
      const points = days.map((d) => c.days[d]!);
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
        sourceTitle: c.sourceTitle ?? storeTitle(c.store),
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

  const { measuredAsOf } = input.charts;
  return { asOf: later(input.asOf, measuredAsOf), measuredAsOf, apps, countries, measured, reported, absences };
}
