/**
 * data/apps/ from a real store: two storefronts, a day with no US snapshot, a later snapshot of a
 * day replacing an earlier one, a renamed app, a hostile name kept as it is, and reported rows for
 * a tracked app kept apart; each point's snapshot file and sha256 in its chart-year's file. The
 * committed data (no chart yet) gives an empty index.
 */
import { rename } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/config.ts";
import type { ChartSnapshotRow, ReportedObservationRow } from "../../loaders/schema.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { openStore, type AnySnapshotInput } from "../../loaders/store/write.ts";
import { fromColumns } from "../../src/components/app-columns.ts";
import type { AppsHistory, AppsIndex, AppsRanks, AppSummary, ChartYearSnapshots } from "../../src/components/app-types.ts";
import { appStats, appView } from "../../src/components/app-view.ts";
import { historyShard, idBucket, idsPath } from "../../src/components/app-shards.ts";
import { appsCharts, appsData, appsHistoryShards, appsIdsFiles, appsIndex, appsSnapshotFiles } from "../../src/data/outputs/apps.ts";
import { openSiteStore } from "../../src/data/outputs/site-store.ts";
import { TRACKED_APPS } from "../helpers/apple-fixtures.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const HOSTILE = '<img src=x onerror=alert(1)>\u202E=SUM(A1)';
const REDNOTE = "741292507";
const at = (day: string, hour = 12) => `2025-01-${day}T${String(hour).padStart(2, "0")}:00:00.000Z`;

function chart(country: string, time: string, apps: [id: string, name: string][]): AnySnapshotInput {
  const rows: ChartSnapshotRow[] = apps.map(([app_id, name], i) => ({ store: "app-store", country, chart: "top-free", rank: i + 1, app_id, name, developer: `${name} Inc.`, retrieved_at: time }));
  return { dataset: "chart_snapshots", source: "apple-charts", scope: `${country}-top-free`, retrievedAt: time, rows, sources: [{ title: "test", path: "http://127.0.0.1/feed.json" }] };
}

const REPORTED: ReportedObservationRow = {
  id: "O001",
  date: "2025-01-13",
  date_precision: "day",
  platform: "app-store",
  country: "us",
  subject: "xiaohongshu",
  metric: "rank-top-free",
  value: 1,
  qualifier: "exact",
  publisher: "Example News",
  url: "https://example.com/story",
};

