import { describe, expect, it } from "vitest";
import { deriveOverview } from "../../src/data/derive/overview.ts";
import type { PageviewRow, ReportedObservationRow } from "../../loaders/schema.ts";
import type { Resource } from "../../loaders/store/manifest.ts";
import { summarize } from "../../src/data/derive/store-summary.ts";

const base = { date_precision: "day", platform: "app-store", country: "us", subject: "xiaohongshu", metric: "rank-top-free", qualifier: "exact", publisher: "P", url: "https://example.com/" } as const;
const reported: ReportedObservationRow[] = [
  { ...base, id: "O001", date: "2025-01-12", value: 1 },
  { ...base, id: "O002", date: "2025-01-20", value: 1, metric: "rank" },
  { ...base, id: "O003", date: "2025-01-15", value: 2 },
  { ...base, id: "O004", date: "2025-01-14", value: 1, subject: "lemon8" },
  { ...base, id: "O010", date: "2025-01-14", platform: "xiaohongshu", subject: "#tiktokrefugee", metric: "views", value: 25e6, qualifier: "at-least" },
  { ...base, id: "O011", date: "2025-01-15", platform: "xiaohongshu", subject: "#tiktokrefugee", metric: "views", value: 3.9e9, caveat: "outlier" },
  { ...base, id: "O012", date: "2025-01-20", platform: "xiaohongshu", subject: "#tiktokrefugee", metric: "views", value: 2.3e9 },
];
const resource = (dataset: Resource["dataset"], retrieved: string, confirmed?: string[]) => ({ dataset, retrieved, ...(confirmed ? { confirmed } : {}) }) as Resource;

/** Each dataset's summary, as the build gives the overview. */
const storedOf = (resources: Resource[]) => Object.fromEntries([...new Set(resources.map((r) => r.dataset))].map((d) => [d, summarize(resources.filter((r) => r.dataset === d))]));

describe("overview figures", () => {
  it("spans RedNote's reported days at #1 in the US, ignoring other apps and lower ranks", () => {
    const o = deriveOverview({ reported, pageviews: [], stored: {} });
    expect(o.rednoteAtNumberOne).toMatchObject({ spanDays: 9, reportedDays: 2, first: { id: "O001" }, last: { id: "O002" } });
  });
  it("takes the peak reported views but never an outlier", () => {
    expect(deriveOverview({ reported, pageviews: [], stored: {} }).peakViews).toMatchObject({ id: "O012", value: 2.3e9 });
  });
  it("shows no attention figure until a 2024 baseline is measured, then compares the peak with it", () => {
    expect(deriveOverview({ reported, pageviews: [], stored: {} }).attention).toBeNull();
    const pageviews: PageviewRow[] = Array.from({ length: 40 }, (_, i) => ({
      project: "en.wikipedia",
      article: "Xiaohongshu",
      date: `2024-02-${String((i % 28) + 1).padStart(2, "0")}`,
      views: 1000,
      retrieved_at: "2025-02-01T00:00:00Z",
    }));
    pageviews.push({ project: "en.wikipedia", article: "Xiaohongshu", date: "2025-01-14", views: 250000, retrieved_at: "2025-02-01T00:00:00Z" });
    expect(deriveOverview({ reported, pageviews, stored: {} }).attention).toEqual({ article: "Xiaohongshu", peakDate: "2025-01-14", peakViews: 250000, baseline2024: 1000 });
  });
  it("says what the latest update added and when", () => {
    const resources = [resource("events", "2026-11-01T00:00:00Z"), resource("chart_snapshots", "2026-11-24T06:00:00Z", ["2026-11-25T06:00:00Z"]), resource("chart_snapshots", "2026-11-25T06:00:00Z")];
    expect(deriveOverview({ reported: [], pageviews: [], stored: storedOf(resources) })).toMatchObject({
      asOf: "2026-11-25T06:00:00Z",
      lastUpdate: { date: "2026-11-25", newFiles: 1, confirmed: 1, datasets: ["chart_snapshots"] },
      rednoteAtNumberOne: null,
      peakViews: null,
    });
  });
});
