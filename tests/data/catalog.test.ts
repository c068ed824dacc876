/**
 * The Data page's catalogue and downloads, on a store built for the test: every dataset listed
 * (empty ones too), rows as a reader reads them, versions newest first with re-observations, and
 * the download files (CSV and Parquet per dataset; for a time series a CSV file per month and a
 * Parquet file per year; and the
 * manifest) exactly as described.
 */
import { createHash } from "node:crypto";
import { appendFile, cp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import Papa from "papaparse";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DATASETS, type DatasetName, type EventRow } from "../../loaders/schema.ts";
import { emptyManifest, readManifest } from "../../loaders/store/manifest.ts";
import { writeSnapshot } from "../../loaders/store/write.ts";
import { citationText, datasetSection, rowsText } from "../../src/components/data-catalog.ts";
import { deriveCatalog } from "../../src/data/derive/catalog.ts";
import type { CatalogDataset } from "../../src/data/derive/catalog-types.ts";
import { encodeRows } from "../../loaders/csv.ts";
import { readAll } from "../../loaders/store/read.ts";
import { downloadParts, packageText, writePartCsv, type DownloadPart } from "../../loaders/store/export.ts";
import { downloadsOf, writeDownloads } from "../../src/data/outputs/downloads.ts";
import { openSiteStore } from "../../src/data/outputs/site-store.ts";
import { datasetStates } from "../../src/data/lib/store-summaries.ts";
import { runTsx } from "../helpers/run-tsx.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const quiet = { log: () => {} };
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const event = (id: string, title: string): EventRow => ({
  id,
  date: "2025-01-18",
  date_precision: "day",
  category: "tiktok",
  title,
  publisher: "Example News",
  url: "https://example.com/story",
});
const chart = (at: string, names: string[]) =>
  names.map((name, i) => ({ store: "app-store" as const, country: "us", chart: "top-free" as const, rank: i + 1, app_id: String(100 + i), name, retrieved_at: at }));

let dir: string;
let cleanup: () => Promise<void>;

/** A download's CSV as the loader writes it, with the facts the catalog states. */
async function partCsv(from: string, part: DownloadPart) {
  const chunks: Buffer[] = [];
  const facts = await writePartCsv(from, part, (chunk) => void chunks.push(Buffer.from(chunk)));
  return { text: Buffer.concat(chunks).toString("utf8"), ...facts };
}

const partsOf = async (from: string, dataset: DatasetName, by: "month" | "year" = "month") => downloadParts(await readManifest(from), dataset, by);

/** events: v1, then v2 (a correction), then v2 seen again; chart_snapshots: two fetches. */
async function buildStore(): Promise<void> {
  const events = (at: string, rows: EventRow[]) =>
    writeSnapshot(dir, { dataset: "events", source: "editorial", scope: "story", retrievedAt: at, rows, sources: [{ title: "t", path: "https://example.com/" }] }, quiet);
  await events("2025-02-01T10:00:00.000Z", [event("E001", "TikTok goes dark")]);
  await events("2025-02-02T10:00:00.000Z", [event("E001", "TikTok goes dark in the US"), event("E002", "TikTok is back")]);
  expect((await events("2025-02-03T10:00:00.000Z", [event("E001", "TikTok goes dark in the US"), event("E002", "TikTok is back")])).status).toBe("unchanged");
  for (const [at, names] of [
    ["2025-01-14T12:00:00.000Z", ["RedNote", "Lemon8"]],
    ["2025-01-15T12:00:00.000Z", ["RedNote", "Lemon8", "TikTok"]],
  ] as const) {
    await writeSnapshot(dir, { dataset: "chart_snapshots", source: "apple-charts", scope: "us-top-free", retrievedAt: at, rows: chart(at, [...names]), sources: [{ title: "feed", path: "http://127.0.0.1/feed" }] }, quiet);
  }
}

async function catalogOf(limit?: number) {
  const store = openSiteStore(dir, join(dir, ".cache"));
  return deriveCatalog(await datasetStates(store), emptyManifest().licenses, await downloadsOf(store), limit);
}

beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir("catalog-"));
  await buildStore();
});
afterEach(async () => cleanup());

