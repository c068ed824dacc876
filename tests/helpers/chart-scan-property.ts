/**
 * The property behind the fast chart scanner (src/data/derive/chart-scan.ts): on any rows the store
 * can write, it gives the full reading's summary (papaparse + zod) or hands the file back (null).
 * tests/data runs it briefly, tests/deep at length.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { encodeRows, parseCsv } from "../../loaders/csv.ts";
import { scanChartSnapshot } from "../../src/data/derive/chart-scan.ts";
import { summarizeRows, trackedIds, type TrackedIds } from "../../src/data/derive/chart-summary.ts";
import { rowsArb } from "./arbitraries.ts";

/** As src/data/lib/chart-folds.ts reads a file: its UTF-8 bytes. */
export const scanAsStored = (text: string, ids: TrackedIds) => scanChartSnapshot(Buffer.from(text, "utf8"), ids);
export const fullReading = (text: string, ids: TrackedIds) => summarizeRows(parseCsv("chart_snapshots", text).rows, ids);

export function chartScanAgrees(numRuns: number): void {
  fc.assert(
    fc.property(rowsArb("chart_snapshots", 8), fc.nat(), (rows, pick) => {
      const tracked = trackedIds(rows.slice(0, 1 + (pick % 2)).map((r, i) => ({ key: `app${i}`, name_en: "x", app_store_id: r.app_id, google_play_id: r.app_id, color: "#000000", role: "focus" as const })));
      const text = encodeRows("chart_snapshots", rows);
      const scanned = scanAsStored(text, tracked);
      if (scanned !== null) expect(scanned).toEqual(fullReading(text, tracked));
      // Plain ASCII ids, the stores' own kind, are always read the fast way.
      const plain = encodeRows("chart_snapshots", rows.map((r, i) => ({ ...r, app_id: `id${i}` })));
      expect(scanAsStored(plain, tracked)).toEqual(fullReading(plain, tracked));
    }),
    { numRuns },
  );
}
