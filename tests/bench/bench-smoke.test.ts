/**
 * The bench's measurement functions on a tiny history (3 days, 2 storefronts, 10 ranks) and a
 * two-page fake site: they run the real loader, write through the real store and return numbers of
 * the right shape. No timing is asserted: the numbers are the bench's business, not the test's.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addOneDay,
  linkCopy,
  loaderTimes,
  machineInfo,
  measurePages,
  prepareHistory,
  profileRankings,
  RANKINGS_LOADER,
  runLoader,
  type PreparedHistory,
} from "../../bench/measure.ts";
import { check, formatTable, missing } from "../../bench/run.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { browserAvailable } from "../helpers/browser.ts";
import { tempDir } from "../helpers/temp-dir.ts";

let dir: string;
let cleanup: () => Promise<void>;
let history: PreparedHistory;

beforeAll(async () => {
  ({ path: dir, cleanup } = await tempDir("tracker-bench-smoke-"));
  history = await prepareHistory({ dataDir: join(dir, "history"), days: 3, countries: 2, ranks: 10, seed: 5 });
});
afterAll(async () => cleanup());

describe("bench measurements", () => {
  it("prepares a history with the committed editorial data, through the store", async () => {
    // A chart that did not move is "seen again", not a new file: up to one file per day and chart.
    expect(history).toMatchObject({ rows: 3 * 2 * 2 * 10, firstDay: "2025-01-01", lastDay: "2025-01-03" });
    expect(history.files).toBeGreaterThanOrEqual(2 * 2);
    expect(history.files).toBeLessThanOrEqual(3 * 2 * 2);
    expect(history.editorialFiles).toBeGreaterThan(0);
    const datasets = new Set((await readManifest(history.dataDir)).resources.map((r) => r.dataset));
    expect(datasets).toContain("tracked_apps");
    expect((await verifyStore(history.dataDir)).problems).toEqual([]);
  });

  it("adds a day to a linked copy without touching the original, runs the real rankings loader and profiles it", async () => {
    const copy = join(dir, "copy");
    await linkCopy(history.dataDir, copy);
    const added = await addOneDay(copy);
    expect(added).toEqual({ day: "2025-01-04", files: 4 });
    expect((await readManifest(history.dataDir)).resources.filter((r) => r.dataset === "chart_snapshots")).toHaveLength(history.files);
    expect((await verifyStore(copy)).problems).toEqual([]);

    const cacheDir = join(dir, "cache");
    const run = await runLoader(RANKINGS_LOADER, copy, { cacheDir, timeoutMs: 60_000 });
    expect(run).toMatchObject({ loader: RANKINGS_LOADER, args: [] });
    expect(run.seconds).toBeGreaterThan(0);
    expect(run.output_bytes).toBeGreaterThan(0);
    expect(run.peak_rss_mb === null || run.peak_rss_mb > 0).toBe(true);

    const profile = await profileRankings(copy);
    expect(profile).toMatchObject({ files: history.files + 4 });
    expect(profile.rows).toBe(profile.files * 10);
    expect(profile.fallback_files).toBe(0);
    for (const key of ["manifest_ms", "editorial_ms", "read_ms", "scan_ms", "derive_ms", "cache_save_ms", "cache_load_ms", "stringify_ms", "total_ms"] as const) {
      expect(typeof profile[key], key).toBe("number");
    }
    expect(profile.output_bytes).toBe(run.output_bytes);
    // The cold run cached every file's summary; a warm run answers the same.
    expect((await readdir(cacheDir)).length).toBe(1);
    expect((await runLoader(RANKINGS_LOADER, copy, { cacheDir, timeoutMs: 60_000 })).output_bytes).toBe(run.output_bytes);
  });

  it("reads loader times from Framework's build log", () => {
    const log = [
      "load /data/story.json copy src/data/story.json → load /data/story.json → [missing] success 17.7 kB in 2360ms",
      "copy src/data/story.json → load /data/story.json → [fresh] success 17.7 kB in 0ms",
      "copy src/data/catalog.json → load /data/catalog.json → [missing] success 11.1 kB in 2933ms",
    ].join("\n");
    expect(loaderTimes(log)).toEqual([
      { path: "/data/catalog.json", ms: 2933 },
      { path: "/data/story.json", ms: 2360 },
    ]);
  });

  it("prints rows with verdicts and the machine", () => {
    const rows = [check("derive_5y_s", 4, 3), check("derive_1y_s", 1, null), check("x", null, 1), missing("embed", "skipped", "no embeds")];
    expect(rows.map((r) => r.result)).toEqual(["FAIL", null, "n/a", "skipped"]);
    const table = formatTable(rows, machineInfo(), "bench");
    expect(table).toMatch(/machine: .+ cores, .+ GiB RAM, Node v\d+/);
    expect(table).toMatch(/derive_5y_s\s+4\s+≤ 3\s+FAIL/);
  });

  it.skipIf(!browserAvailable)("measures a page's transfer and its first chart in Chromium", async () => {
    const site = join(dir, "site");
    await mkdir(site, { recursive: true });
    await writeFile(join(site, "draw.js"), 'addEventListener("DOMContentLoaded", () => setTimeout(() => { document.body.insertAdjacentHTML("beforeend", \'<svg><circle class="mark" r="3"></circle></svg>\'); }, 20));\n');
    await writeFile(join(site, "index.html"), '<!doctype html><title>chart</title><script src="/draw.js"></script><p>' + "x".repeat(5000) + "</p>\n");
    await writeFile(join(site, "plain.html"), "<!doctype html><title>plain</title><p>no chart</p>\n");
    const [chart, plain] = await measurePages(site, ["/", "/plain"], { loads: 1, chartTimeoutMs: 1_000 });
    expect(chart).toMatchObject({ path: "/", requests: 2, external: [] });
    expect(chart!.transfer_kb_gz).toBeGreaterThan(0);
    expect(chart!.transfer_kb_gz).toBeLessThan(chart!.raw_kb);
    expect(chart!.first_chart_ms).toEqual(expect.any(Number));
    expect(chart!.first_chart_runs_ms).toHaveLength(1);
    expect(plain).toMatchObject({ path: "/plain", requests: 1, first_chart_ms: null, first_chart_from_nav_ms: null });
  });
});
