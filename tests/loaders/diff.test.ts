/**
 * `npm run data:diff`: the pure comparison of two charts, the argument rules, and the command on a
 * small synthetic history, a hand-made store, and the committed data (which holds no charts yet).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHistory } from "../../bench/synthetic-history.ts";
import { ChartDiffError, diffCharts, formatChartDiffMarkdown, formatChartDiffText, markdownText } from "../../loaders/chart-diff.ts";
import { UsageError } from "../../loaders/cli.ts";
import { diffStore, formatReport, parseDiffArgs, parseWhen, type DiffReport } from "../../loaders/diff.ts";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { readAll } from "../../loaders/store/read.ts";
import { recentMoves } from "../../src/data/lib/recent-moves.ts";
import { openSiteStore } from "../../src/data/outputs/site-store.ts";
import { openStore } from "../../loaders/store/write.ts";
import { runTsx, type CliRun } from "../helpers/run-tsx.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const AT = "2025-01-14T06:00:00.000Z";
const chart = (ids: string[], options: { country?: string; chart?: ChartSnapshotRow["chart"]; at?: string; names?: Record<string, string> } = {}): ChartSnapshotRow[] =>
  ids.map((id, i) => ({
    store: "app-store",
    country: options.country ?? "us",
    chart: options.chart ?? "top-free",
    rank: i + 1,
    app_id: id,
    name: options.names?.[id] ?? `App ${id}`,
    retrieved_at: options.at ?? AT,
  }));

describe("diffCharts", () => {
  it("finds entries, exits and moves, biggest move first, and counts the rest", () => {
    const before = chart(["a", "b", "c", "d", "e", "f"]);
    const after = chart(["b", "a", "f", "g", "e", "c"], { at: "2025-01-15T06:00:00.000Z" });
    const diff = diffCharts(before, after);
    expect(diff).toMatchObject({ store: "app-store", country: "us", chart: "top-free", from_retrieved_at: AT, to_retrieved_at: "2025-01-15T06:00:00.000Z", from_size: 6, to_size: 6, unchanged: 1 });
    expect(diff.entries).toEqual([{ app_id: "g", name: "App g", rank: 4 }]);
    expect(diff.exits).toEqual([{ app_id: "d", name: "App d", rank: 4 }]);
    // f +3 and c -3, then b +1 and a -1: equal sizes go by their new rank.
    expect(diff.moves.map((m) => [m.app_id, m.from, m.to, m.change])).toEqual([
      ["f", 6, 3, 3],
      ["c", 3, 6, -3],
      ["b", 2, 1, 1],
      ["a", 1, 2, -1],
    ]);
  });

  it("treats a missing side as all entries or all exits, and notes a renamed app", () => {
    expect(diffCharts([], chart(["a", "b"])).entries.map((e) => e.app_id)).toEqual(["a", "b"]);
    expect(diffCharts(chart(["a", "b"]), []).exits.map((e) => e.rank)).toEqual([1, 2]);
    const renamed = diffCharts(chart(["a", "b"], { names: { b: "Old" } }), chart(["b", "a"], { names: { b: "New" } }));
    expect(renamed.moves[0]).toEqual({ app_id: "b", name: "New", previous_name: "Old", from: 2, to: 1, change: 1 });
    // A feed that lists an app twice (ours refuse it) still diffs, by the app's best rank.
    expect(diffCharts(chart(["a", "b", "a"]), chart(["b", "a"])).moves.map((m) => [m.app_id, m.from, m.to])).toEqual([["b", 2, 1], ["a", 1, 2]]);
  });

  it("refuses to compare different charts or mixed rows", () => {
    expect(() => diffCharts(chart(["a"]), chart(["a"], { country: "gb" }))).toThrow(ChartDiffError);
    expect(() => diffCharts(chart(["a"]), chart(["a"], { chart: "top-paid" }))).toThrow(/different charts/);
    expect(() => diffCharts([...chart(["a"]), ...chart(["b"], { country: "gb" })], [])).toThrow(/mix charts/);
    expect(() => diffCharts([], [])).toThrow(/empty/);
  });

  it("formats text and Markdown that a store's app names cannot break", () => {
    const names = { x: "Pipe | <script>alert(1)</script>\nnext line", y: "- [link](http://e.x) *bold*" };
    const diff = diffCharts(chart(["a", "y"], { names }), chart(["x", "a", "y"], { names }));
    const text = formatChartDiffText(diff).join("\n");
    expect(text).toContain("App Store US top free: 1 in, 0 out, 2 moved, 0 unchanged");
    expect(text).toContain("#1  Pipe | <script>alert(1)</script> next line (x)");
    const md = formatChartDiffMarkdown(diff).join("\n");
    expect(md).not.toContain("<script>");
    expect(md).toContain("Pipe \\| &#60;script&#62;alert(1)&#60;/script&#62; next line");
    expect(markdownText(names.y)).toBe("\\- \\[link\\](http://e.x) \\*bold\\*");
    for (const line of md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| change") && !l.startsWith("| ---"))) {
      // Every table row has exactly its 4 cells: no unescaped pipe inside a name.
      expect(line.replace(/\\\|/g, "").split("|").length - 2).toBe(4);
    }
    const limited = formatChartDiffText(diffCharts(chart(["a", "b", "c", "d"]), chart(["d", "c", "b", "a"])), { limit: 1 }).join("\n");
    expect(limited).toContain("… and 3 more");
  });
});

describe("dates and arguments", () => {
  const now = new Date("2025-01-15T10:30:00.000Z");
  it("reads days as their whole UTC day, times to their precision, today and yesterday", () => {
    expect(parseWhen("2025-01-14").cutoff).toBe("2025-01-14T23:59:59.999Z");
    expect(parseWhen("2024-02-29").cutoff).toBe("2024-02-29T23:59:59.999Z");
    expect(parseWhen("2025-01-14T12:00Z").cutoff).toBe("2025-01-14T12:00:59.999Z");
    expect(parseWhen("2025-01-14T12:00:30Z").cutoff).toBe("2025-01-14T12:00:30.999Z");
    expect(parseWhen("2025-01-14T12:00:30.5Z").cutoff).toBe("2025-01-14T12:00:30.500Z");
    expect(parseWhen("2025-01-14T12:00:00+08:00").cutoff).toBe("2025-01-14T04:00:00.999Z");
    expect(parseWhen("2025-01-14 12:00").cutoff).toBe("2025-01-14T12:00:59.999Z");
    expect(parseWhen("today", now).cutoff).toBe("2025-01-15T23:59:59.999Z");
    expect(parseWhen("yesterday", now).cutoff).toBe("2025-01-14T23:59:59.999Z");
  });

  it("refuses what is not a date, in one line naming it", () => {
    for (const bad of ["2025-02-30", "2025-13-01", "14/01/2025", "2025-01-14T25:00Z", "2025-01-14T12:60Z", "tomorrow", "", "2025-1-4"]) {
      const error = (() => {
        try {
          parseWhen(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error, bad).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain(`"${bad}"`);
      expect((error as Error).message).not.toContain("\n");
    }
  });

  it("checks the order of the dates and every option", () => {
    expect(parseDiffArgs(["2025-01-14", "2025-01-15", "--country", "US,gb", "--chart", "top-paid", "--format", "json", "--limit", "0"], now)).toMatchObject({
      countries: ["us", "gb"],
      charts: ["top-paid"],
      format: "json",
      limit: 0,
    });
    expect(parseDiffArgs(["2025-01-14", "2025-01-14"]).from!.cutoff).toBe("2025-01-14T23:59:59.999Z");
    expect(() => parseDiffArgs(["2025-01-15", "2025-01-14"])).toThrow(/after/);
    expect(() => parseDiffArgs(["2025-01-15"])).toThrow(/two times/);
    expect(() => parseDiffArgs(["a", "b", "c"])).toThrow(/two times/);
    expect(() => parseDiffArgs(["2025-01-14", "2025-01-15", "--format", "csv"])).toThrow(/--format/);
    expect(() => parseDiffArgs(["2025-01-14", "2025-01-15", "--chart", "top-grossing"])).toThrow(/--chart/);
    expect(() => parseDiffArgs(["2025-01-14", "2025-01-15", "--country", "usa"])).toThrow(/--country/);
    expect(() => parseDiffArgs(["2025-01-14", "2025-01-15", "--limit", "-1"])).toThrow(/--limit/);
    expect(() => parseDiffArgs(["2025-01-14", "2025-01-15", "--bogus"])).toThrow(UsageError);
  });
});

describe("data:diff on a store", () => {
  let root: { path: string; cleanup(): Promise<void> };
  let synthetic: string;
  let small: string;
  const DIFF = "bin/diff.ts";
  const cli: Record<string, CliRun> = {};

  beforeAll(async () => {
    root = await tempDir("tracker-diff-");
    synthetic = join(root.path, "synthetic");
    await generateHistory({ dataDir: synthetic, days: 8, countries: 3, ranks: 30, seed: 11 });
    // A hand-made store: us on two days (the second seen again at 18:00), gb only from the second day.
    small = join(root.path, "small");
    const store = await openStore(small, { log: () => {} });
    const at = (day: string, time = "06:00:00") => `2025-01-${day}T${time}.000Z`;
    const input = (country: string, ids: string[], retrievedAt: string) => ({
      dataset: "chart_snapshots" as const,
      source: "apple-charts",
      scope: `${country}-top-free`,
      retrievedAt,
      rows: chart(ids, { country, at: retrievedAt, names: { e: "Entered App", d: "Departed App", b: "Climber" } }),
      sources: [{ title: "test", path: "http://127.0.0.1/feed.json" }],
    });
    await store.writeMany([
      input("us", ["a", "b", "c", "d"], at("14")),
      input("us", ["b", "e", "a", "c"], at("15")),
      input("us", ["b", "e", "a", "c"], at("15", "18:00:00")),
      input("gb", ["a", "b"], at("15")),
    ]);
    await store.close();
    // The command as a user runs it, two at a time (CI has two cores): each run starts node and tsx.
    const runs = {
      text: ["2025-01-14", "2025-01-15", "--data-dir", small],
      early: ["2025-01-01", "2025-01-02", "--data-dir", small],
      bad: ["2025-02-30", "2025-03-01", "--data-dir", small],
      committed: ["yesterday", "today"],
      help: ["--help"],
    };
    const queue = Object.entries(runs);
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) cli[next[0]] = await runTsx(DIFF, next[1], { TRACKER_DATA_DIR: undefined });
    };
    await Promise.all([worker(), worker()]);
  });
  afterAll(async () => root.cleanup());

  it("reads only the snapshots it needs, and agrees with a diff of every row read the slow way", async () => {
    const from = parseWhen("2025-01-03");
    const to = parseWhen("2025-01-06T05:59Z");
    const report = await diffStore({ dataDir: synthetic, from, to });
    expect(report.problem).toBeUndefined();
    expect(report.charts).toHaveLength(6);
    const all = await readAll(synthetic, "chart_snapshots");
    for (const c of report.charts) {
      const mine = all.filter((r) => r.country === c.country && r.chart === c.chart);
      const latest = (cutoff: string) => mine.filter((r) => r.retrieved_at <= cutoff).reduce((a, r) => (r.retrieved_at > a ? r.retrieved_at : a), "");
      const expected = diffCharts(
        mine.filter((r) => r.retrieved_at === latest(from.cutoff)),
        mine.filter((r) => r.retrieved_at === latest(to.cutoff)),
      );
      expect(c).toMatchObject(expected);
      // The cutoff is just before that day's fetch (06:00:xx), so "to" is the day before.
      expect(c.to_snapshot.retrieved.slice(0, 10)).toBe("2025-01-05");
    }
  });

  it("prints entries, exits and moves with names, and says which charts it could not compare", async () => {
    const run = cli.text!;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("App Store US top free: 1 in, 1 out, 3 moved, 0 unchanged");
    expect(run.stdout).toContain("snapshots 2025-01-14T06:00:00.000Z → 2025-01-15T06:00:00.000Z (seen again until 2025-01-15T18:00:00.000Z)");
    expect(run.stdout).toMatch(/entered:\n\s+#2 {2}Entered App \(e\)/);
    expect(run.stdout).toMatch(/left:\n\s+was #4 {2}Departed App \(d\)/);
    expect(run.stdout).toMatch(/moved \(biggest first\):\n\s+-2 {2}#1 → #3 {2}App a \(a\)\n\s+\+1 {2}#2 → #1 {2}Climber \(b\)\n\s+-1 {2}#3 → #4 {2}App c \(c\)/);
    expect(run.stdout).toContain("App Store GB top free: not compared, no snapshot at or before 2025-01-14 (first snapshot 2025-01-15T06:00:00.000Z)");
    // The feed's moves at each snapshot in the window: the UK's first chart, an app new to a top 10.
    expect(run.stdout).toContain(
      [
        "Moves at each snapshot in between, newest first, as /feed.xml reports them:",
        "  2025-01-15T06:00:00.000Z  The first measured chart of free iPhone apps in the UK: #1 App a, #2 Climber.",
        "  2025-01-15T06:00:00.000Z  Entered App entered the top 10 free iPhone apps in the US at #2, new to the top 4.",
      ].join("\n"),
    );
  });

  it("reports the same moves as the feed, for any window", async () => {
    const feed = (await recentMoves(openSiteStore(synthetic, join(root.path, "cache")), [], 100_000)).moves;
    const window = async (from: string, to: string) => {
      const report = await diffStore({ dataDir: synthetic, from: parseWhen(from), to: parseWhen(to) });
      const f = parseWhen(from).cutoff;
      const t = parseWhen(to).cutoff;
      expect(report.moves).toEqual(feed.filter((m) => m.at > f && m.at <= t));
      return report.moves;
    };
    expect((await window("2025-01-03", "2025-01-05")).length).toBeGreaterThan(0);
    // From before the first snapshot: every chart's first top 10 is in it, as in the feed.
    expect((await window("2024-12-31", "2025-01-08")).filter((m) => m.kind === "first")).toHaveLength(6);
    const md = formatReport(await diffStore({ dataDir: small, from: parseWhen("2025-01-14"), to: parseWhen("2025-01-15") }), "markdown", 10);
    expect(md).toContain("### Moves at each snapshot in between, newest first, as /feed.xml reports them\n\n- 2025-01-15T06:00:00.000Z  The first measured chart of free iPhone apps in the UK: #1 App a, #2 Climber.\n- 2025-01-15T06:00:00.000Z  Entered App entered");
    // Nothing to compare, but the US chart was first measured in between: that is a move, not a problem.
    const firstOnly = await diffStore({ dataDir: small, from: parseWhen("2025-01-13"), to: parseWhen("2025-01-14") });
    expect(firstOnly.problem).toBeUndefined();
    expect(firstOnly.charts).toEqual([]);
    expect(firstOnly.moves.map((m) => [m.kind, m.country, m.at])).toEqual([["first", "us", "2025-01-14T06:00:00.000Z"]]);
    const quiet = formatReport(await diffStore({ dataDir: small, from: parseWhen("2025-01-15"), to: parseWhen("2025-01-15") }), "text", 10);
    expect(quiet).toContain("No tracked app moved, no app entered a top 10 and no chart was measured for the first time.");
  });

  it("filters by country and chart, and formats JSON and Markdown", async () => {
    const report = await diffStore({ dataDir: small, from: parseWhen("2025-01-14T06:00Z"), to: parseWhen("2025-01-15"), countries: ["us"] });
    const json = JSON.parse(formatReport(report, "json", 10)) as DiffReport;
    expect(json.charts.map((c) => [c.country, c.entries.length, c.exits.length, c.moves.length])).toEqual([["us", 1, 1, 3]]);
    expect(json.not_compared).toEqual([]);
    const same = await diffStore({ dataDir: small, from: parseWhen("2025-01-15"), to: parseWhen("2025-01-15") });
    expect(same.charts.map((c) => [c.country, c.same_snapshot, c.moves.length])).toEqual([["us", true, 0], ["gb", true, 0]]);
    const md = formatReport(same, "markdown", 10);
    expect(md).toContain("### App Store US top free");
    expect(md).toContain("(the same: nothing new stored in between)");
    expect(md).toContain("### App Store GB top free");
    const none = await diffStore({ dataDir: small, from: parseWhen("2025-01-14"), to: parseWhen("2025-01-15"), countries: ["fr"], charts: ["top-free"] });
    expect(none.charts).toEqual([]);
    expect(none.problem).toContain("no chart snapshots match --country fr --chart top-free");
    expect(none.problem).toContain("stored charts: gb top-free, us top-free");
  });

  it("exits 1 with a clear message when there is nothing to compare", async () => {
    const early = cli.early!;
    expect(early.code).toBe(1);
    expect(early.stdout).toBe("");
    expect(early.stderr.trim()).toBe(
      "data:diff: no chart snapshot at or before 2025-01-01 (2025-01-01T23:59:59.999Z): the earliest stored is 2025-01-14T06:00:00.000Z (App Store US top free).",
    );
  });

  it("exits 2 with one line for a bad date or dates in the wrong order", async () => {
    const bad = cli.bad!;
    expect(bad.code).toBe(2);
    expect(bad.stderr.split("\n")[0]).toBe(`"2025-02-30" is not a date or time: use YYYY-MM-DD (the end of that UTC day), a UTC time such as 2025-01-14T12:00Z, today or yesterday.`);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    // Dates in the wrong order are the same kind of error (a UsageError, so exit 2).
    expect(() => parseDiffArgs(["2025-01-15", "2025-01-14"])).toThrow(new UsageError("<from> 2025-01-15 is after <to> 2025-01-14: give the earlier time first."));
  });

  it("on the committed data (no chart snapshots yet) says so and exits 1", async () => {
    const run = cli.committed!;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^data:diff: no chart snapshots stored in .*\/data: nothing to compare\. Fetch charts first with npm run refresh -- --source apple-charts\.\n$/);
    const help = cli.help!;
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: npm run data:diff -- <from> <to>");
  });
});