describe("the apps files of a store with two storefronts", () => {
  let dir: { path: string; cleanup(): Promise<void> };
  let data: string;
  let index: AppsIndex;
  let apps: AppSummary[];
  let ids: Map<string, AppSummary[]>;
  let history: AppsHistory;
  let shards: Map<string, AppsRanks>;
  let years: Map<string, ChartYearSnapshots>;
  beforeAll(async () => {
    dir = await tempDir("tracker-apps-");
    data = join(dir.path, "data");
    const store = await openStore(data, { log: () => {} });
    const editorial = { source: "editorial", retrievedAt: at("10"), sources: [{ title: "test", path: "http://127.0.0.1/x" }] };
    await store.writeMany([
      { ...editorial, dataset: "tracked_apps", scope: "apps", rows: TRACKED_APPS },
      { ...editorial, dataset: "reported", scope: "ranks", rows: [REPORTED] },
      chart("us", at("13"), [["111", "Alpha"], [REDNOTE, "小红书"]]),
      // Jan 14: an early US snapshot, then a later one the day keeps.
      chart("us", at("14", 6), [["111", "Alpha"], [REDNOTE, "小红书"]]),
      chart("us", at("14", 18), [[REDNOTE, "RedNote"], ["111", "Alpha"], ["999", HOSTILE]]),
      // No US snapshot on Jan 15.
      chart("us", at("16"), [["999", HOSTILE], [REDNOTE, "RedNote"]]),
      chart("gb", at("15"), [[REDNOTE, "RedNote"]]),
    ]);
    await store.close();
    const site = openSiteStore(data, join(dir.path, "cache"));
    index = await appsIndex.read(site);
    apps = (await appsData(site)).apps;
    ids = new Map(await Promise.all(appsIdsFiles.map(async (f) => [f.path, fromColumns(await f.read(site))] as const)));
    shards = new Map(await Promise.all(appsHistoryShards.map(async (f) => [f.path, await f.read(site)] as const)));
    years = new Map(await Promise.all((await appsSnapshotFiles(site)).map(async (f) => [f.path, await f.read(site)] as const)));
    const all = [...shards.values()];
    history = { charts: (await appsCharts.read(site)).charts, apps: Object.assign({}, ...all.map((s) => s.apps)), reported: Object.assign({}, ...all.map((s) => s.reported)) };
  });
  afterAll(async () => dir.cleanup());

  it("lists every app once, most recently seen first, names newest first", () => {
    expect(index).toEqual({ measuredAsOf: at("16"), apps: 3 });
    expect(apps.map((a) => a.id)).toEqual([REDNOTE, "999", "111"]);
    const rednote = { id: REDNOTE, names: ["RedNote", "小红书"], developer: "RedNote Inc.", first: "2025-01-13", last: "2025-01-16", best: 1 };
    expect(apps[0]).toEqual(rednote);
    expect(apps[1]!.names).toEqual([HOSTILE]);
    // Each app is in its id's file, as it is in the index.
    for (const app of apps) expect(ids.get(idsPath(idBucket(app.id)))!.filter((a) => a.id === app.id)).toEqual([app]);
    expect([...ids.values()].flat()).toHaveLength(3);
  });

  it("keeps each chart's last snapshot of a day, names its file and sha256, and leaves the missing day out", () => {
    const view = appView(history, REDNOTE)!;
    const us = view.series.find((s) => s.country === "us")!;
    expect(us.points.map((p) => [p.day, p.rank])).toEqual([
      ["2025-01-13", 2],
      ["2025-01-14", 1],
      ["2025-01-16", 2],
    ]);
    // The US chart's 2025 file lists its three days (Jan 15 has no US snapshot), each a file and its sha256.
    const year = years.get("data/apps/snapshots/app-store-us-top-free-2025.json")!;
    expect(year.path).toHaveLength(3);
    const files = us.points.map((p) => [year.path[p.snapshot]!, year.sha256[p.snapshot]!]);
    for (const [path, sha256] of files) {
      expect(path).toMatch(/^chart_snapshots\/apple-charts\/us-top-free\/2025-01-1\d.+\.csv$/);
      expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(files[1]![0]).toContain("2025-01-14T18-00-00");
    expect(new Set(files.map(([, sha]) => sha)).size).toBe(3);
    expect([...years.keys()].sort()).toEqual(["data/apps/snapshots/app-store-gb-top-free-2025.json", "data/apps/snapshots/app-store-us-top-free-2025.json"]);
    expect(view.series.find((s) => s.country === "gb")!.points.map((p) => p.day)).toEqual(["2025-01-15"]);
    expect(appStats(view.series)).toEqual({ best: 1, first: "2025-01-13", last: "2025-01-16", daysTop10: 4 });
    expect(view.names.map((n) => n.name)).toEqual(["RedNote", "小红书"]);
  });

  it("puts each app's history in the file its id hashes to", () => {
    for (const app of apps) {
      const holders = [...shards].filter(([, s]) => app.id in s.apps).map(([path]) => path);
      expect(holders).toEqual([`data/apps/history-${historyShard(app.id)}.json`]);
    }
    expect(shards.get(`data/apps/history-${historyShard(REDNOTE)}.json`)!.reported[REDNOTE]).toHaveLength(1);
  });

  it("gives a tracked app its reported rows, apart, and others none", () => {
    expect(appView(history, REDNOTE)!.reported.map((r) => [r.id, r.publisher, r.value])).toEqual([["O001", "Example News", 1]]);
    expect(appView(history, "111")!.reported).toEqual([]);
    expect(appView(history, "nope")).toBeUndefined();
  });

  // Last: it adds a day to the store.
  it("after a new day, reads that day's files only (the days before are kept folded)", async () => {
    const before = (await readManifest(data)).resources.filter((r) => r.dataset === "chart_snapshots").map((r) => join(data, r.path));
    const store = await openStore(data, { log: () => {} });
    try {
      await store.write(chart("us", at("17"), [["111", "Alpha"], [REDNOTE, "RedNote"]]));
    } finally {
      await store.close();
    }
    for (const path of before) await rename(path, `${path}.away`);
    try {
      const site = openSiteStore(data, join(dir.path, "cache"));
      const shard = await appsHistoryShards.find((f) => f.path === `data/apps/history-${historyShard(REDNOTE)}.json`)!.read(site);
      const view = appView({ charts: (await appsCharts.read(site)).charts, ...shard }, REDNOTE)!;
      expect(view.series.find((s) => s.country === "us")!.points.map((p) => [p.day, p.rank])).toEqual([
        ["2025-01-13", 2],
        ["2025-01-14", 1],
        ["2025-01-16", 2],
        ["2025-01-17", 2],
      ]);
      expect((await appsIndex.read(site)).measuredAsOf).toBe(at("17"));
    } finally {
      for (const path of before) await rename(`${path}.away`, path);
    }
  });
});

describe("the apps files of the committed data", () => {
  it("hold no app while no chart is stored", async () => {
    const site = openSiteStore(join(PROJECT_ROOT, "data"));
    expect(await appsIndex.read(site)).toEqual({ measuredAsOf: null, apps: 0 });
    expect(await appsCharts.read(site)).toEqual({ measuredAsOf: null, charts: [] });
    expect(await appsSnapshotFiles(site)).toEqual([]);
  });
});
