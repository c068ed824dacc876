/** The synthetic chart history: real store, deterministic, plausible, and never in data/. */
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkTarget, generateHistory } from "../../bench/synthetic-history.ts";
import { diffCharts } from "../../loaders/chart-diff.ts";
import { PROJECT_ROOT } from "../../loaders/config.ts";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { readDatasetFiles } from "../../loaders/store/read.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { snapshotTree, tempDir } from "../helpers/temp-dir.ts";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ path: dir, cleanup } = await tempDir("tracker-synth-")));
afterEach(async () => cleanup());

describe("generateHistory", () => {
  it("writes one verified snapshot per day, storefront and chart, whole charts with plausible churn", async () => {
    const summary = await generateHistory({ dataDir: join(dir, "a"), days: 20, countries: 2, ranks: 50, seed: 7 });
    expect(summary).toMatchObject({ files: 20 * 2 * 2, rows: 20 * 2 * 2 * 50, countries: ["us", "gb"], firstDay: "2025-01-01", lastDay: "2025-01-20" });
    expect(summary.bytes).toBeGreaterThan(0);
    const report = await verifyStore(join(dir, "a"));
    expect(report.problems).toEqual([]);
    expect(report.files).toBe(80);

    const byScope = new Map<string, ChartSnapshotRow[][]>();
    for await (const file of readDatasetFiles(join(dir, "a"), "chart_snapshots")) {
      const ranks = file.rows.map((r) => r.rank);
      expect(ranks).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(file.rows.map((r) => r.app_id)).size).toBe(50);
      byScope.set(file.resource.scope, [...(byScope.get(file.resource.scope) ?? []), file.rows]);
    }
    expect([...byScope.keys()].sort()).toEqual(["gb-top-free", "gb-top-paid", "us-top-free", "us-top-paid"]);
    // Day to day: most apps stay, some move, and over the period some enter and leave.
    const days = byScope.get("us-top-free")!;
    const diffs = days.slice(1).map((rows, i) => diffCharts(days[i]!, rows));
    expect(diffs.every((d) => d.entries.length <= 10 && d.moves.length > 0)).toBe(true);
    expect(diffs.reduce((n, d) => n + d.entries.length, 0)).toBeGreaterThan(0);
    expect(diffs.reduce((n, d) => n + d.exits.length, 0)).toBe(diffs.reduce((n, d) => n + d.entries.length, 0));
    // The tracked apps are in the free charts, so the site's rankings have something to draw.
    expect(days[0]!.some((r) => r.app_id === "741292507")).toBe(true);
  });

  it("is deterministic by seed", async () => {
    const options = { days: 4, countries: ["us", "jp"], ranks: 30 } as const;
    await generateHistory({ ...options, dataDir: join(dir, "a"), seed: 3 });
    await generateHistory({ ...options, dataDir: join(dir, "b"), seed: 3 });
    await generateHistory({ ...options, dataDir: join(dir, "c"), seed: 4 });
    const a = await snapshotTree(join(dir, "a"));
    expect(await snapshotTree(join(dir, "b"))).toEqual(a);
    expect(await snapshotTree(join(dir, "c"))).not.toEqual(a);
  });

  it("refuses the project's data directory, however it is reached, and a store that holds snapshots", async () => {
    await expect(generateHistory({ dataDir: join(PROJECT_ROOT, "data"), days: 1 })).rejects.toThrow(/project's data/);
    await expect(checkTarget(join(PROJECT_ROOT, "data", "sub", "dir"))).rejects.toThrow(/project's data/);
    await expect(checkTarget(PROJECT_ROOT)).rejects.toThrow(/project's data/);
    await symlink(join(PROJECT_ROOT, "data"), join(dir, "link"));
    await expect(checkTarget(join(dir, "link"))).rejects.toThrow(/project's data/);
    await expect(checkTarget(join(dir, "link", "new-folder"))).rejects.toThrow(/project's data/);
    await mkdir(join(dir, "ok"));
    await expect(checkTarget(join(dir, "ok"))).resolves.toBe(await checkTarget(join(dir, "ok")));
    await generateHistory({ dataDir: join(dir, "ok"), days: 1, countries: 1, ranks: 5 });
    await expect(generateHistory({ dataDir: join(dir, "ok"), days: 1, countries: 1, ranks: 5 })).rejects.toThrow(/already holds a synthetic history/);
    expect((await readManifest(join(dir, "ok"))).resources).toHaveLength(2);
  });

  it("rejects impossible sizes before writing", async () => {
    await expect(generateHistory({ dataDir: join(dir, "x"), days: 0 })).rejects.toThrow(/days/);
    await expect(generateHistory({ dataDir: join(dir, "x"), days: 1, countries: 0 })).rejects.toThrow(/countries/);
    await expect(generateHistory({ dataDir: join(dir, "x"), days: 1, ranks: 0 })).rejects.toThrow(/ranks/);
  });
});
