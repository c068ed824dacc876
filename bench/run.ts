/**
 * `npm run bench` (issues #8, #15, #17): how long deriving the site's data takes as the chart history
 * grows (the rankings alone, and the build's whole data step with its downloads, cold and after one
 * new day), what the build costs over Framework's own build of our pages, what each page weighs and how
 * soon it draws, its Lighthouse scores, and its layout shift in Chromium at two widths and both
 * colour schemes. Prints one table (with the machine) and writes bench/results.json; targets are
 * reported pass/FAIL per row and never fail the process.
 *
 *   npm run bench                          # the full run: 1, 2 and 5 years of synthetic charts
 *   npm run bench -- --quick               # 30/60/150 days, single builds, Lighthouse on / only,
 *                                          # to bench/results/quick.json (not committed)
 *   npm run bench -- --only derive,pages --cache
 *   npm run bench -- --only lighthouse,cls # the built site alone (one untimed build first)
 *   npm run bench -- --only apps --cache    # /apps at 5 years: first load, one app, search (#16 item 4)
 *
 * Histories are generated through the real store into temporary directories and removed at the
 * end; with --cache they are kept under bench/.cache/ (gitignored) and reused while the generator,
 * the store's format and the committed editorial data are unchanged.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../loaders/config.ts";
import {
  addOneDay,
  deriveInProcess,
  directoryBytes,
  linkCopy,
  listEmbedPages,
  machineInfo,
  measurePages,
  prepareHistory,
  profileRankings,
  RANKINGS_LOADER,
  SITE_DATA,
  DUCKDB_RANKINGS,
  runLoader,
  shown,
  timeEmptyBuild,
  timeFrameworkBuild,
  timeSiteBuild,
  type LoaderRun,
  type Machine,
  type PageMeasurement,
  type PreparedHistory,
  type RankingsProfile,
  type SiteBuild,
  type CommandResult,
} from "./measure.ts";
import { CLS_VIEWPORTS, COLOR_SCHEMES, measureLayoutShift, type LayoutShiftPage } from "./layout-shift.ts";
import { timeCommandStart } from "./command-start.ts";
import { ensureLighthouse, measureLighthouse, type LighthouseScores } from "./lighthouse.ts";
import { APPS_TARGETS, measureApps, type AppsMeasurement } from "./apps.ts";

export const PAGES = ["/", "/rankings", "/attention", "/timeline", "/data", "/methodology", "/embed", "/apps"] as const;
const SECTIONS = ["start", "derive", "site", "incremental", "profile", "build", "pages", "lighthouse", "cls", "apps"] as const;
type Section = (typeof SECTIONS)[number];

export const TARGETS = {
  derive_5y_s: 3,
  derive_5y_peak_rss_mb: 512,
  derive_incremental_s: 0.3,
  /**
   * The build's data step at 5 years after one new day, caches kept (#17), and its peak RSS; and
   * what the history adds to it over the step with no chart history (site_data_floor_s).
   */
  site_data_5y_s: 3,
  site_data_5y_over_floor_s: 3,
  site_data_5y_peak_rss_mb: 512,
  /** No published file larger: GitHub Pages refuses files over 100 MB (#17). */
  downloads_largest_mb_5y: 50,
  overview_transfer_kb_gz: 150,
  embed_transfer_kb_gz: 60,
  first_chart_ms: 300,
  /** build_s at most this many times build_framework_s: what our own steps add to Framework's build. */
  build_over_framework: 1.25,
  lighthouse_performance: 0.95,
  lighthouse_accessibility: 1,
  lighthouse_best_practices: 0.95,
  /** Summed layout shift, worst of every width and scheme (bench/layout-shift.ts). */
  cls: 0.02,
} as const;

/** Timed derive runs are repeated and their median reported: this VM's host can slow one run by half. */
const REPEATS = 3;

/** The run with the median time, and every run's seconds in the order they ran. */
function medianRun<T extends { seconds: number }>(runs: readonly T[]): T & { runs_s: number[] } {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { ...sorted[Math.floor(sorted.length / 2)]!, runs_s: runs.map((r) => r.seconds) };
}

/** Runs `run` REPEATS times; the run with the median time, and every run's seconds. */
async function medianOf<T extends { seconds: number }>(run: () => Promise<T>): Promise<T & { runs_s: number[] }> {
  const runs: T[] = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await run());
  return medianRun(runs);
}

