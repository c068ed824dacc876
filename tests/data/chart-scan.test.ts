/**
 * The fast chart scanner against the full reading (papaparse + zod): on anything the store can
 * write it gives the same summary or hands the file back (null), never a different answer.
 */
import { describe, expect, it } from "vitest";
import { encodeRows } from "../../loaders/csv.ts";
import type { ChartSnapshotRow, TrackedAppRow } from "../../loaders/schema.ts";
import { scanChartSnapshot } from "../../src/data/derive/chart-scan.ts";
import { trackedIds } from "../../src/data/derive/chart-summary.ts";
import { chartScanAgrees, fullReading, scanAsStored } from "../helpers/chart-scan-property.ts";

const AT = "2025-01-14T12:00:00.000Z";
const row = (rank: number, app_id: string, name = `App ${rank}`, extra: Partial<ChartSnapshotRow> = {}): ChartSnapshotRow => ({
  store: "app-store",
  country: "us",
  chart: "top-free",
  rank,
  app_id,
  name,
  retrieved_at: AT,
  ...extra,
});
const APPS: TrackedAppRow[] = [
  { key: "xiaohongshu", name_en: "RedNote", app_store_id: "741292507", color: "#ff2442", role: "focus" },
  { key: "tiktok", name_en: "TikTok", app_store_id: "835599320", google_play_id: "com.zhiliaoapp.musically", color: "#08837f", role: "focus" },
];
const ids = trackedIds(APPS);
const scan = (text: string) => scanAsStored(text, ids);
const full = (text: string) => fullReading(text, ids);

describe("scanChartSnapshot", () => {
  it("reads a chart's length and the tracked apps' first ranks, through quoted names with commas, quotes and newlines", () => {
    const text = encodeRows("chart_snapshots", [
      row(1, "741292507", 'RedNote, "小红书"\nline two', { developer: "a,b" }),
      row(2, "1"),
      row(3, "835599320", "TikTok", { feed_updated: "2025-01-14T11:00:00Z" }),
      row(4, "741292507"),
      row(5, "com.example", "Google, Play", { store: "google-play" }),
    ]);
    expect(scan(text)).toEqual([
      { store: "app-store", country: "us", chart: "top-free", size: 4, ranks: { xiaohongshu: 1, tiktok: 3 } },
      { store: "google-play", country: "us", chart: "top-free", size: 5, ranks: {} },
    ]);
    expect(scan(text)).toEqual(full(text));
  });

  it("hands back what it does not expect, so the full reading reports it with its line", () => {
    const good = encodeRows("chart_snapshots", [row(1, "741292507"), row(2, "2")]);
    const [header, first, second] = good.split("\n") as [string, string, string];
    for (const text of [
      good.replace("store,country", "country,store"),
      `${header}\n${first}\n\n${second}\n`,
      `${header}\n${first.replace(",1,", ",0,")}\n`,
      `${header}\n${first.replace(",1,", ",1.5,")}\n`,
      `${header}\n${first.replace("app-store", "apple")}\n`,
      `${header}\n${first.replace(",us,", ",USA,")}\n`,
      `${header}\n${first.replace(",741292507,", ",,")}\n`,
      `${header}\n${first}\n"unterminated\n`,
      `${header}\napp-store,us\n`,
      // A row with too few or too many cells, after a usual one.
      `${header}\n${first}\n${second.slice(0, second.lastIndexOf(","))}\n`,
      `${header}\n${first}\n${second},extra\n`,
      `${header}\n${first}\n${second.replace(",App 2,", ',"App 2",x,')}\n`,
      // A quote inside an unquoted cell is not what the store writes.
      `${header}\n${first}\n${second.replace(",App 2,", ',App "2",')}\n`,
      `${header}\n${first}\n${second.replace(",App 2,", ',"App 2"x,')}\n`,
    ]) {
      expect(scan(text), text).toBeNull();
    }
  });

  it("reads bytes from a reused buffer: what it remembers of one file is not changed by the next", () => {
    const first = Buffer.from(encodeRows("chart_snapshots", [row(1, "741292507"), row(2, "111111111")]));
    const second = Buffer.from(encodeRows("chart_snapshots", [row(1, "835599320"), row(2, "222222222"), row(3, "741292507")]));
    const buffer = Buffer.alloc(second.length);
    first.copy(buffer);
    expect(scanChartSnapshot(buffer.subarray(0, first.length), ids)).toEqual(full(first.toString()));
    second.copy(buffer);
    expect(scanChartSnapshot(buffer, ids)).toEqual(full(second.toString()));
    first.copy(buffer);
    expect(scanChartSnapshot(buffer.subarray(0, first.length), ids)).toEqual(full(first.toString()));
  });

  it("agrees with the full reading on any rows the store can write, or hands the file back", () => {
    chartScanAgrees(300);
  });
});
