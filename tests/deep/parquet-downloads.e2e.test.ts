/**
 * The downloads as an analyst uses them: a chart feed made up for this run (so no earlier build
 * has seen it), served on 127.0.0.1, is refreshed into a copy of the committed data; the site is
 * built from that copy; the Parquet files the built Data page links are saved under their download
 * names; DuckDB then finds that snapshot's rows with their ranks, and the one-line query the Data
 * page shows, run exactly as printed, gives the tracked app's best rank.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { randomInt } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/config.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { chartFeed, type Feed } from "../helpers/apple-fixtures.ts";
import { buildSiteFrom } from "../helpers/build-from.ts";
import { sendJson, startServer, type LocalServer } from "../helpers/local-server.ts";
import { runTsx } from "../helpers/run-tsx.ts";

const REDNOTE = "741292507";
const REDNOTE_RANK = 3;

/** A top-free feed of 25 apps nobody has seen, RedNote at REDNOTE_RANK, one name hostile. */
function unseenFeed(): Feed {
  const feed = chartFeed("top-free");
  const run = randomInt(1e6, 9e6);
  feed.feed.results = Array.from({ length: 25 }, (_, i) =>
    i + 1 === REDNOTE_RANK
      ? { ...feed.feed.results[0]!, id: REDNOTE, name: "RedNote", artistName: "Xingin" }
      : { ...feed.feed.results[0]!, id: `${run}${String(i).padStart(3, "0")}`, name: i === 4 ? `=HYPERLINK("x")\n"Ünseen", 小红书 ${run}` : `Unseen ${run} #${i + 1}`, artistName: `Maker ${i}` },
  );
  return feed;
}

let tmp: string;
let server: LocalServer;
let db: DuckDBConnection;
const feed = unseenFeed();
let snapshotTime: string;
let page: Document;
let downloads: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "rednote-parquet-"));
  const dataDir = join(tmp, "data");
  await cp(join(PROJECT_ROOT, "data"), dataDir, { recursive: true });
  server = await startServer((req, res) => (req.url?.endsWith("/us/apps/top-free/100/apps.json") ? sendJson(res, feed) : sendJson(res, { error: "not served here" }, 404)));
  const refresh = await runTsx("bin/refresh.ts", ["--source", "apple-charts", "--country", "us", "--base-url", `apple-charts=${server.url}`, "--data-dir", dataDir]);
  // top-paid is not served: that scope fails (exit 1) and top-free is stored.
  expect(refresh.stdout + refresh.stderr).toMatch(/us-top-free\s.*new/);
  const stored = (await readManifest(dataDir)).resources.filter((r) => r.dataset === "chart_snapshots");
  expect(stored).toHaveLength(1);
  snapshotTime = stored[0]!.retrieved;

  const site = join(tmp, "site");
  buildSiteFrom(dataDir, site);
  page = parseHTML(await readFile(join(site, "data.html"), "utf8")).document as unknown as Document;
  // Saved as a reader's browser saves them: under the link's download name, into one folder.
  downloads = join(tmp, "downloads");
  await mkdir(downloads);
  for (const a of page.querySelectorAll<HTMLAnchorElement>("a.download-parquet")) {
    await cp(join(site, a.getAttribute("href")!), join(downloads, a.getAttribute("download")!));
  }
  db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run("SET TimeZone = 'UTC'");
  await db.run(`SET file_search_path = '${downloads}'`);
}, 300_000);

afterAll(async () => {
  db?.closeSync();
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe("Parquet downloads of a site built from a refresh", () => {
  it("hold the new snapshot's rows with their ranks, read by DuckDB from the built files", async () => {
    const links = [...page.querySelectorAll("a.download-parquet")].map((a) => a.getAttribute("download"));
    expect(links).toContain(`rednote-tracker-chart_snapshots-${snapshotTime.slice(0, 4)}.parquet`);
    const rows = (
      await db.runAndReadAll(
        `SELECT rank, app_id, name FROM 'rednote-tracker-chart_snapshots-*.parquet' WHERE store = 'app-store' AND country = 'us' AND chart = 'top-free' AND retrieved_at = '${snapshotTime}'::TIMESTAMPTZ ORDER BY rank`,
      )
    ).getRowObjectsJS();
    expect(rows).toEqual(feed.feed.results.map((e, i) => ({ rank: BigInt(i + 1), app_id: e.id, name: e.name })));
  });

  it("answer the Data page's query, run exactly as the page prints it", async () => {
    const query = page.querySelector("pre.reader-query code")?.textContent ?? "";
    expect(query).toMatch(/^SELECT .* FROM 'rednote-tracker-chart_snapshots-\*\.parquet' .*;$/);
    expect(query).not.toContain("\n");
    const result = (await db.runAndReadAll(query)).getRowObjectsJS();
    expect(result).toEqual([{ store: "app-store", country: "us", chart: "top-free", best_rank: BigInt(REDNOTE_RANK), first_seen: expect.any(Date) }]);
    expect((result[0]!.first_seen as Date).toISOString()).toBe(snapshotTime);
  });
});