const COUNTRIES = 10;
const RANKS = 100;
const SEED = 1;
const LOADER_TIMEOUT_MS = 20 * 60_000;
const BUILD_TIMEOUT_MS = 15 * 60_000;

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(1)}] ${message}`);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n").slice(0, 6).join(" | ");

// ---------------------------------------------------------------------------------------------
// Rows and the table

export type Verdict = "pass" | "FAIL" | "n/a" | "skipped" | "error";

export interface Row {
  metric: string;
  value: number | null;
  /** How the value compares: "≤ 3" etc.; null when the row has no target. */
  target: string | null;
  result: Verdict | null;
  note?: string;
}

export function check(metric: string, value: number | null, limit: number | null, note?: string): Row {
  if (value === null) return { metric, value, target: limit === null ? null : `≤ ${limit}`, result: "n/a", ...(note ? { note } : {}) };
  return {
    metric,
    value,
    target: limit === null ? null : `≤ ${limit}`,
    result: limit === null ? null : value <= limit ? "pass" : "FAIL",
    ...(note ? { note } : {}),
  };
}

/** A row whose value must reach `limit`; `op` "=" for a score whose best is the limit (Lighthouse's 1). */
export function checkAtLeast(metric: string, value: number | null, limit: number, note?: string, op: "≥" | "=" = "≥"): Row {
  const target = `${op} ${limit}`;
  return { metric, value, target, result: value === null ? "n/a" : value >= limit ? "pass" : "FAIL", ...(note ? { note } : {}) };
}

export function missing(metric: string, result: "skipped" | "error", note: string, target: string | null = null): Row {
  return { metric, value: null, target, result, note };
}

export function formatTable(rows: readonly Row[], machine: Machine, heading: string): string {
  const cells = rows.map((r) => [r.metric, r.value === null ? "—" : String(r.value), r.target ?? "", r.result ?? "", r.note ?? ""]);
  const header = ["metric", "value", "target", "result", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (i === 4 ? 0 : c[i]!.length))));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === 4 ? cell : i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [
    heading,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ram_gb} GiB RAM, Node ${machine.node}, ${machine.platform}; load average ${machine.loadavg.join(" / ")} at start`,
    "",
    line(header),
    line(header.map((_, i) => "-".repeat(i === 4 ? 4 : widths[i]!))),
    ...cells.map(line),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Histories

interface Size {
  label: "1y" | "2y" | "5y";
  days: number;
}

async function cacheKey(): Promise<string> {
  const hash = createHash("sha256");
  for (const file of ["bench/synthetic-history.ts", "loaders/store/write.ts", "loaders/store/manifest.ts", "loaders/store/segments.ts", "loaders/csv.ts", "loaders/schema.ts", "data/datapackage.json"]) {
    hash.update(file).update(await readFile(join(PROJECT_ROOT, file)));
  }
  return hash.digest("hex").slice(0, 10);
}

class Histories {
  private readonly made: string[] = [];
  private readonly ready = new Map<number, { dir: string; summary: PreparedHistory; cached: boolean }>();

  constructor(
    private readonly tmp: string,
    private readonly cacheDir: string | undefined,
  ) {}

  async get(days: number): Promise<{ dir: string; summary: PreparedHistory; cached: boolean }> {
    const known = this.ready.get(days);
    if (known) return known;
    const name = `history-${days}d-${COUNTRIES}c-${RANKS}r-seed${SEED}`;
    let entry: { dir: string; summary: PreparedHistory; cached: boolean };
    if (this.cacheDir) {
      const key = await cacheKey();
      const dir = join(this.cacheDir, `${name}-${key}`);
      const marker = `${dir}.json`;
      if (existsSync(marker) && existsSync(dir)) {
        entry = { dir, summary: JSON.parse(await readFile(marker, "utf8")) as PreparedHistory, cached: true };
        log(`history ${days} d: reusing ${shown(dir)}`);
      } else {
        await rm(dir, { recursive: true, force: true });
        await mkdir(this.cacheDir, { recursive: true });
        entry = { dir, summary: await this.generate(dir, days), cached: false };
        await writeFile(marker, JSON.stringify(entry.summary, null, 1) + "\n");
      }
    } else {
      const dir = join(this.tmp, name);
      this.made.push(dir);
      entry = { dir, summary: await this.generate(dir, days), cached: false };
    }
    this.ready.set(days, entry);
    return entry;
  }

  private async generate(dir: string, days: number): Promise<PreparedHistory> {
    log(`history ${days} d: generating ${COUNTRIES} storefronts × 2 charts × ${RANKS} ranks into ${shown(dir)} …`);
    const summary = await prepareHistory({ dataDir: dir, days, countries: COUNTRIES, ranks: RANKS, seed: SEED });
    log(`history ${days} d: ${summary.files} files, ${(summary.bytes / 2 ** 20).toFixed(0)} MiB of CSV in ${(summary.ms / 1000).toFixed(1)} s`);
    return summary;
  }
}

// ---------------------------------------------------------------------------------------------
// The run

export interface BenchResults {
  version: 1;
  date: string;
  quick: boolean;
  commit: string | null;
  /** Files changed in the working tree when the bench ran (others' work in progress included). */
  dirty: string[];
  machine: Machine;
  histories: Record<string, { days: number; files: number; rows: number; csv_mb: number; dir_mb: number; generate_s: number }>;
  derive_1y_s?: number | null;
  derive_2y_s?: number | null;
  derive_5y_s?: number | null;
  derive_5y_peak_rss_mb?: number | null;
  derive_5y_warm_s?: number | null;
  /** After one more day, derived in one process (without its start); the loader's whole process in derive_incremental_process_s. */
  derive_incremental_s?: number | null;
  derive_incremental_process_s?: number | null;
  derive_5y_in_process_s?: number | null;
  /** The rankings loader on the committed data (no chart snapshots): process start, imports, editorial data. */
  derive_floor_s?: number | null;
  /** feed.xml (the newest 100 chart moves) derived in one process, per history. */
  feed_in_process_s?: Record<string, number | null>;
  /** npm run build, median of the runs in build_runs_s (after build_first_s, in the same checkout). */
  build_s?: number | null;
  build_runs_s?: number[];
  build_first_s?: number | null;
  /** observable build alone on the data the build before it wrote, median of build_framework_runs_s. */
  build_framework_s?: number | null;
  build_framework_runs_s?: number[];
  build_over_framework?: number | null;
  build_empty_s?: number | null;
  /** npm run data:verify, spawn to exit (bench/command-start.ts). */
  command_start?: Awaited<ReturnType<typeof timeCommandStart>>;
  /** Data loaders the build ran, from Framework's log (sequential: their sum is part of build_s). */
  build_loaders?: { count: number; total_s: number; slowest: { path: string; ms: number }[] };
  pages?: Record<string, Omit<PageMeasurement, "path">>;
  lighthouse_version?: string;
  lighthouse?: Record<string, { scores: LighthouseScores | null; error: string | null; report: string }>;
  cls?: Record<string, Omit<LayoutShiftPage, "path">>;
  /** /apps on a site built from the longest history (bench/apps.ts). */
  apps?: (AppsMeasurement & { history: string }) | null;
  /** Every loader run: the other loaders that read chart_snapshots too, per history. */
  loaders?: Record<string, LoaderRun & { history: string }>;
  profile?: (RankingsProfile & { history: string }) | null;
  rows: Row[];
  errors: Record<string, string>;
}

