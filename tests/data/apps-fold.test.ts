// src/data/derive/apps.ts: the kept folds of months (src/data/lib/apps-folds.ts) must give exactly
// what one pass over every file gives, wherever the files are cut into consecutive stretches, and
// whether the stretches are merged into one fold or read side by side.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { appsFromFolds, deriveApps, emptyAppsFold, foldApps, mergeAppsFold, type AppsFold, type AppsSnapshotFile } from "../../src/data/derive/apps.ts";

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 13);
const at = (offset: number) => new Date(START + offset).toISOString();

/** Files oldest first (by `retrieved`, as the store reads them), some seen again later; apps renamed, re-ranked, listed twice. */
const file: fc.Arbitrary<AppsSnapshotFile & { offset: number }> = fc
  .record({
    offset: fc.integer({ min: 0, max: 4 * DAY }),
    confirmed: fc.array(fc.integer({ min: 0, max: 3 * DAY }), { maxLength: 2 }),
    rows: fc.array(
      fc.record({
        country: fc.constantFrom("us", "gb"),
        chart: fc.constantFrom("top-free" as const, "top-paid" as const),
        rank: fc.integer({ min: 1, max: 5 }),
        app_id: fc.constantFrom("1", "2", "3", "4"),
        name: fc.constantFrom("Alpha", "小红书", "RedNote", "<b>x</b>"),
        developer: fc.option(fc.constantFrom("A Inc.", "B Ltd."), { nil: undefined }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ offset, confirmed, rows }) => ({
    offset,
    resource: { path: `chart_snapshots/${offset}.csv`, hash: `sha256:${String(offset).padStart(64, "0")}`, retrieved: at(offset), confirmed: confirmed.map((c) => at(offset + c)) },
    rows: rows.map((r): ChartSnapshotRow => ({ store: "app-store", ...r, retrieved_at: at(offset) })),
  }));

const files = fc.array(file, { maxLength: 25 }).map((list) => list.sort((a, b) => a.offset - b.offset));

/** Through JSON, as a fold is kept in the cache. */
const kept = async (list: readonly AppsSnapshotFile[]): Promise<AppsFold> => JSON.parse(JSON.stringify(await foldApps(list)));

describe("apps folds", () => {
  it("folds of consecutive stretches, merged or side by side, give what one pass gives", async () => {
    await fc.assert(
      fc.asyncProperty(files, fc.array(fc.nat(), { maxLength: 4 }), async (list, cuts) => {
        const whole = await deriveApps(list, [], []);
        const points = [...new Set(cuts.map((c) => c % (list.length + 1)))].sort((a, b) => a - b);
        const stretches = [0, ...points].map((from, i) => list.slice(from, [...points, list.length][i]));
        const parts = await Promise.all(stretches.map(kept));
        expect(appsFromFolds(parts, [], [])).toEqual(whole);
        const merged = parts.reduce(mergeAppsFold, emptyAppsFold());
        expect(appsFromFolds([JSON.parse(JSON.stringify(merged))], [], [])).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a whole chart's ranks as its order, and a partial one's as numbers", async () => {
    const resource = { path: "a.csv", hash: "sha256:ab", retrieved: at(0) };
    const row = (rank: number, app_id: string): ChartSnapshotRow => ({ store: "app-store", country: "us", chart: "top-free", rank, app_id, name: app_id, retrieved_at: at(0) });
    const fold = await foldApps([{ resource, rows: [row(1, "x"), row(2, "y"), row(1, "z"), row(5, "w")].map((r, i) => (i < 2 ? r : { ...r, country: "gb" })) }]);
    expect(fold.charts["app-store|us|top-free"]!["2025-01-13"]).toEqual({ time: at(0), path: "a.csv", sha256: "ab", apps: [0, 1] });
    expect(fold.charts["app-store|gb|top-free"]!["2025-01-13"]).toEqual({ time: at(0), path: "a.csv", sha256: "ab", apps: [2, 3], ranks: [1, 5] });
  });
});
