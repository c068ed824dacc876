/**
 * deriveRankings over a real store: a small fixture written with openStore into a temp directory
 * and read back month by month as chart folds, as src/data/outputs/rankings.ts does.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChartSnapshotRow, EventRow, ReportedObservationRow, TrackedAppRow } from "../../loaders/schema.ts";
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readManifest, readManifestIndex } from "../../loaders/store/manifest.ts";
import { readAll, resourcesToRead, storedFileReader } from "../../loaders/store/read.ts";
import { openStore, type Store } from "../../loaders/store/write.ts";
import { deriveRankings } from "../../src/data/derive/rankings.ts";
import { trackedIds } from "../../src/data/derive/chart-summary.ts";
import { chartFold } from "../../src/data/lib/chart-folds.ts";
import { foldFiles } from "../../src/data/lib/fold-files.ts";
import { openSiteStore } from "../../src/data/outputs/site-store.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const APPS: TrackedAppRow[] = [
  { key: "xiaohongshu", name_en: "RedNote (Xiaohongshu)", app_store_id: "741292507", color: "#ff2442", role: "focus" },
  { key: "tiktok", name_en: "TikTok", app_store_id: "835599320", google_play_id: "com.zhiliaoapp.musically", color: "#08837f", role: "focus" },
  { key: "lemon8", name_en: "Lemon8", app_store_id: "1498607143", color: "#758006", role: "focus" },
];

const EVENTS: EventRow[] = [
  { id: "E024", date: "2025-01-18", date_precision: "day", category: "app-stores", title: "ByteDance pulls TikTok", publisher: "Kapwing", url: "https://kapwing.com/blog/x" },
  { id: "E036", date: "2025-02-13", date_precision: "day", category: "app-stores", title: "TikTok is back", publisher: "AFP", url: "https://example.org/back" },
];

const REPORTED: ReportedObservationRow[] = [
  { id: "O001", date: "2025-01-13", date_precision: "day", platform: "app-store", country: "us", subject: "xiaohongshu", metric: "rank-top-free", value: 1, qualifier: "exact", publisher: "NBC News", url: "https://example.com/1" },
  { id: "O002", date: "2025-01-16", date_precision: "day", platform: "google-play", country: "us", subject: "tiktok", metric: "rank", value: 7, qualifier: "exact", publisher: "Fox", url: "https://example.com/2" },
  // Not ranks, not a store, or not a tracked app: left out.
  { id: "O003", date: "2025-01-14", date_precision: "day", platform: "xiaohongshu", subject: "#tiktokrefugee", metric: "views", value: 25_000_000, qualifier: "at-least", publisher: "Bloomberg", url: "https://example.com/3" },
  { id: "O004", date: "2025-01-26", date_precision: "day", platform: "app-store", country: "us", subject: "deepseek", metric: "rank", value: 1, qualifier: "exact", publisher: "TechCrunch", url: "https://example.com/4" },
  { id: "O005", date: "2025-01-15", date_precision: "day", platform: "app-store", country: "us", subject: "lemon8", metric: "rank-category", value: 1, qualifier: "exact", publisher: "Peeping Owl", url: "https://example.com/5" },
];

/** A whole chart: the tracked apps at the given ranks, filler apps everywhere else. */
function chart(at: string, ranks: Record<string, number>, size = 10, country = "us"): ChartSnapshotRow[] {
  const byRank = new Map(Object.entries(ranks).map(([id, rank]) => [rank, id]));
  return Array.from({ length: size }, (_, i) => {
    const id = byRank.get(i + 1) ?? String(9_000_000 + i);
    return { store: "app-store", country, chart: "top-free", rank: i + 1, app_id: id, name: id.startsWith("9") ? `Filler app ${i + 1}` : `Tracked ${id}`, retrieved_at: at };
  });
}

async function writeChart(store: Store, at: string, ranks: Record<string, number>, size?: number, country = "us") {
  return store.write({
    dataset: "chart_snapshots",
    source: "apple-charts",
    scope: `${country}-top-free`,
    retrievedAt: at,
    rows: chart(at, ranks, size, country),
    sources: [{ title: `Apple App Store Top Free Apps, ${country.toUpperCase()}`, path: `https://rss.marketingtools.apple.com/api/v2/${country}/apps/top-free/100/apps.json` }],
  });
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ path: dir, cleanup } = await tempDir("rankings-")));
afterEach(async () => cleanup());