/** What bench/site-data.ts prints. */
interface SiteDataStep {
  files: number;
  downloads: number;
  download_bytes: number;
  largest_download: { path: string; bytes: number } | null;
  seconds: Record<string, number>;
}

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trimEnd();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      cache: { type: "boolean", default: false },
      loads: { type: "string", default: "3" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(`Usage: npm run bench -- [--quick] [--only ${SECTIONS.join(",")}] [--cache] [--loads 3] [--out FILE]`);
    return;
  }
  const only = values.only ? values.only.split(",").map((s) => s.trim()) : [...SECTIONS];
  for (const s of only) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section "${s}" (${SECTIONS.join(", ")})`);
  const wants = (s: Section) => only.includes(s);
  const quick = values.quick;
  const sizes: Size[] = quick
    ? [{ label: "1y", days: 30 }, { label: "2y", days: 60 }, { label: "5y", days: 150 }]
    : [{ label: "1y", days: 365 }, { label: "2y", days: 730 }, { label: "5y", days: 1825 }];
  const loads = Number(values.loads);
  const buildRepeats = quick ? 1 : REPEATS;
  const out = values.out ?? join(PROJECT_ROOT, quick ? "bench/results/quick.json" : "bench/results.json");

  const machine = machineInfo();
  const tmp = await mkdtemp(join(tmpdir(), "rednote-bench-"));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log(`${signal}: removing ${tmp}`);
      cleanup();
      process.exit(130);
    });
  }
  const histories = new Histories(tmp, values.cache ? join(PROJECT_ROOT, "bench/.cache") : undefined);
  const results: BenchResults = {
    version: 1,
    date: new Date().toISOString(),
    quick,
    commit: git(["rev-parse", "HEAD"]),
    dirty: (git(["status", "--porcelain"]) ?? "").split("\n").filter(Boolean).map((l) => l.slice(3)),
    machine,
    histories: {},
    rows: [],
    errors: {},
  };
  const rows = results.rows;
  const label = (size: Size) => (quick ? `${size.label}→${size.days}d` : size.label);
  const describe = (size: Size, summary: PreparedHistory) => `${size.days} d, ${summary.files} files, ${(summary.rows / 1e6).toFixed(2)} M rows`;
  const record = async (size: Size) => {
    const h = await histories.get(size.days);
    results.histories[size.label] ??= {
      days: size.days,
      files: h.summary.files,
      rows: h.summary.rows,
      csv_mb: round(h.summary.bytes / 2 ** 20, 1),
      dir_mb: round((await directoryBytes(h.dir)) / 2 ** 20, 1),
      generate_s: round(h.summary.ms / 1000, 1),
    };
    return h;
  };

  try {
    // 0. How soon a command answers an editor: what the TypeScript runner costs (#18).
    if (wants("start")) {
      try {
        log("start: npm run data:verify, with and without npm …");
        const start = (results.command_start = await timeCommandStart());
        rows.push(check("command_start_s", start.npm_s, null, `npm run data:verify on the committed data, spawn to exit, median of ${JSON.stringify(start.npm_runs_s)}; without npm (node --import tsx) ${start.node_s} s`));
      } catch (error) {
        results.errors.command_start = errorText(error);
        rows.push(missing("command_start_s", "error", errorText(error)));
      }
    }
    // 1. Deriving the rankings page's data, as Framework runs its loader: cold (an empty summary
    // cache, as on a fresh clone), then warm. Then the build's whole data step.
    const caches = join(tmp, "caches");
    const freshCache = async (name: string) => {
      const dir = join(caches, name);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      return dir;
    };
    if (wants("derive")) {
      results.loaders = {};
      try {
        log("derive: rankings loader on the committed data (the floor: start, imports, editorial) …");
        const floor = await runLoader(RANKINGS_LOADER, join(PROJECT_ROOT, "data"), { cacheDir: await freshCache("committed"), timeoutMs: LOADER_TIMEOUT_MS });
        results.derive_floor_s = floor.seconds;
        results.loaders["rankings.json@committed"] = { ...floor, history: "committed" };
        rows.push(check("derive_floor_s", floor.seconds, null, `rankings loader on the committed data (no chart snapshots): Node start (node --import tsx), imports, editorial data; CPU ${floor.cpu_s} s`));
      } catch (error) {
        results.errors.derive_floor = errorText(error);
        rows.push(missing("derive_floor_s", "error", errorText(error)));
      }
      for (const size of sizes) {
        const key = `derive_${size.label}_s` as const;
        try {
          const { dir, summary } = await record(size);
          log(`derive ${label(size)}: rankings loader, cold, ${REPEATS} times …`);
          const cacheDir = join(caches, size.label);
          const run = await medianOf(async () => runLoader(RANKINGS_LOADER, dir, { cacheDir: await freshCache(size.label), timeoutMs: LOADER_TIMEOUT_MS }));
          results[key] = run.seconds;
          results.loaders[`rankings.json@${size.label}`] = { ...run, history: size.label };
          log(`derive ${label(size)}: ${run.seconds} s (${run.runs_s.join(", ")}), peak ${run.peak_rss_mb} MiB`);
          rows.push(check(`derive_${label(size)}_s`, run.seconds, size.label === "5y" ? TARGETS.derive_5y_s : null, `${describe(size, summary)}, nothing cached, the rankings loader's whole process, median of ${JSON.stringify(run.runs_s)}; CPU ${run.cpu_s} s`));
          if (size.label === "5y") {
            const inProcess = await medianOf(async () => deriveInProcess("data/rankings.json", dir, { cacheDir: await freshCache("5y-in-process"), timeoutMs: LOADER_TIMEOUT_MS }));
            results.derive_5y_in_process_s = inProcess.seconds;
            rows.push(check(`derive_${label(size)}_in_process_s`, inProcess.seconds, null, `the same, nothing cached, timed inside the process (without its start and imports), median of ${JSON.stringify(inProcess.runs_s)}`));
            results.derive_5y_peak_rss_mb = run.peak_rss_mb;
            rows.push(check(`derive_${label(size)}_peak_rss_mb`, run.peak_rss_mb, TARGETS.derive_5y_peak_rss_mb, `${run.rss_method}, the loader's process`));
            const warm = await runLoader(RANKINGS_LOADER, dir, { cacheDir, timeoutMs: LOADER_TIMEOUT_MS });
            results.derive_5y_warm_s = warm.seconds;
            results.loaders[`rankings.json@${size.label}-warm`] = { ...warm, history: size.label };
            rows.push(check("derive_5y_warm_s", warm.seconds, null, `the same again, every month's fold cached; CPU ${warm.cpu_s} s, peak ${warm.peak_rss_mb} MiB`));
            // The same reading of the store by DuckDB, to keep the faster (#17).
            const duck = await medianOf(async () => runLoader(DUCKDB_RANKINGS, dir, { cacheDir: await freshCache("5y-duckdb"), timeoutMs: LOADER_TIMEOUT_MS, readOutput: true }));
            const { ms } = JSON.parse(duck.output!.trim()) as { ms: number };
            rows.push(check(`derive_${label(size)}_duckdb_s`, duck.seconds, null, `the rankings' reading of every snapshot by DuckDB's CSV reader over the store (bench/duckdb-rankings.ts), nothing cached, its whole process; median of ${JSON.stringify(duck.runs_s)}, ${round(ms / 1000, 2)} s inside; CPU ${duck.cpu_s} s, peak ${duck.peak_rss_mb} MiB`));
          }
        } catch (error) {
          results[key] = null;
          results.errors[key] = errorText(error);
          rows.push(missing(`derive_${label(size)}_s`, "error", errorText(error), size.label === "5y" ? `≤ ${TARGETS.derive_5y_s}` : null));
        }
        // The feed reads only the newest snapshots, so it should cost the same at any length of history.
        const feedMetric = `feed_${label(size)}_in_process_s`;
        try {
          const { dir } = await record(size);
          const feed = await medianOf(async () => deriveInProcess("feed.xml", dir, { cacheDir: await freshCache(`feed-${size.label}`), timeoutMs: LOADER_TIMEOUT_MS }));
          (results.feed_in_process_s ??= {})[size.label] = feed.seconds;
          rows.push(check(feedMetric, feed.seconds, null, `feed.xml, the newest 100 chart moves, timed inside the process, median of ${JSON.stringify(feed.runs_s)}; ${feed.bytes} bytes`));
        } catch (error) {
          (results.feed_in_process_s ??= {})[size.label] = null;
          results.errors[feedMetric] = errorText(error);
          rows.push(missing(feedMetric, "error", errorText(error)));
        }
      }
    }

    // 1b. The build's whole data step (every page's data and every download: bench/site-data.ts), as
    // a fresh clone builds it (nothing cached) and as the build after a scheduled refresh does (one
    // new day, with the caches the build before it left), with and without /apps.
    if (wants("site")) {
      const scratch = join(tmp, "site-data");
      const dataStep = async (dir: string, cacheDir: string, withoutApps = false) => {
        await rm(scratch, { recursive: true, force: true });
        const run = await runLoader(SITE_DATA, dir, { cacheDir, args: [scratch, ...(withoutApps ? ["--without-apps"] : [])], timeoutMs: LOADER_TIMEOUT_MS, readOutput: true });
        return { ...run, step: JSON.parse(run.output!.trim().split("\n").at(-1)!) as SiteDataStep };
      };
      const parts = (step: SiteDataStep) => Object.entries(step.seconds).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([kind, sec]) => `${kind} ${sec}`).join(", ");
      // What the step costs with no chart history at all: Node's start, printing the pages, bundling the embeds.
      let floor: number | null = null;
      try {
        log("site: the data step on the committed data (no chart snapshots), once to fill its cache, then three times …");
        const cacheDir = await freshCache("site-committed");
        await dataStep(join(PROJECT_ROOT, "data"), cacheDir);
        const run = await medianOf(async () => dataStep(join(PROJECT_ROOT, "data"), cacheDir));
        floor = run.seconds;
        rows.push(check("site_data_floor_s", run.seconds, null, `the data step on the committed data (no chart snapshots), caches kept: Node's start and imports, every page printed, the embeds bundled; median of ${JSON.stringify(run.runs_s)}; slowest: ${parts(run.step)}`));
      } catch (error) {
        results.errors.site_data_floor_s = errorText(error);
        rows.push(missing("site_data_floor_s", "error", errorText(error)));
      }
      for (const size of [sizes[0]!, sizes[2]!]) {
        const tag = label(size);
        try {
          const { dir } = await record(size);
          log(`site ${tag}: the build's data step, nothing cached …`);
          const cacheDir = await freshCache(`site-${size.label}`);
          const cold = await dataStep(dir, cacheDir);
          (results.loaders ??= {})[`site-data@${size.label}`] = { ...cold, history: size.label };
          rows.push(check(`site_data_${tag}_cold_s`, cold.seconds, null, `every file of the site's data (${cold.step.files}, ${cold.step.downloads} of them downloads), nothing cached as on a fresh clone; CPU ${cold.cpu_s} s, peak ${cold.peak_rss_mb} MiB; slowest: ${parts(cold.step)}`));
          if (size.label === "5y") {
            const largest = cold.step.largest_download;
            rows.push(check(`downloads_largest_mb_${tag}`, largest ? round(largest.bytes / 1e6, 1) : null, TARGETS.downloads_largest_mb_5y, `${largest?.path ?? "no download"}; ${cold.step.downloads} downloads, ${round(cold.step.download_bytes / 1e6, 0)} MB in all`));
          }
          log(`site ${tag}: one more day, then the data step with the caches the cold run left …`);
          const copy = join(tmp, `site-${size.label}+1d`);
          await linkCopy(dir, copy);
          try {
            const added = await addOneDay(copy);
            const kept = async (name: string) => {
              const target = join(caches, name);
              await rm(target, { recursive: true, force: true });
              await linkCopy(cacheDir, target);
              return target;
            };
            const warm = await medianOf(async () => dataStep(copy, await kept(`site-${size.label}-new-day`)));
            const metric = size.label === "5y" ? `site_data_${tag}_s` : `site_data_${tag}_new_day_s`;
            rows.push(check(metric, warm.seconds, size.label === "5y" ? TARGETS.site_data_5y_s : null, `the data step after one new day (${added.day}, ${added.files} files), with the caches the build before it left, as a scheduled refresh's build; median of ${JSON.stringify(warm.runs_s)}; CPU ${warm.cpu_s} s; slowest: ${parts(warm.step)}`));
            if (size.label === "5y") {
              rows.push(check(`site_data_${tag}_over_floor_s`, floor === null ? null : round(warm.seconds - floor, 2), TARGETS.site_data_5y_over_floor_s, `what 5 years of history add to the data step after a new day: site_data_${tag}_s − site_data_floor_s`));
              rows.push(check(`site_data_${tag}_peak_rss_mb`, warm.peak_rss_mb, TARGETS.site_data_5y_peak_rss_mb, `${warm.rss_method}, the data step's process after one new day; cold: ${cold.peak_rss_mb} MiB`));
              const without = await medianOf(async () => dataStep(copy, await kept(`site-${size.label}-new-day-without-apps`), true));
              rows.push(check(`site_data_${tag}_without_apps_s`, without.seconds, null, `the same without /apps and its data files, to tell its share; median of ${JSON.stringify(without.runs_s)}; peak ${without.peak_rss_mb} MiB`));
            }
          } finally {
            await rm(copy, { recursive: true, force: true });
          }
        } catch (error) {
          results.errors[`site_data_${tag}`] = errorText(error);
          rows.push(missing(`site_data_${tag}_s`, "error", errorText(error), size.label === "5y" ? `≤ ${TARGETS.site_data_5y_s}` : null));
        } finally {
          await rm(scratch, { recursive: true, force: true });
        }
      }
    }

    // 2. One more day through the store, then the rankings loader again with the folds of the
    // years before it cached (what every scheduled refresh's build does).
    if (wants("incremental")) {
      const size = sizes[2]!;
      const copy = join(tmp, "incremental");
      try {
        const { dir } = await record(size);
        const cacheDir = join(caches, size.label);
        if (!existsSync(cacheDir)) {
          log(`incremental: filling the fold cache from the ${label(size)} history …`);
          await runLoader(RANKINGS_LOADER, dir, { cacheDir: await freshCache(size.label), timeoutMs: LOADER_TIMEOUT_MS });
        }
        log(`incremental: hard-link copy of the ${label(size)} history, one more day through the store …`);
        await linkCopy(dir, copy);
        const added = await addOneDay(copy);
        // Each run starts from the cache as the years before left it, so each reads the new day.
        const before = async (name: string) => {
          const target = join(caches, name);
          await rm(target, { recursive: true, force: true });
          await cp(cacheDir, target, { recursive: true });
          return target;
        };
        const inProcess = await medianOf(async () => deriveInProcess("data/rankings.json", copy, { cacheDir: await before("incremental-in-process"), timeoutMs: LOADER_TIMEOUT_MS }));
        const run = await medianOf(async () => runLoader(RANKINGS_LOADER, copy, { cacheDir: await before("incremental-process"), timeoutMs: LOADER_TIMEOUT_MS }));
        results.derive_incremental_s = inProcess.seconds;
        results.derive_incremental_process_s = run.seconds;
        (results.loaders ??= {})[`rankings.json@${size.label}+1d`] = { ...run, history: `${size.label}+1d` };
        rows.push(check("derive_incremental_s", inProcess.seconds, TARGETS.derive_incremental_s, `${label(size)} history + ${added.day} (${added.files} new files read, the rest from the cache), derived in one process as the build does, without the process's start (derive_floor_s); median of ${JSON.stringify(inProcess.runs_s)}`));
        rows.push(check("derive_incremental_process_s", run.seconds, null, `the same as the rankings loader's whole process (start and imports included), median of ${JSON.stringify(run.runs_s)}; CPU ${run.cpu_s} s`));
      } catch (error) {
        results.derive_incremental_s = null;
        results.errors.derive_incremental_s = errorText(error);
        rows.push(missing("derive_incremental_s", "error", errorText(error), `≤ ${TARGETS.derive_incremental_s}`));
      } finally {
        await rm(copy, { recursive: true, force: true });
      }
    }

    // 3. Where the rankings loader's time goes, in this process, on the largest history.
    if (wants("profile")) {
      const size = sizes[2]!;
      try {
        const { dir } = await record(size);
        log(`profile ${label(size)}: rankings steps …`);
        const profile = await profileRankings(dir);
        results.profile = { ...profile, history: size.label };
        const share = (ms: number) => `${Math.round((100 * ms) / Math.max(1, profile.total_ms))}%`;
        rows.push(
          check(
            `profile_${label(size)}_ms (in-process)`,
            profile.total_ms,
            null,
            `cold cache: manifest ${profile.manifest_ms} (${profile.manifest_mb} MiB, ${share(profile.manifest_ms)}) · editorial ${profile.editorial_ms} · read ${profile.read_ms} (${share(profile.read_ms)}) · scan ${profile.scan_ms} (${share(profile.scan_ms)}) · full parse of ${profile.fallback_files} files ${profile.fallback_ms} · derive ${profile.derive_ms} · JSON ${profile.stringify_ms} · cache save ${profile.cache_save_ms} (${profile.cache_mb} MiB), warm load ${profile.cache_load_ms}`,
          ),
        );
      } catch (error) {
        results.profile = null;
        results.errors.profile = errorText(error);
        rows.push(missing("profile", "error", errorText(error)));
      }
    }

    // 4. The build, against Framework alone on our pages. 5–7. The built site.
    const siteDir = join(tmp, "site");
    let built = false;
    if (wants("build")) {
      try {
        log("build: empty Framework site …");
        const empty = await timeEmptyBuild({ timeoutMs: BUILD_TIMEOUT_MS });
        if (empty.code !== 0 || empty.pages !== 1) throw new Error(`observable build of the empty site exited ${empty.code}: ${empty.output.slice(-600)}`);
        results.build_empty_s = round(empty.seconds, 2);
      } catch (error) {
        results.build_empty_s = null;
        results.errors.build_empty_s = errorText(error);
      }
      try {
        const succeeded = <T extends CommandResult>(run: T, what: string): T => {
          if (run.code !== 0) throw new Error(`${what} exited ${run.code}: ${run.output.slice(-1500)}`);
          return run;
        };
        // First as on a fresh clone (Framework has bundled no node_modules package yet), then as
        // every later build in the same checkout runs.
        await rm(join(PROJECT_ROOT, "src/.observablehq/cache"), { recursive: true, force: true });
        log("build: npm run build on the committed data, nothing cached …");
        results.build_first_s = round(succeeded(await timeSiteBuild(siteDir, { timeoutMs: BUILD_TIMEOUT_MS }), "npm run build").seconds, 2);
        built = existsSync(join(siteDir, "index.html"));
        // The two builds alternate, so a change in this VM's speed falls on both sides of the ratio.
        const sites: SiteBuild[] = [];
        const frameworks: CommandResult[] = [];
        for (let i = 1; i <= buildRepeats; i++) {
          log(`build: npm run build, then observable build alone on the data it wrote (${i}/${buildRepeats}) …`);
          built = false;
          sites.push(succeeded(await timeSiteBuild(siteDir, { timeoutMs: BUILD_TIMEOUT_MS }), "npm run build"));
          built = existsSync(join(siteDir, "index.html"));
          // Framework clears no output root outside the project, and fails on what it finds there.
          const frameworkDir = join(tmp, "framework-only");
          await rm(frameworkDir, { recursive: true, force: true });
          frameworks.push(succeeded(await timeFrameworkBuild(frameworkDir, { timeoutMs: BUILD_TIMEOUT_MS }), "observable build"));
        }
        const site = medianRun(sites);
        const framework = medianRun(frameworks);
        results.build_s = round(site.seconds, 2);
        results.build_runs_s = site.runs_s.map((s) => round(s, 2));
        results.build_loaders = { count: site.loaders.length, total_s: site.loaders_s, slowest: site.loaders.slice(0, 5) };
        results.build_framework_s = round(framework.seconds, 2);
        results.build_framework_runs_s = framework.runs_s.map((s) => round(s, 2));
        results.build_over_framework = round(site.seconds / framework.seconds, 2);
      } catch (error) {
        results.build_s ??= null;
        results.build_over_framework = null;
        results.errors.build_s = errorText(error);
      }
      const empty = results.build_empty_s ?? null;
      const times = (s: number) => (empty ? `; ${round(s / empty, 1)}× empty` : "");
      const runs = (r: number[] | undefined) => (r && r.length > 1 ? `median of ${JSON.stringify(r)}` : "one run");
      if (results.build_s === null || results.build_s === undefined) {
        rows.push(missing("build_s", "error", results.errors.build_s ?? ""));
        rows.push(missing("build_over_framework", "error", "see build_s", `≤ ${TARGETS.build_over_framework}`));
      } else {
        rows.push(check("build_s", results.build_s, null, `npm run build, committed data, in this checkout after its first build; ${runs(results.build_runs_s)}${times(results.build_s)}; ${results.build_loaders?.count} data loaders ran in Framework (the build writes their output first)`));
        rows.push(check("build_framework_s", results.build_framework_s ?? null, null, `observable build alone on our pages, their data already written, each after one npm run build; ${runs(results.build_framework_runs_s)}${times(results.build_framework_s ?? 0)}`));
        rows.push(check("build_over_framework", results.build_over_framework ?? null, TARGETS.build_over_framework, "build_s / build_framework_s: what our own steps (npm, start, the data, images, checks) add to Framework's build"));
      }
      if (results.build_first_s) {
        rows.push(check("build_first_s", results.build_first_s, null, `the first build of a fresh clone: Framework also bundles the node_modules packages the pages import${times(results.build_first_s)}`));
      }
      // Reported for scale only: the ≤ 2× target against it gave way to build_over_framework (#15).
      rows.push(empty === null ? missing("build_empty_s", "error", results.errors.build_empty_s ?? "") : check("build_empty_s", empty, null, "one-page Framework site, same offline seeding; no target"));
    } else if (wants("pages") || wants("lighthouse") || wants("cls")) {
      log("build: npm run build for the built-site sections (untimed: --only leaves out build) …");
      try {
        const site = await timeSiteBuild(siteDir, { timeoutMs: BUILD_TIMEOUT_MS });
        if (site.code !== 0) throw new Error(`npm run build exited ${site.code}: ${site.output.slice(-1500)}`);
        built = existsSync(join(siteDir, "index.html"));
      } catch (error) {
        results.errors.build_s = errorText(error);
        rows.push(missing("build_s", "error", errorText(error)));
      }
    }
    if (wants("pages")) {
      if (!built) {
        rows.push(missing("pages", "skipped", "no built site (see build_s)"));
      } else {
        const embeds = await listEmbedPages(siteDir);
        const paths = [...PAGES, ...embeds];
        results.pages = {};
        try {
          log(`pages: ${paths.length} pages × ${loads} loads in Chromium …`);
          for (const m of await measurePages(siteDir, paths, { loads })) {
            const { path, ...rest } = m;
            results.pages[path] = rest;
            const embed = path.startsWith("/embed/");
            const limit = path === "/" ? TARGETS.overview_transfer_kb_gz : embed ? TARGETS.embed_transfer_kb_gz : null;
            const top = m.largest.slice(0, 2).map((l) => `${l.url} ${l.kb_gz}`).join(", ");
            rows.push(check(`${path} transfer_kb_gz`, m.transfer_kb_gz, limit, `${m.requests} requests, ${m.raw_kb} KiB raw; largest: ${top}${m.external.length ? `; ${m.external.length} EXTERNAL requests blocked` : ""}`));
            rows.push(
              m.first_chart_ms === null
                ? { metric: `${path} first_chart_ms`, value: null, target: `≤ ${TARGETS.first_chart_ms}`, result: "n/a", note: m.first_chart_runs_ms.some((r) => r !== null) ? `a chart appeared in only some loads: ${JSON.stringify(m.first_chart_runs_ms)}` : "no svg .mark drawn (no chart, or an empty one)" }
                : check(`${path} first_chart_ms`, m.first_chart_ms, TARGETS.first_chart_ms, `median of ${loads} cold loads ${JSON.stringify(m.first_chart_runs_ms)}; ${m.first_chart_from_nav_ms} ms from navigation`),
            );
          }
        } catch (error) {
          results.errors.pages = errorText(error);
          rows.push(missing("pages", "error", errorText(error)));
        }
        if (embeds.length === 0) rows.push(missing("embed transfer_kb_gz", "skipped", "no embed pages (embed/*.html) in the built site", `≤ ${TARGETS.embed_transfer_kb_gz}`));
      }
    }
    if (wants("lighthouse")) {
      if (!built) {
        rows.push(missing("lighthouse", "skipped", "no built site (see build_s)"));
      } else {
        // About 20 s a page on two cores, so --quick scores the overview only.
        const paths = quick ? PAGES.slice(0, 1) : PAGES;
        results.lighthouse = {};
        try {
          results.lighthouse_version = await ensureLighthouse(log);
          log(`lighthouse ${results.lighthouse_version}: ${paths.length} pages, mobile (the default config), one at a time …`);
          for (const page of await measureLighthouse(siteDir, paths, { reportDir: join(PROJECT_ROOT, "bench/results/lighthouse"), log })) {
            const { path, scores, error } = page;
            results.lighthouse[path] = { scores, error, report: shown(page.report) };
            if (scores === null) {
              results.errors[`lighthouse ${path}`] = error;
              rows.push(missing(`${path} lighthouse`, "error", errorText(error)));
              continue;
            }
            const external = scores.external.length ? `${scores.external.length} requests to other hosts: ${scores.external.slice(0, 2).join(", ")}` : "";
            const lost = (audits: string[]) => (audits.length ? `under 1: ${audits.slice(0, 4).join(", ")}` : "");
            const cls = scores.cls === null ? "—" : round(scores.cls, 3);
            const lcp = scores.lcp_ms === null ? "—" : Math.round(scores.lcp_ms);
            rows.push(checkAtLeast(`${path} lighthouse_performance`, scores.performance, TARGETS.lighthouse_performance, [`CLS ${cls}, LCP ${lcp} ms (simulated mobile)`, lost(scores.losses.performance), external].filter(Boolean).join("; ")));
            rows.push(checkAtLeast(`${path} lighthouse_accessibility`, scores.accessibility, TARGETS.lighthouse_accessibility, lost(scores.losses.accessibility), "="));
            rows.push(checkAtLeast(`${path} lighthouse_best_practices`, scores.best_practices, TARGETS.lighthouse_best_practices, lost(scores.losses.best_practices)));
          }
        } catch (error) {
          results.errors.lighthouse = errorText(error);
          rows.push(missing("lighthouse", "error", errorText(error)));
        }
      }
    }
    if (wants("cls")) {
      if (!built) {
        rows.push(missing("cls", "skipped", "no built site (see build_s)"));
      } else {
        results.cls = {};
        try {
          log(`cls: ${PAGES.length} pages × widths ${CLS_VIEWPORTS.map((v) => v.width).join("/")} × ${COLOR_SCHEMES.join("/")} in Chromium …`);
          for (const { path, ...page } of await measureLayoutShift(siteDir, PAGES)) {
            results.cls[path] = page;
            const all = page.runs.map((r) => `${r.width} ${r.scheme} ${r.cls}`).join(" · ");
            if (page.worst === null) {
              rows.push(missing(`${path} cls`, "error", `${page.error ?? ""}${all ? ` (measured: ${all})` : ""}`, `≤ ${TARGETS.cls}`));
              continue;
            }
            const { width, scheme, moved } = page.worst;
            const where = page.worst.cls === 0 ? "no shift at any width or scheme" : `worst at ${width} px ${scheme}, its largest shift moved ${moved.slice(0, 3).join(" ")}; all: ${all}`;
            rows.push(check(`${path} cls`, page.worst.cls, TARGETS.cls, where));
          }
        } catch (error) {
          results.errors.cls = errorText(error);
          rows.push(missing("cls", "error", errorText(error)));
        }
      }
    }
    // 8. /apps at scale (#16 item 4): the site built from the longest history, /apps in Chromium.
    if (wants("apps")) {
      const size = sizes[2]!;
      const suffix = quick ? `_${label(size)}` : "_5y";
      try {
        const { dir } = await record(size);
        const appsSite = join(tmp, "site-apps");
        log(`apps ${label(size)}: npm run build from that history (untimed) …`);
        const site = await timeSiteBuild(appsSite, { dataDir: dir, timeoutMs: BUILD_TIMEOUT_MS });
        if (site.code !== 0) throw new Error(`npm run build exited ${site.code}: ${site.output.slice(-1500)}`);
        log(`apps ${label(size)}: /apps in Chromium: first load, ${"apps' views"}, searches × ${loads} loads …`);
        const m = await measureApps(appsSite, { loads });
        results.apps = { ...m, history: size.label };
        const biggest = m.app_history.reduce((a, b) => (b.data_kb_gz > a.data_kb_gz ? b : a));
        rows.push(check(`apps_first_load_kb_gz${suffix}`, m.first_load.kb_gz, APPS_TARGETS.apps_first_load_kb_gz, `/apps with no query: HTML, JS, CSS and data/apps/index.json, ${m.first_load.requests} requests; largest: ${m.first_load.largest.slice(0, 3).map((l) => `${l.url} ${l.kb_gz}`).join(", ")}`));
        rows.push(check(`app_history_kb_gz${suffix}`, m.app_history_max_kb_gz, APPS_TARGETS.app_history_kb_gz, `data/apps/ files one app's view fetched, largest of ${m.app_history.length} apps: ${biggest.id} (${biggest.why}, ${biggest.series} charts): ${biggest.files.map((f) => `${f.url.replace(/^\/_file\/data\/apps\//, "")} ${f.kb_gz}`).join(", ")}; whole page ${biggest.page_kb_gz}`));
        rows.push(check(`apps_search_ms${suffix}`, m.search_median_ms, APPS_TARGETS.apps_search_ms, `input event to results painted, the query's file loaded by a first keystroke, median over queries of ${loads} fresh pages each: ${m.search.map((q) => `${JSON.stringify(q.query)} ${q.ms}`).join(", ")}; the first keystroke, its file fetched: ${m.search.map((q) => `${JSON.stringify(Array.from(q.query)[0])} ${q.first_keystroke_ms}`).join(", ")} (median ${m.first_keystroke_median_ms})`));
      } catch (error) {
        results.apps = null;
        results.errors.apps = errorText(error);
        rows.push(missing(`apps${suffix}`, "error", errorText(error)));
      }
    }
  } finally {
    cleanup();
  }

  const heading = quick ? `RedNote Tracker bench — QUICK (histories of ${sizes.map((s) => s.days).join("/")} days, not 1/2/5 years)` : "RedNote Tracker bench";
  console.log(formatTable(rows, machine, heading));
  const fails = rows.filter((r) => r.result === "FAIL").length;
  const errors = rows.filter((r) => r.result === "error").length;
  console.log(`\n${rows.filter((r) => r.result === "pass").length} pass, ${fails} FAIL, ${errors} error; load average ${loadavg().map((n) => n.toFixed(2)).join(" / ")} at the end`);
  await mkdir(join(out, ".."), { recursive: true });
  await writeFile(out, JSON.stringify(results, null, 1) + "\n");
  console.log(`written: ${shown(out)}`);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
