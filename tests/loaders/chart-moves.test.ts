import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chartMovesMarkdown } from "../../loaders/chart-moves.ts";
import type { Summary } from "../../loaders/run-refresh.ts";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { writeSnapshot } from "../../loaders/store/write.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const chart = (at: string, names: string[]): ChartSnapshotRow[] =>
  names.map((name, i) => ({ store: "app-store", country: "us", chart: "top-free", rank: i + 1, app_id: name.toLowerCase(), name, retrieved_at: at }));

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ path: dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const write = (at: string, names: string[]) =>
  writeSnapshot(dir, { dataset: "chart_snapshots", source: "apple-charts", scope: "us-top-free", retrievedAt: at, rows: chart(at, names), sources: [] }, { log: () => {} });

const summary = (paths: string[], status: "new" | "unchanged" = "new"): Summary => ({
  dataDir: dir,
  dryRun: false,
  startedAt: "",
  finishedAt: "",
  results: [{ source: "apple-charts", scope: "us-top-free", status, rows: 3, ms: 1, paths, urls: [] }],
  notes: [],
  failed: [],
  ok: true,
});

describe("the refresh summary's chart moves", () => {
  it("compares each new chart with the one before it: entries, exits and moves", async () => {
    await write("2025-01-12T00:00:00.000Z", ["Lemon8", "TikTok", "CapCut"]);
    const second = await write("2025-01-13T00:00:00.000Z", ["RedNote", "Lemon8", "TikTok"]);
    const md = await chartMovesMarkdown(summary([second.path]));
    expect(md).toContain("## What moved in the charts");
    expect(md).toMatch(/\| new \| #1 \| RedNote/);
    expect(md).toMatch(/\| out \| was #3 \| CapCut/);
    expect(md).toMatch(/#1 → #2 \| Lemon8/);
  });

  it("says nothing for a first snapshot or an unchanged chart", async () => {
    const first = await write("2025-01-12T00:00:00.000Z", ["Lemon8", "TikTok"]);
    expect(await chartMovesMarkdown(summary([first.path]))).toBe("");
    expect(await chartMovesMarkdown(summary([first.path], "unchanged"))).toBe("");
  });
});