async function fixtureStore(): Promise<void> {
  const store = await openStore(dir, { log: () => {} });
  try {
    await store.write({ dataset: "tracked_apps", source: "editorial", scope: "apps", retrievedAt: "2025-01-01T00:00:00.000Z", rows: APPS, sources: [] });
    await store.write({ dataset: "events", source: "editorial", scope: "story", retrievedAt: "2025-01-01T00:00:00.000Z", rows: EVENTS, sources: [] });
    await store.write({ dataset: "reported", source: "editorial", scope: "story", retrievedAt: "2025-01-01T00:00:00.000Z", rows: REPORTED, sources: [] });
    // Jan 1: two snapshots; the later one counts (RedNote #3, TikTok out of the chart).
    await writeChart(store, "2026-01-01T06:00:00.000Z", { "741292507": 5, "835599320": 10 });
    await writeChart(store, "2026-01-01T18:00:00.000Z", { "741292507": 3 }, 12);
    // Jan 2 just after midnight UTC: a new day.
    await writeChart(store, "2026-01-02T00:30:00.000Z", { "741292507": 2, "835599320": 7 });
    // Jan 3: the same chart again, recorded as "confirmed", not stored twice; still a day of data.
    expect((await writeChart(store, "2026-01-03T12:00:00.000Z", { "741292507": 2, "835599320": 7 })).status).toBe("unchanged");
    // Jan 5 (Jan 4 not measured). Another country, with no tracked app in its chart.
    await writeChart(store, "2026-01-05T09:00:00.000Z", { "835599320": 1 });
    await writeChart(store, "2026-01-05T09:00:01.000Z", {}, 10, "gb");
  } finally {
    await store.close();
  }
}

/** The chart snapshots' months as the build reads them, each segment opened only when asked for. */
const chartMonths = () => openSiteStore(dir, join(dir, ".cache")).segments("chart_snapshots");

const derive = async (asOf: string | null = "2025-01-01T00:00:00.000Z") => {
  const apps = await readAll(dir, "tracked_apps");
  return deriveRankings({
    charts: await chartFold(dir, await chartMonths(), apps, join(dir, ".cache")),
    reported: await readAll(dir, "reported"),
    events: await readAll(dir, "events"),
    apps,
    asOf,
  });
};

