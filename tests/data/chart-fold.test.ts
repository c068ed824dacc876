// src/data/derive/chart-fold.ts: the kept folds of months must give exactly what one pass over
// every file gives, wherever the files are cut into consecutive stretches.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyFold, foldSnapshots, mergeFold, type SnapshotFile } from "../../src/data/derive/chart-fold.ts";

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 13);
const at = (offset: number) => new Date(START + offset).toISOString();

/** Files oldest first (by `retrieved`, as the store reads them), some seen again later, some without a web address. */
const file: fc.Arbitrary<SnapshotFile & { offset: number }> = fc
  .record({
    offset: fc.integer({ min: 0, max: 4 * DAY }),
    confirmed: fc.array(fc.integer({ min: 0, max: 3 * DAY }), { maxLength: 2 }),
    source: fc.constantFrom(
      { title: "Apple RSS", path: "https://rss.example/us" },
      { title: "Apple RSS (gb)", path: "https://rss.example/gb" },
      { title: "", path: "not a url" },
    ),
    charts: fc.array(
      fc.record({
        country: fc.constantFrom("us", "gb"),
        size: fc.integer({ min: 1, max: 200 }),
        ranks: fc.dictionary(fc.constantFrom("xiaohongshu", "lemon8", "tiktok"), fc.integer({ min: 1, max: 200 })),
      }),
      { maxLength: 2 },
    ),
  })
  .map(({ offset, confirmed, source, charts }) => ({
    offset,
    resource: { retrieved: at(offset), confirmed: confirmed.map((c) => at(offset + c)), sources: [source] },
    charts: charts.map((c) => ({ store: "app-store" as const, chart: "top-free" as const, ...c })),
  }));

const files = fc.array(file, { maxLength: 30 }).map((list) => list.sort((a, b) => a.offset - b.offset));

describe("chart folds", () => {
  it("merged folds of consecutive stretches equal one fold of every file", async () => {
    await fc.assert(
      fc.asyncProperty(files, fc.array(fc.nat(), { maxLength: 4 }), async (list, cuts) => {
        const whole = await foldSnapshots(list);
        const points = [...new Set(cuts.map((c) => c % (list.length + 1)))].sort((a, b) => a - b);
        const stretches = [0, ...points].map((from, i) => list.slice(from, [...points, list.length][i]));
        let merged = emptyFold();
        // Each stretch's fold goes through JSON, as it does in the cache.
        for (const stretch of stretches) merged = mergeFold(merged, JSON.parse(JSON.stringify(await foldSnapshots(stretch))));
        expect(merged).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps each UTC day's last snapshot and the newest snapshot's web address", async () => {
    const fold = await foldSnapshots([
      { resource: { retrieved: "2025-01-14T06:00:00.000Z", sources: [{ title: "A", path: "https://a.example/" }] }, charts: [{ store: "app-store", country: "us", chart: "top-free", size: 100, ranks: { xiaohongshu: 5 } }] },
      { resource: { retrieved: "2025-01-14T18:00:00.000Z", confirmed: ["2025-01-15T06:00:00.000Z"], sources: [{ title: "B", path: "ftp://b.example/" }] }, charts: [{ store: "app-store", country: "us", chart: "top-free", size: 100, ranks: { xiaohongshu: 1 } }] },
    ]);
    expect(fold.charts["app-store|us|top-free"]).toEqual({
      store: "app-store",
      country: "us",
      chart: "top-free",
      days: {
        "2025-01-14": { time: "2025-01-14T18:00:00.000Z", size: 100, ranks: { xiaohongshu: 1 } },
        "2025-01-15": { time: "2025-01-15T06:00:00.000Z", size: 100, ranks: { xiaohongshu: 1 } },
      },
      url: "https://a.example/",
      urlAt: "2025-01-14T06:00:00.000Z",
      sourceTitle: "B",
      titleAt: "2025-01-15T06:00:00.000Z",
    });
    expect(fold.measuredAsOf).toBe("2025-01-15T06:00:00.000Z");
  });
});