describe("deriveCatalog", () => {
  it("lists every dataset of the schema in order, the empty ones with no rows and no update", async () => {
    const catalog = await catalogOf();
    expect(catalog.datasets.map((d) => d.name)).toEqual(Object.keys(DATASETS));
    const pageviews = catalog.datasets.find((d) => d.name === "pageviews")!;
    expect(pageviews).toMatchObject({ kind: "measured", files: 0, rows: 0, lastUpdate: null, versions: [], olderVersions: 0 });
    expect(pageviews.columns.map((c) => c.name)).toEqual(["project", "article", "date", "views", "retrieved_at"]);
    expect(pageviews.columns.find((c) => c.name === "views")).toMatchObject({ type: "integer", required: true });
    expect(rowsText(pageviews)).toBe("no snapshots yet");
  });

  it("counts an editorial dataset's rows from its newest version and keeps the old one, marked superseded", async () => {
    const events = (await catalogOf()).datasets.find((d) => d.name === "events")!;
    expect(events).toMatchObject({ reading: "latest", files: 2, currentFiles: 1, scopes: 1, rows: 2 });
    expect(events.versions.map((v) => [v.retrieved, v.current, v.rows])).toEqual([
      ["2025-02-02T10:00:00.000Z", true, 2],
      ["2025-02-01T10:00:00.000Z", false, 1],
    ]);
    // Seen again, unchanged: the re-observation is the dataset's last update.
    expect(events.versions[0]!.confirmed).toEqual(["2025-02-03T10:00:00.000Z"]);
    expect(events.lastUpdate).toBe("2025-02-03T10:00:00.000Z");
    for (const v of events.versions) expect(v.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rowsText(events)).toBe("2 rows: the newest version; 1 older version kept on record");
  });

  it("counts a measured dataset's rows over every snapshot, and its download is exactly those rows", async () => {
    const catalog = await catalogOf();
    const charts = catalog.datasets.find((d) => d.name === "chart_snapshots")!;
    expect(charts).toMatchObject({ reading: "append", files: 2, currentFiles: 2, rows: 5 });
    expect(rowsText(charts)).toBe("5 rows: every row of all 2 snapshots");
    const [part] = await partsOf(dir, "chart_snapshots");
    const { text } = await partCsv(dir, part!);
    expect(charts.downloads.map((d) => [d.path, d.file, d.period, d.rows])).toEqual([
      ["data/parquet/chart_snapshots-2025.parquet", "rednote-tracker-chart_snapshots-2025.parquet", "2025", 5],
      ["data/csv/chart_snapshots-2025-01.csv", "rednote-tracker-chart_snapshots-2025-01.csv", "2025-01", 5],
    ]);
    expect(charts.downloads[1]).toMatchObject({ bytes: Buffer.byteLength(text), sha256: sha256(text) });
    expect(Papa.parse(text, { header: true, skipEmptyLines: true }).data).toHaveLength(5);
    expect(catalog.asOf).toBe("2025-02-03T10:00:00.000Z");
    expect(catalog.package).toMatchObject({ files: 4 });
  });

  it("lists at most `limit` versions, newest first, and counts the rest", async () => {
    const events = (await catalogOf(1)).datasets.find((d) => d.name === "events")!;
    expect(events.versions).toHaveLength(1);
    expect(events.versions[0]!.current).toBe(true);
    expect(events.olderVersions).toBe(1);
  });

  it("makes the single current file's CSV byte-identical to the stored file", async () => {
    const catalog = await catalogOf();
    const events = catalog.datasets.find((d) => d.name === "events")!;
    const stored = await readFile(join(dir, events.versions[0]!.path));
    expect(events.downloads[1]).toMatchObject({ file: "rednote-tracker-events.csv", period: null, sha256: events.versions[0]!.sha256 });
    expect(sha256(stored)).toBe(events.downloads[1]!.sha256);
  });
});