describe("deriveRankings over a store", () => {
  it("keeps one point per UTC day (the day's last snapshot), null when the app was not in it", async () => {
    await fixtureStore();
    const data = await derive();
    const us = data.measured.find((m) => m.country === "us")!;
    expect(us).toMatchObject({ store: "app-store", chart: "top-free", url: "https://rss.marketingtools.apple.com/api/v2/us/apps/top-free/100/apps.json" });
    expect(us.days).toEqual(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-05"]);
    expect(us.sizes).toEqual([12, 10, 10, 10]);
    expect(us.ranks).toEqual({ xiaohongshu: [3, 2, 2, null], tiktok: [null, 7, 7, 1] });
    // An app never in the chart has no series at all.
    expect(us.ranks).not.toHaveProperty("lemon8");
    const gb = data.measured.find((m) => m.country === "gb")!;
    expect(gb.days).toEqual(["2026-01-05"]);
    expect(gb.ranks).toEqual({});
    expect(data.measuredAsOf).toBe("2026-01-05T09:00:01.000Z");
    expect(data.asOf).toBe("2026-01-05T09:00:01.000Z");
  });

  it("ships no raw chart: no untracked app, no app names from the feed", async () => {
    await fixtureStore();
    const json = JSON.stringify(await derive());
    expect(json).not.toContain("Filler app");
    expect(json).not.toContain("Tracked ");
    expect(json).not.toContain("9000000");
  });

  it("keeps reported ranks of tracked apps in the stores, dates the store absence from the events, and lists the countries", async () => {
    await fixtureStore();
    const data = await derive();
    expect(data.reported.map((r) => [r.id, r.app, r.store, r.chart])).toEqual([
      ["O001", "xiaohongshu", "app-store", "top-free"],
      ["O002", "tiktok", "google-play", "unnamed"],
    ]);
    expect(data.absences).toHaveLength(1);
    expect(data.absences[0]).toMatchObject({
      apps: ["tiktok", "lemon8"],
      country: "us",
      start: "2025-01-18",
      end: "2025-02-13",
      removed: { id: "E024", url: "https://kapwing.com/blog/x" },
      returned: { id: "E036", publisher: "AFP" },
    });
    expect(data.countries).toEqual(["us", "gb"]);
    expect(data.apps.find((a) => a.key === "xiaohongshu")?.name).toBe("RedNote");
  });

  it("reads each month once: later runs take its fold from the cache, and a broken cache is rebuilt", async () => {
    await fixtureStore();
    const first = await derive();
    const folder = join(dir, ".cache", (await readdir(join(dir, ".cache")))[0]!);
    // Every stored file unreadable: only the cache can answer.
    const { resources } = await readManifest(dir);
    const charts = resources.filter((r) => r.dataset === "chart_snapshots").map((r) => join(dir, r.path));
    for (const path of charts) await rename(path, `${path}.away`);
    expect(await derive()).toEqual(first);
    for (const path of charts) await rename(`${path}.away`, path);
    const entries = await readdir(folder);
    for (const entry of entries) await writeFile(join(folder, entry), '{"cut short');
    expect(await derive()).toEqual(first);
    for (const entry of entries) expect(JSON.parse(await readFile(join(folder, entry), "utf8"))).toBeTypeOf("object");
  });

  it("after a new day in the newest month, reads that day's files only", async () => {
    await fixtureStore();
    await derive();
    const before = (await readManifest(dir)).resources.filter((r) => r.dataset === "chart_snapshots").map((r) => join(dir, r.path));
    const store = await openStore(dir, { log: () => {} });
    try {
      await writeChart(store, "2026-01-06T09:00:00.000Z", { "741292507": 4 });
    } finally {
      await store.close();
    }
    // The days before are kept folded: their files are not needed.
    for (const path of before) await rename(path, `${path}.away`);
    const us = (await derive()).measured.find((m) => m.country === "us")!;
    expect(us.days).toEqual(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-05", "2026-01-06"]);
    expect(us.ranks.xiaohongshu).toEqual([3, 2, 2, null, 4]);
  });

  it("folds the months the manifest's index names as one pass over the files, and opens no segment of a month whose fold is kept", async () => {
    await fixtureStore();
    const index = await readManifestIndex(dir);
    const apps = await readAll(dir, "tracked_apps");
    const months = await chartMonths();
    const viaIndex = () => chartFold(dir, months, apps, join(dir, ".cache-index"));
    const folded = await viaIndex();
    expect(folded).toEqual(await foldFiles(dir, resourcesToRead((await readManifest(dir)).resources, "chart_snapshots"), trackedIds(apps), storedFileReader()));
    const segments = index.segments.filter((s) => s.dataset === "chart_snapshots").map((s) => join(dir, s.path));
    expect(segments).toHaveLength(1);
    for (const path of segments) await rename(path, `${path}.away`);
    expect(await viaIndex()).toEqual(folded);
    for (const path of segments) await rename(`${path}.away`, path);
  });

  it("folds month by month as in one pass, and names a damaged file", async () => {
    const store = await openStore(dir, { log: () => {} });
    try {
      await store.write({ dataset: "tracked_apps", source: "editorial", scope: "apps", retrievedAt: "2025-01-01T00:00:00.000Z", rows: APPS, sources: [] });
      // Six months, two snapshots each.
      for (let month = 1; month <= 6; month++) {
        for (const [day, rank] of [[3, month], [17, month + 10]] as const) {
          await writeChart(store, `2025-0${month}-${String(day).padStart(2, "0")}T12:00:00.000Z`, { "741292507": rank, "835599320": 20 - rank }, 30);
        }
      }
    } finally {
      await store.close();
    }
    const { resources } = await readManifest(dir);
    const apps = await readAll(dir, "tracked_apps");
    const inOnePass = await foldFiles(dir, resourcesToRead(resources, "chart_snapshots"), trackedIds(apps), storedFileReader());
    expect(await chartFold(dir, await chartMonths(), apps, join(dir, ".cache"))).toEqual(inOnePass);

    // A cell its schema refuses in February.
    const february = resources.find((r) => r.retrieved === "2025-02-17T12:00:00.000Z")!;
    const text = await readFile(join(dir, february.path), "utf8");
    await writeFile(join(dir, february.path), text.replace(",3,", ",x,"));
    await expect(chartFold(dir, await chartMonths(), apps, join(dir, ".cache-2"))).rejects.toThrow(`${join(dir, february.path)}:line 4: rank`);
  });

  it("works on an empty store: nothing measured, nothing reported, no absence without its events", async () => {
    const data = await derive(null);
    expect(data).toEqual({ asOf: null, measuredAsOf: null, apps: [], countries: [], measured: [], reported: [], absences: [] });
  });
});
