/**
 * The overview's headline figures, computed from the stored data: how long RedNote was reported
 * at #1 in the US, the highest reported "TikTok refugee" view count, the Wikipedia attention peak
 * against its 2024 baseline (once measured), and what the latest refresh added. Pure.
 */
import type { PageviewRow, ReportedObservationRow } from "../../../loaders/schema.ts";
import { latestOf } from "./as-of.ts";
import type { StoreSummary } from "./store-summary.ts";

export interface SourcedFigure {
  id: string;
  value: number;
  qualifier: ReportedObservationRow["qualifier"];
  date: string;
  dateEnd?: string;
  precision: ReportedObservationRow["date_precision"];
  publisher: string;
  via?: string;
  url: string;
}

export interface Overview {
  asOf: string | null;
  /** Reported #1 of RedNote in the US App Store: first and last report, and how many days have one. */
  rednoteAtNumberOne: { first: SourcedFigure; last: SourcedFigure; spanDays: number; reportedDays: number } | null;
  peakViews: SourcedFigure | null;
  attention: { article: string; peakDate: string; peakViews: number; baseline2024: number } | null;
  lastUpdate: { date: string; newFiles: number; confirmed: number; datasets: string[] } | null;
}

const DAY = 86_400_000;
/** "Most downloaded" (rank) and "top free" (rank-top-free) are the same chart in these reports. */
const RANK_METRICS = new Set(["rank-top-free", "rank"]);

function figure(r: ReportedObservationRow): SourcedFigure {
  return { id: r.id, value: r.value, qualifier: r.qualifier, date: r.date, ...(r.date_end ? { dateEnd: r.date_end } : {}), precision: r.date_precision, publisher: r.publisher, ...(r.via ? { via: r.via } : {}), url: r.url };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function deriveOverview(input: { reported: readonly ReportedObservationRow[]; pageviews: readonly PageviewRow[]; stored: Readonly<Record<string, StoreSummary>> }): Overview {
  const firsts = input.reported
    .filter((r) => r.platform === "app-store" && r.country === "us" && r.subject === "xiaohongshu" && RANK_METRICS.has(r.metric) && r.value === 1 && r.qualifier === "exact")
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const first = firsts[0];
  const last = firsts.at(-1);
  const rednoteAtNumberOne =
    first && last
      ? {
          first: figure(first),
          last: figure(last),
          spanDays: Math.round((Date.parse(last.date_end ?? last.date) - Date.parse(first.date)) / DAY) + 1,
          reportedDays: new Set(firsts.map((r) => r.date)).size,
        }
      : null;

  // Outliers (e.g. a fan blog's 3.9 billion) do not make the headline.
  const views = input.reported.filter((r) => r.subject === "#tiktokrefugee" && r.metric === "views" && r.caveat !== "outlier" && r.caveat !== "weak");
  const peak = views.reduce<ReportedObservationRow | undefined>((best, r) => (!best || r.value > best.value ? r : best), undefined);

  let attention: Overview["attention"] = null;
  const xhs = input.pageviews.filter((p) => p.project === "en.wikipedia" && p.article === "Xiaohongshu");
  const baseline = xhs.filter((p) => p.date.startsWith("2024-")).map((p) => p.views);
  if (baseline.length >= 28) {
    const top = xhs.reduce((best, p) => (p.views > best.views ? p : best));
    attention = { article: "Xiaohongshu", peakDate: top.date, peakViews: top.views, baseline2024: median(baseline) };
  }

  const stored = Object.entries(input.stored);
  const latestDay = latestOf(stored.map(([, s]) => s.lastDay?.day ?? null));
  const today = stored.filter(([, s]) => s.lastDay?.day === latestDay);
  const lastUpdate: Overview["lastUpdate"] = latestDay
    ? {
        date: latestDay,
        newFiles: today.reduce((sum, [, s]) => sum + s.lastDay!.newFiles, 0),
        confirmed: today.reduce((sum, [, s]) => sum + s.lastDay!.confirmed, 0),
        datasets: today.map(([dataset]) => dataset).sort(),
      }
    : null;
  // An unchanged re-fetch is an observation too: the data is as current as the last time anything was checked.
  const asOf = latestOf(stored.map(([, s]) => s.latest));
  return {
    asOf,
    rednoteAtNumberOne,
    peakViews: peak ? figure(peak) : null,
    attention,
    lastUpdate,
  };
}