describe("download files", () => {
  it("emits an empty data package for an empty store", async () => {
    const empty = await tempDir("catalog-empty-");
    try {
      const downloads = await downloadsOf(openSiteStore(empty.path, join(empty.path, ".cache")));
      expect(JSON.parse(packageText(emptyManifest(), downloads))).toMatchObject({ profile: "data-package", resources: [] });
    } finally {
      await empty.cleanup();
    }
  });

  it("streams each download's CSV file by file, exactly as encoding all its rows at once would", async () => {
    for (const name of Object.keys(DATASETS) as DatasetName[]) {
      const all = await readAll(dir, name);
      const parts = await partsOf(dir, name);
      expect(parts.length, name).toBe(all.length === 0 ? 0 : 1);
      for (const part of parts) {
        const { text, rows, bytes } = await partCsv(dir, part);
        expect(text).toBe(encodeRows(name, all));
        expect([rows, bytes]).toEqual([all.length, Buffer.byteLength(text)]);
      }
    }
  });

  it("cuts a time series into a CSV download per UTC month and a Parquet one per UTC year of retrieval, and lists every download in datapackage.json", async () => {
    for (const [at, names] of [["2025-03-01T00:00:00.000Z", ["RedNote"]], ["2026-01-01T00:00:00.000Z", ["Lemon8"]]] as const) {
      await writeSnapshot(dir, { dataset: "chart_snapshots", source: "apple-charts", scope: "us-top-free", retrievedAt: at, rows: chart(at, [...names]), sources: [{ title: "feed", path: "http://127.0.0.1/feed" }] }, quiet);
    }
    const parts = await partsOf(dir, "chart_snapshots");
    expect(parts.map((p) => [p.name, p.period, p.resources.length])).toEqual([["chart_snapshots-2025-01", "2025-01", 2], ["chart_snapshots-2025-03", "2025-03", 1], ["chart_snapshots-2026-01", "2026-01", 1]]);
    expect((await partsOf(dir, "chart_snapshots", "year")).map((p) => [p.name, p.period, p.resources.length])).toEqual([["chart_snapshots-2025", "2025", 3], ["chart_snapshots-2026", "2026", 1]]);
    expect((await partCsv(dir, parts[2]!)).text).toBe(encodeRows("chart_snapshots", chart("2026-01-01T00:00:00.000Z", ["Lemon8"])));
    const downloads = await downloadsOf(openSiteStore(dir, join(dir, ".cache")));
    const listed = JSON.parse(packageText(emptyManifest(), downloads)).resources as { path: string; bytes: number; hash: string; format: string }[];
    expect(listed.map((d) => d.path)).toEqual(downloads.map((d) => d.file));
    expect(listed.map((d) => d.path)).toContain("rednote-tracker-chart_snapshots-2026.parquet");
    for (const [i, d] of listed.entries()) expect([d.bytes, d.hash]).toEqual([downloads[i]!.bytes, `sha256:${downloads[i]!.sha256}`]);
  });

  it("gives the same downloads and catalog from a store still in the old single-file manifest", async () => {
    const old = await tempDir("catalog-single-file-");
    try {
      await cp(dir, old.path, { recursive: true });
      await rm(join(old.path, "manifest"), { recursive: true });
      await writeFile(join(old.path, "datapackage.json"), JSON.stringify(await readManifest(dir), null, 1) + "\n");
      const of = async (root: string) => {
        const store = openSiteStore(root, join(root, ".cache-single"));
        const downloads = await downloadsOf(store);
        return { downloads, catalog: deriveCatalog(await datasetStates(store), emptyManifest().licenses, downloads) };
      };
      // Cut and named as its next write will store it, so what is kept of it stays kept.
      const named = async (root: string) => (await openSiteStore(root, join(root, ".cache-single")).segments()).map((s) => [s.dataset, s.month, s.hash]);
      expect(await named(old.path)).toEqual(await named(dir));
      const [segmented, single] = [await of(dir), await of(old.path)];
      expect(single.downloads.length).toBeGreaterThan(0);
      expect(single).toEqual(segmented);
    } finally {
      await old.cleanup();
    }
  });

  it("keeps each download for the next build, which writes anew only the months and years with new files", async () => {
    const cache = join(dir, ".cache");
    const first = join(dir, "site-1");
    const second = join(dir, "site-2");
    await writeDownloads(openSiteStore(dir, cache), first);
    await writeSnapshot(dir, { dataset: "chart_snapshots", source: "apple-charts", scope: "us-top-free", retrievedAt: "2026-01-01T00:00:00.000Z", rows: chart("2026-01-01T00:00:00.000Z", ["Lemon8"]), sources: [{ title: "feed", path: "http://127.0.0.1/feed" }] }, quiet);
    await writeDownloads(openSiteStore(dir, cache), second);
    const inode = async (root: string, path: string) => (await stat(join(root, path))).ino;
    // The same files, linked from the cache twice; the new year's are new.
    for (const path of ["data/csv/chart_snapshots-2025-01.csv", "data/parquet/chart_snapshots-2025.parquet", "data/csv/events.csv", "data/parquet/events.parquet"]) {
      expect(await inode(second, path), path).toBe(await inode(first, path));
    }
    // A CSV and a Parquet file for each of the three parts, and each month's Parquet file that its
    // year's is joined from (kept, not published), each with its facts.
    const kept = await readdir(join(cache, "downloads"));
    expect(kept.length).toBe(18);
    expect(kept.filter((name) => name.endsWith(".month.parquet"))).toHaveLength(3);
    expect(await downloadsOf(openSiteStore(dir, cache))).toEqual(await downloadsOf(openSiteStore(dir, join(dir, ".cache-none"))));
  });

  it("refuses a stored file changed after it was written, naming it", async () => {
    const manifest = await readManifest(dir);
    const file = manifest.resources.find((r) => r.dataset === "chart_snapshots")!;
    await appendFile(join(dir, file.path), "app-store,us,top-free,9,999,Injected,,,2025-01-15T12:00:00.000Z\n");
    await expect(partCsv(dir, (await partsOf(dir, "chart_snapshots"))[0]!)).rejects.toThrow(`${join(dir, file.path)} does not match its sha256 in the manifest`);
  });

  it("runs the parameterized CSV loader as Framework does (--name=PART) and refuses an unknown name", async () => {
    const run = await runTsx("src/data/csv/[name].csv.ts", ["--name=events"], { TRACKER_DATA_DIR: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe((await partCsv(dir, (await partsOf(dir, "events"))[0]!)).text);
    const unknown = await runTsx("src/data/csv/[name].csv.ts", ["--name=../../etc/passwd"], { TRACKER_DATA_DIR: dir });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('data/csv/../../etc/passwd.csv: no download named "../../etc/passwd": the store has chart_snapshots-2025-01, events.');
  });
});

describe("dataset section", () => {
  const doc = () => parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
  const base: CatalogDataset = {
    name: "reported",
    title: "Reported numbers",
    description: "Numbers others published.",
    kind: "reported",
    reading: "latest",
    files: 1,
    currentFiles: 1,
    scopes: 1,
    rows: 3,
    lastUpdate: "2026-11-25T11:26:11.157Z",
    downloads: [
      { path: "data/parquet/reported.parquet", file: "rednote-tracker-reported.parquet", format: "parquet", period: null, rows: 3, bytes: 900, sha256: "c".repeat(64) },
      { path: "data/csv/reported.csv", file: "rednote-tracker-reported.csv", format: "csv", period: null, rows: 3, bytes: 1200, sha256: "a".repeat(64) },
    ],
    columns: [{ name: "id", type: "string", required: true, description: "<b>Stable</b> id" }],
    versions: [{ path: "reported/editorial/story/x.csv", source: "editorial", scope: "story", retrieved: "2026-11-25T11:26:11.157Z", confirmed: ["2026-11-26T08:00:00.000Z"], rows: 3, bytes: 1200, sha256: "a".repeat(64), current: true }],
    olderVersions: 0,
  };

  it("shows rows, sha256, the download, a citation with the page's own address, columns and versions", () => {
    const section = datasetSection(doc(), base, { href: (path) => `./_file/${path}`, pageUrl: "https://tracker.example/data" });
    expect(section.id).toBe("reported");
    expect(section.querySelector(".rows")?.textContent).toBe("3 rows: the newest version");
    expect(section.querySelector("a.download-csv")?.getAttribute("href")).toBe("./_file/data/csv/reported.csv");
    expect(section.querySelector("a.download-csv")?.getAttribute("download")).toBe("rednote-tracker-reported.csv");
    expect(section.querySelector("a.download-csv")?.parentElement?.textContent).toBe("rednote-tracker-reported.csv (CSV, 3 rows, 1.2 kB; the same bytes as the current stored file)");
    expect(section.querySelector("a.download-parquet")?.parentElement?.textContent).toBe("rednote-tracker-reported.parquet (Parquet, 3 rows, 900 bytes)");
    expect([...section.querySelectorAll("code.sha256")].map((c) => c.textContent)).toEqual(["c".repeat(64), "a".repeat(64), "a".repeat(64)]);
    expect(section.querySelector(".citation-text")?.textContent).toBe("RedNote Tracker (2026). Reported numbers, version of Nov 25, 2026. https://tracker.example/data#reported");
    expect(section.querySelector(".seen-again")?.textContent).toBe("Seen again, unchanged, on Nov 26, 2026, 08:00 UTC.");
    expect(section.querySelectorAll("li.version")).toHaveLength(1);
    expect(section.querySelector("details.versions")?.hasAttribute("open")).toBe(true);
    // Strings from the data stay text.
    expect(section.querySelector("b")).toBeNull();
    expect(section.querySelector("dl.column-list dd")?.textContent).toBe("<b>Stable</b> id");
  });

  it("says 'no snapshots yet' for an empty measured dataset and offers nothing to download or cite", () => {
    const empty: CatalogDataset = { ...base, name: "pageviews", kind: "measured", reading: "append", files: 0, currentFiles: 0, scopes: 0, rows: 0, lastUpdate: null, downloads: [], versions: [] };
    const section = datasetSection(doc(), empty, { href: (path) => `./${path}`, pageUrl: "https://tracker.example/data" });
    expect(section.querySelector(".rows")?.textContent).toBe("no snapshots yet");
    expect(section.querySelector(".last-update")?.textContent).toBe("no snapshots yet");
    expect(section.querySelector("a.download-csv")).toBeNull();
    expect(section.querySelector(".citation")).toBeNull();
    expect(section.querySelector(".empty")?.textContent).toMatch(/No snapshots yet/);
    expect(citationText(empty, "x")).toBeNull();
  });

  it("folds a time series' CSV files, a month each, under one line that counts them, and keeps its Parquet files in view", () => {
    const month = (m: number) => ({ path: `data/csv/chart_snapshots-2025-${String(m).padStart(2, "0")}.csv`, file: `rednote-tracker-chart_snapshots-2025-${String(m).padStart(2, "0")}.csv`, format: "csv" as const, period: `2025-${String(m).padStart(2, "0")}`, rows: 10, bytes: 1200, sha256: "b".repeat(64) });
    const series: CatalogDataset = {
      ...base,
      name: "chart_snapshots",
      kind: "measured",
      reading: "append",
      downloads: [{ path: "data/parquet/chart_snapshots-2025.parquet", file: "rednote-tracker-chart_snapshots-2025.parquet", format: "parquet", period: "2025", rows: 120, bytes: 900, sha256: "c".repeat(64) }, ...Array.from({ length: 12 }, (_, i) => month(i + 1))],
    };
    const section = datasetSection(doc(), series, { href: (path) => `./${path}`, pageUrl: "https://tracker.example/data" });
    expect(section.querySelector("a.download-parquet")?.closest("details")).toBeNull();
    expect(section.querySelector("a.download-parquet")?.parentElement?.textContent).toBe("rednote-tracker-chart_snapshots-2025.parquet (Parquet, fetched in 2025, 120 rows, 900 bytes)");
    expect(section.querySelector("details.csv-files summary")?.textContent).toBe("CSV, a file per month (12 files, 14.4 kB)");
    expect(section.querySelectorAll("details.csv-files a.download-csv")).toHaveLength(12);
    expect(section.querySelector("details.csv-files a.download-csv")?.parentElement?.textContent).toBe("rednote-tracker-chart_snapshots-2025-01.csv (CSV, fetched in January 2025, 10 rows, 1.2 kB)");
  });

  it("folds a long version list and says where the unlisted versions are", () => {
    const many: CatalogDataset = { ...base, files: 80, versions: Array.from({ length: 5 }, (_, i) => ({ ...base.versions[0]!, path: `p${i}`, current: i === 0 })), olderVersions: 75 };
    const section = datasetSection(doc(), many, { href: undefined, pageUrl: "https://tracker.example/data" });
    expect(section.querySelector("details.versions")?.hasAttribute("open")).toBe(false);
    expect(section.querySelector("details.versions summary")?.textContent).toBe("Versions (80)");
    expect(section.querySelector(".older")?.textContent).toMatch(/^75 older versions not listed here/);
    expect(section.querySelector("a.download-csv")).toBeNull();
  });
});
