/**
 * /feed.xml: a strict XML parse (tests/helpers/xml.ts) of the feed written from a real store with
 * hostile app names, checked as Atom 1.0; the feed of the committed data (no chart yet) is valid
 * with no entries; the newest moves come from a few files and equal those of every file read; the
 * head's link to the feed works from every page.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHistory } from "../../bench/synthetic-history.ts";
import { PROJECT_ROOT } from "../../loaders/config.ts";
import { newestFirst, notableMoves, type NotableMove } from "../../loaders/notable-moves.ts";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { readDatasetFiles } from "../../loaders/store/read.ts";
import { openStore, type AnySnapshotInput } from "../../loaders/store/write.ts";
import { ATOM_NS } from "../../src/data/derive/feed.ts";
import { recentMoves } from "../../src/data/lib/recent-moves.ts";
import { feed } from "../../src/data/outputs/feed.ts";
import { openSiteStore } from "../../src/data/outputs/site-store.ts";
import { feedLinkHead } from "../../src/render/head.ts";
import { escapeXmlAttribute, escapeXmlText } from "../../src/render/xml.ts";
import { chartFeed, expectedChartRows, TRACKED_APPS } from "../helpers/apple-fixtures.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { child, childrenNamed, parseXml, type XmlTree } from "../helpers/xml.ts";

const MARKUP = "<script>alert(1)</script>";
const FORMULA = '=HYPERLINK("http://example.com","Calc")';
const BIDI = "Photo\u202Egnp.exe";
const DAY1 = "2025-01-13T12:00:00.000Z";
const DAY2 = "2025-01-14T12:00:00.000Z";
const LEMON8 = "1498607143";

async function writeFeed(dataDir: string, cacheDir: string): Promise<string> {
  const chunks: string[] = [];
  await feed.write(openSiteStore(dataDir, cacheDir), { write: async (c) => void chunks.push(String(c)) });
  return chunks.join("");
}

const text = (node: XmlTree | undefined, name: string) => (node ? child(node, name)?.text : undefined);

/** Atom 1.0's required elements (RFC 4287 4.1.1, 4.1.2), in the Atom namespace. */
function expectAtom(root: XmlTree): XmlTree[] {
  expect(root.name).toBe("feed");
  const all = (n: XmlTree): XmlTree[] => [n, ...n.children.flatMap(all)];
  for (const node of all(root)) expect(node.uri, node.name).toBe(ATOM_NS);
  expect(text(root, "id")).toMatch(/^tag:rednote-tracker,2025:/);
  expect(text(root, "title")).toBe("RedNote Tracker: chart moves");
  expect(text(root, "updated")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  expect(childrenNamed(root, "link").find((l) => l.attributes.rel === "self")?.attributes).toMatchObject({ type: "application/atom+xml", href: expect.stringMatching(/feed\.xml$/) });
  expect(text(child(root, "author"), "name")).toBe("RedNote Tracker");
  const entries = childrenNamed(root, "entry");
  for (const entry of entries) {
    expect(text(entry, "id")).toMatch(/^tag:rednote-tracker,2025:(move|top10)\//);
    expect(text(entry, "title")).toBeTruthy();
    expect(text(entry, "updated")).toMatch(/Z$/);
    expect(childrenNamed(entry, "link").find((l) => l.attributes.rel === "alternate")?.attributes.href).toMatch(/apps\?id=/);
    expect(text(entry, "summary") ?? text(entry, "content")).toBeTruthy();
  }
  expect(new Set(entries.map((e) => text(e, "id"))).size).toBe(entries.length);
  return entries;
}

describe("the feed of a store with hostile app names", () => {
  let dir: { path: string; cleanup(): Promise<void> };
  let xml: string;
  let absolute: string;
  beforeAll(async () => {
    dir = await tempDir("tracker-feed-");
    const data = join(dir.path, "data");
    const recorded = expectedChartRows(chartFeed("top-free"), "top-free", DAY2);
    // Day 1: Lemon8 at #12. Day 2, as recorded, with three hostile names new at #3, #4, #5.
    const day1Ids = recorded.map((r) => r.app_id).filter((id) => id !== LEMON8);
    day1Ids.splice(11, 0, LEMON8);
    const byId = new Map(recorded.map((r) => [r.app_id, r]));
    const day1 = day1Ids.slice(0, 97).map((id, i) => ({ ...byId.get(id)!, rank: i + 1, retrieved_at: DAY1 }));
    const hostile = [MARKUP, FORMULA, BIDI].map((name, i) => ({ ...recorded[0]!, app_id: `99900000${i}`, name }));
    const day2Rows = [...recorded.slice(0, 2), ...hostile, ...recorded.slice(2, 97)].map((r, i) => ({ ...r, rank: i + 1 }));
    // The UK's first chart has a hostile name at #1.
    const gb = expectedChartRows(chartFeed("top-free", "gb"), "top-free", DAY2).map((r, i) => (i === 0 ? { ...r, app_id: "999000009", name: `${MARKUP} & ${BIDI}` } : r));
    const chart = (country: string, at: string, rows: ChartSnapshotRow[]): AnySnapshotInput => ({
      dataset: "chart_snapshots",
      source: "apple-charts",
      scope: `${country}-top-free`,
      retrievedAt: at,
      rows,
      sources: [{ title: "test", path: "http://127.0.0.1/feed.json" }],
    });
    const store = await openStore(data, { log: () => {} });
    await store.writeMany([
      { dataset: "tracked_apps", source: "editorial", scope: "apps", retrievedAt: DAY1, rows: TRACKED_APPS, sources: [{ title: "test", path: "http://127.0.0.1/apps" }] },
      chart("us", DAY1, day1),
      chart("us", DAY2, day2Rows),
      chart("gb", DAY2, gb),
    ]);
    await store.close();
    xml = await writeFeed(data, join(dir.path, "cache"));
    process.env.TRACKER_SITE_URL = "https://news.example/tracker";
    try {
      absolute = await writeFeed(data, join(dir.path, "cache"));
    } finally {
      delete process.env.TRACKER_SITE_URL;
    }
  });
  afterAll(async () => dir.cleanup());

  it("parses strictly as Atom 1.0, one entry per move, newest first", () => {
    const entries = expectAtom(parseXml(xml));
    const summaries = entries.map((e) => text(e, "summary"));
    expect(summaries).toContain("Lemon8 rose from #12 to #2 among free iPhone apps in the US.");
    expect(summaries).toContain(`${MARKUP} entered the top 10 free iPhone apps in the US at #3, new to the top 100.`);
    expect(summaries).toContain(`${FORMULA} entered the top 10 free iPhone apps in the US at #4, new to the top 100.`);
    expect(summaries).toContain(`${BIDI} entered the top 10 free iPhone apps in the US at #5, new to the top 100.`);
    expect(summaries.filter((s) => s?.startsWith("The first measured chart of free iPhone apps in "))).toHaveLength(2);
    expect(summaries.at(-1)).toMatch(/^The first measured chart of free iPhone apps in the US: #1 RedNote, #2 Say "Hello"/);
    expect(text(parseXml(xml), "updated")).toBe(DAY2);
    const lemon8 = entries.find((e) => text(e, "summary")?.startsWith("Lemon8"))!;
    expect(text(lemon8, "id")).toBe(`tag:rednote-tracker,2025:move/app-store/us/top-free/${DAY2}/${LEMON8}`);
    expect(child(lemon8, "link")!.attributes).toEqual({ rel: "alternate", type: "text/html", href: `apps?id=${LEMON8}`, title: "Lemon8" });
    // The UK's first top 10 links each of its ten apps.
    const uk = entries.find((e) => text(e, "summary")?.includes("in the UK"))!;
    expect(childrenNamed(uk, "link").map((l) => l.attributes.rel)).toEqual(["alternate", ...Array(9).fill("related")]);
  });

  it("keeps hostile names as text: escaped markup, the formula as written, bidi controls as references", () => {
    const all = (n: XmlTree): XmlTree[] => [n, ...n.children.flatMap(all)];
    const names = new Set(all(parseXml(xml)).map((n) => n.name));
    expect([...names].sort()).toEqual(["author", "entry", "feed", "id", "link", "name", "subtitle", "summary", "title", "updated"]);
    expect(xml).not.toContain("<script");
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(xml).toContain("=HYPERLINK(&quot;http://example.com&quot;,&quot;Calc&quot;)");
    expect(xml).not.toContain("\u202E");
    expect(xml).toContain("Photo&#x202E;gnp.exe");
    const uk = childrenNamed(parseXml(xml), "entry").find((e) => text(e, "summary")?.includes("in the UK"))!;
    expect(child(uk, "link")!.attributes.title).toBe(`${MARKUP} & ${BIDI}`);
    expect(text(uk, "summary")).toContain(`#1 ${MARKUP} & ${BIDI}, #2 `);
  });

  it("links to the app's page at the site's address when TRACKER_SITE_URL is set, with the same ids", () => {
    const root = parseXml(absolute);
    expectAtom(root);
    expect(childrenNamed(root, "link").find((l) => l.attributes.rel === "self")!.attributes.href).toBe("https://news.example/tracker/feed.xml");
    const hrefs = childrenNamed(root, "entry").map((e) => child(e, "link")!.attributes.href);
    expect(hrefs.every((h) => h?.startsWith("https://news.example/tracker/apps?id="))).toBe(true);
    expect(childrenNamed(root, "entry").map((e) => text(e, "id"))).toEqual(childrenNamed(parseXml(xml), "entry").map((e) => text(e, "id")));
  });
});

describe("the feed of the committed data", () => {
  it("is valid Atom with no entries while no chart has been measured", async () => {
    const xml = await writeFeed(join(PROJECT_ROOT, "data"), join(PROJECT_ROOT, "node_modules/.cache/rednote-tracker"));
    const root = parseXml(xml);
    expect(expectAtom(root)).toEqual([]);
    expect(root.children.map((c) => c.name)).toEqual(["id", "title", "subtitle", "updated", "link", "link", "author"]);
  });
});

describe("the newest moves", () => {
  let dir: { path: string; cleanup(): Promise<void> };
  beforeAll(async () => {
    dir = await tempDir("tracker-feed-history-");
    await generateHistory({ dataDir: dir.path, days: 20, countries: 3, ranks: 30, seed: 5 });
  });
  afterAll(async () => dir.cleanup());

  it("are read from the newest files only and equal the moves of every file read in order", async () => {
    const every: NotableMove[] = [];
    const previous = new Map<string, ChartSnapshotRow[]>();
    let files = 0;
    for await (const { resource, rows } of readDatasetFiles(dir.path, "chart_snapshots")) {
      every.push(...notableMoves(previous.get(resource.scope), rows, TRACKED_APPS));
      previous.set(resource.scope, rows);
      files++;
    }
    for (const limit of [1, 12, 40]) {
      const recent = await recentMoves(openSiteStore(dir.path, join(dir.path, "cache")), TRACKED_APPS, limit);
      expect(recent.moves).toEqual(newestFirst(every).slice(0, limit));
      expect(recent.filesRead).toBeLessThan(files / 2);
    }
    // Asked for more than there are: every file is read, and each chart's first top 10 comes last.
    const all = await recentMoves(openSiteStore(dir.path, join(dir.path, "cache")), TRACKED_APPS, 100_000);
    expect(all.filesRead).toBe(files);
    expect(all.moves).toEqual(newestFirst(every));
    expect(all.moves.filter((m) => m.kind === "first")).toHaveLength(previous.size);
  });
});

describe("the XML serialiser and the head's link", () => {
  it("drops what XML 1.0 forbids and writes bidi controls as references", () => {
    expect(escapeXmlText("a\u0000b\u0007c\u001Fd\uFFFEe\uD800f\uDC00g\t\n\rh")).toBe("abcdefg\t\n&#xD;h");
    expect(escapeXmlText("😀 \u200F\u2066x\u2069")).toBe("😀 &#x200F;&#x2066;x&#x2069;");
    expect(escapeXmlAttribute(`a"b'c<d>&\te\nf`)).toBe("a&quot;b&apos;c&lt;d&gt;&amp;&#x9;e&#xA;f");
    expect(parseXml(`<a b="${escapeXmlAttribute("x\ty\nz\r")}">${escapeXmlText("1\r\n2 & \u202E")}</a>`)).toMatchObject({ attributes: { b: "x\ty\nz\r" }, text: "1\r\n2 & \u202E" });
  });

  it("links the feed from every page but the chrome-less embeds, relative to the page or absolute", () => {
    const link = (path: string, root: URL | null = null) => /href="([^"]*)"/.exec(feedLinkHead(path, root, "feed.xml", "RedNote Tracker: chart moves"))?.[1];
    expect(link("/index")).toBe("feed.xml");
    expect(link("/rankings")).toBe("feed.xml");
    expect(link("/embed")).toBe("feed.xml");
    expect(link("/docs/guide")).toBe("../feed.xml");
    expect(link("/embed/story-chart")).toBeUndefined();
    expect(link("/rankings", new URL("https://news.example/tracker/"))).toBe("https://news.example/tracker/feed.xml");
    expect(feedLinkHead("/", null, "feed.xml", "RedNote Tracker: chart moves")).toBe('<link rel="alternate" type="application/atom+xml" title="RedNote Tracker: chart moves" href="feed.xml">');
  });
});
