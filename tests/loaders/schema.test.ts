import { describe, expect, it } from "vitest";
import { DATASETS, type DatasetName } from "../../loaders/schema.ts";
import { tableSchema } from "../../loaders/table-schema.ts";

const good: { [D in DatasetName]: Record<string, unknown> } = {
  chart_snapshots: { store: "app-store", country: "us", chart: "top-free", rank: 1, app_id: "741292507", name: "RedNote", developer: "Xingin", feed_updated: "2025-01-14T12:00:00Z", retrieved_at: "2025-01-14T12:05:00.000Z" },
  app_metrics: { store: "app-store", country: "us", app_key: "xiaohongshu", app_id: "741292507", status: "present", user_rating_count: 120000, average_user_rating: 4.6, version: "8.68", retrieved_at: "2025-01-14T12:05:00Z" },
  pageviews: { project: "en.wikipedia", article: "Xiaohongshu", date: "2025-01-14", views: 123456, retrieved_at: "2025-01-15T01:00:00Z" },
  hashtag_counts: { platform: "tiktok", hashtag: "tiktokrefugee", date: "2025-01-14", videos: 10, views: 1000, query: "{}", retrieved_at: "2025-01-15T01:00:00Z" },
  reported: { id: "O052", date: "2025-01-14", date_precision: "day", platform: "xiaohongshu", subject: "#tiktokrefugee", metric: "views", value: 25_000_000, qualifier: "at-least", publisher: "Bloomberg", url: "https://example.com/a" },
  events: { id: "E022", date: "2025-01-17", date_precision: "day", category: "court", title: "Supreme Court upholds the law", publisher: "CBS News", url: "https://example.com/b" },
  tracked_apps: { key: "xiaohongshu", name_en: "RedNote", name_zh: "小红书", app_store_id: "741292507", color: "#ff2442", role: "focus" },
};

describe("schemas", () => {
  for (const [name, row] of Object.entries(good) as [DatasetName, Record<string, unknown>][]) {
    it(`${name} accepts a good row`, () => {
      expect(DATASETS[name].schema.safeParse(row).success).toBe(true);
    });
    it(`${name} rejects an unknown column`, () => {
      expect(DATASETS[name].schema.safeParse({ ...row, extra: "x" }).success).toBe(false);
    });
  }

  const bad: [DatasetName, Record<string, unknown>, string][] = [
    ["chart_snapshots", { ...good.chart_snapshots, rank: 0 }, "rank"],
    ["chart_snapshots", { ...good.chart_snapshots, rank: 1.5 }, "rank"],
    ["chart_snapshots", { ...good.chart_snapshots, country: "USA" }, "country"],
    ["chart_snapshots", { ...good.chart_snapshots, retrieved_at: "yesterday" }, "retrieved_at"],
    ["app_metrics", { ...good.app_metrics, average_user_rating: 7 }, "average_user_rating"],
    ["pageviews", { ...good.pageviews, date: "2025-02-30" }, "date"],
    ["reported", { ...good.reported, url: "javascript:alert(1)" }, "url"],
    ["reported", { ...good.reported, url: "data:text/html,<script>" }, "url"],
    ["reported", { ...good.reported, qualifier: "range" }, "value_high"],
    ["reported", { ...good.reported, value_high: 30 }, "value_high"],
    ["reported", { ...good.reported, date_end: "2025-01-01" }, "date_end"],
    ["reported", { ...good.reported, date_precision: "weekend" }, "date_precision"],
    ["reported", { ...good.reported, note: "lone \ud800 surrogate" }, "note"],
    ["events", { ...good.events, category: "gossip" }, "category"],
    ["tracked_apps", { ...good.tracked_apps, color: "red" }, "color"],
  ];
  for (const [name, row, field] of bad) {
    it(`${name} rejects a bad ${field} and names it`, () => {
      const result = DATASETS[name].schema.safeParse(row);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join("."))).toContain(field);
    });
  }

  it("derives a Table Schema with types, required flags and enums", () => {
    const fields = tableSchema("reported").fields;
    const byName = new Map(fields.map((f) => [f.name, f]));
    expect(byName.get("value")?.type).toBe("number");
    expect(byName.get("date")?.type).toBe("date");
    expect(byName.get("qualifier")?.constraints.enum).toEqual(["exact", "at-least", "about", "at-most", "range"]);
    expect(byName.get("note")?.constraints.required).toBe(false);
    expect(byName.get("url")?.format).toBe("uri");
    expect(tableSchema("chart_snapshots").fields.find((f) => f.name === "retrieved_at")?.type).toBe("datetime");
    expect(tableSchema("chart_snapshots").fields.find((f) => f.name === "rank")?.type).toBe("integer");
  });
});
