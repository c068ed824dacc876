/**
 * The measurements behind `npm run bench` (bench/run.ts), as functions the smoke test can call on a
 * tiny history: each runs the real thing (the site's data loaders as Framework runs them, the real
 * build, the built pages in Chromium) and returns numbers, never a verdict.
 *
 * - `runLoader`: a Framework data loader as Framework runs it (`node --import tsx <loader>` from the project root,
 *   stdout to a file), with TRACKER_DATA_DIR set; wall time and peak RSS of the whole process tree
 *   (GNU time's %M; without /usr/bin/time, bench/loader-rss.mjs reports the loader's own maxRSS).
 * - `prepareHistory`: a synthetic chart history (bench/synthetic-history.ts) plus the committed
 *   editorial datasets, so the rankings loader matches tracked apps as it does on real data.
 * - `addOneDay`: one more day of charts through the store, for the incremental re-run.
 * - `profileRankings`: the rankings loader's steps timed in this process (manifest, file reads,
 *   CSV parsing, zod validation, derivation, JSON), to say where the time goes.
 * - `timeCommand` / `emptySite` / `timeFrameworkBuild`: `npm run build`, Framework's floor (a
 *   one-page site), and Framework alone on our pages.
 * - `measurePages`: per page, the gzip size of every response it loads and the time from
 *   DOMContentLoaded to the first `svg .mark` (median of several cold loads).
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { PROJECT_ROOT } from "../loaders/config.ts";
import { parseCsv } from "../loaders/csv.ts";
import type { ChartSnapshotRow } from "../loaders/schema.ts";
import { MANIFEST_FILE, readManifest, SEGMENT_DIR, type Resource } from "../loaders/store/manifest.ts";
import { readAll, resourcesToRead, storedFileReader } from "../loaders/store/read.ts";
import { openSiteStore } from "../src/data/outputs/site-store.ts";
import { openStore, type AnySnapshotInput } from "../loaders/store/write.ts";
import { seedNpmVersionCache } from "../scripts/npm-version-cache.ts";
import { latestRetrieved } from "../src/data/derive/as-of.ts";
import { scanChartSnapshot } from "../src/data/derive/chart-scan.ts";
import { summarizeRows, trackedIds } from "../src/data/derive/chart-summary.ts";
import { emptyFold, foldSnapshots, mergeFold, type SnapshotFile } from "../src/data/derive/chart-fold.ts";
import { deriveRankings } from "../src/data/derive/rankings.ts";
import { chartFoldKind } from "../src/data/lib/chart-folds.ts";
import { openFoldCache } from "../src/data/lib/fold-cache.ts";
import { generateHistory, type HistoryOptions, type HistorySummary } from "./synthetic-history.ts";

export const GNU_TIME = "/usr/bin/time";
const BIN = join(PROJECT_ROOT, "node_modules/.bin");
export const RANKINGS_LOADER = "src/data/rankings.json.ts";

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// The machine

export interface Machine {
  cpu: string;
  cores: number;
  ram_gb: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the run started: a busy machine inflates every time. */
  loadavg: number[];
}

export function machineInfo(): Machine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    ram_gb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadavg: loadavg().map((n) => round(n, 2)),
  };
}

// ---------------------------------------------------------------------------------------------
// Running a command, timed

export interface CommandResult {
  seconds: number;
  code: number | null;
  /** The end of stderr and stdout together (stdout only when it was not sent to a file). */
  output: string;
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Send stdout to this file (as Framework sends a loader's output to its cache). */
  stdoutFile?: string;
  timeoutMs?: number;
  /** How much of the output to keep (the end); default 8,000 characters. */
  maxOutput?: number;
}

/** Runs `file args` and times it from spawn to exit, wall clock. Never throws for a non-zero exit. */
export function timeCommand(file: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const out = options.stdoutFile ? openSync(options.stdoutFile, "w") : "pipe";
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-(options.maxOutput ?? 8_000));
    };
    const started = performance.now();
    const child = spawn(file, args, {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", NO_UPDATE_NOTIFIER: "1", NO_COLOR: "1", PATH: `${BIN}:${process.env.PATH ?? ""}`, ...options.env },
      stdio: ["ignore", out, "pipe"],
    });
    if (typeof out === "number") closeSync(out);
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      resolve({ seconds, code: code ?? (signal ? -1 : null), output: signal ? `${output}\nkilled by ${signal}` : output });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Data loaders

export interface LoaderRun {
  loader: string;
  args: string[];
  seconds: number;
  /** Peak resident set size, MiB, of the loader's process. */
  peak_rss_mb: number | null;
  /** User + system CPU seconds of the tree (GNU time only): less inflated than wall time on a busy machine. */
  cpu_s: number | null;
  output_bytes: number;
  /** What it printed, when asked for (`readOutput`). */
  output?: string;
  rss_method: "gnu-time" | "wrapper";
}

export class CommandFailed extends Error {}

/**
 * Runs a data loader the way Framework runs a `.ts` loader (observablehq.config.ts `interpreters`:
 * `node --import tsx <path>`) from the project root with stdout to a file, here with
 * TRACKER_DATA_DIR=`dataDir` and TRACKER_CACHE_DIR=`cacheDir` (an empty folder for a cold run).
 * Throws when it exits non-zero.
 */
export async function runLoader(loader: string, dataDir: string, options: { cacheDir: string; args?: string[]; timeoutMs?: number; readOutput?: boolean }): Promise<LoaderRun> {
  const args = options.args ?? [];
  const work = await mkdtemp(join(tmpdir(), "bench-loader-"));
  try {
    const stdoutFile = join(work, "out");
    const rssFile = join(work, "rss");
    const env = { TRACKER_DATA_DIR: dataDir, TRACKER_CACHE_DIR: options.cacheDir, BENCH_RSS_FILE: rssFile };
    const useTime = existsSync(GNU_TIME);
    const result = useTime
      ? await timeCommand(GNU_TIME, ["-f", "%M %U %S", "-o", rssFile, process.execPath, "--import", "tsx", loader, ...args], { env, stdoutFile, timeoutMs: options.timeoutMs })
      : await timeCommand(process.execPath, ["--import", join(PROJECT_ROOT, "bench/loader-rss.mjs"), "--import", "tsx", loader, ...args], { env, stdoutFile, timeoutMs: options.timeoutMs });
    if (result.code !== 0) throw new CommandFailed(`${loader} exited ${result.code} after ${result.seconds.toFixed(1)} s:\n${result.output.trim()}`);
    // GNU time writes "Command exited..." lines before its own when the command fails; take the last line.
    const [kb = NaN, user = NaN, system = NaN] = ((await readFile(rssFile, "utf8").catch(() => "")).trim().split("\n").at(-1) ?? "").split(" ").map(Number);
    return {
      loader,
      args,
      seconds: round(result.seconds, 3),
      peak_rss_mb: Number.isFinite(kb) && kb > 0 ? round(kb / 1024, 1) : null,
      cpu_s: Number.isFinite(user) && Number.isFinite(system) ? round(user + system, 2) : null,
      output_bytes: (await stat(stdoutFile)).size,
      ...(options.readOutput ? { output: await readFile(stdoutFile, "utf8") } : {}),
      rss_method: useTime ? "gnu-time" : "wrapper",
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * One file of the site's data (`sitePath`, e.g. data/rankings.json) derived inside its process,
 * timed without the process's start and imports (bench/derive-in-process.ts).
 */
export async function deriveInProcess(sitePath: string, dataDir: string, options: { cacheDir: string; timeoutMs?: number }): Promise<{ seconds: number; bytes: number }> {
  const env = { TRACKER_DATA_DIR: dataDir, TRACKER_CACHE_DIR: options.cacheDir };
  const result = await timeCommand(process.execPath, ["--import", "tsx", "bench/derive-in-process.ts", sitePath], { env, timeoutMs: options.timeoutMs });
  if (result.code !== 0) throw new CommandFailed(`bench/derive-in-process.ts ${sitePath} exited ${result.code}:\n${result.output.trim()}`);
  const { ms, bytes } = JSON.parse(result.output.trim().split("\n").at(-1)!) as { ms: number; bytes: number };
  return { seconds: round(ms / 1000, 3), bytes };
}

/** The build's data step on its own: every file of the site's data in one process (bench/site-data.ts). */
export const SITE_DATA = "bench/site-data.ts";
/** The rankings' reading of the store by DuckDB instead of the folds (bench/duckdb-rankings.ts). */
export const DUCKDB_RANKINGS = "bench/duckdb-rankings.ts";

// ---------------------------------------------------------------------------------------------
// Histories

export interface PreparedHistory extends HistorySummary {
  /** Editorial files copied from the committed data (tracked apps, events, reported numbers). */
  editorialFiles: number;
}

/**
 * The committed data's editorial datasets (every version), written into `dataDir` through the
 * store: the rankings loader needs tracked_apps to match chart rows to apps, as on real data.
 */
export async function importEditorial(dataDir: string, from = join(PROJECT_ROOT, "data")): Promise<number> {
  const manifest = await readManifest(from);
  const inputs: AnySnapshotInput[] = [];
  for (const resource of manifest.resources) {
    if (resource.dataset === "chart_snapshots") continue;
    const { rows, errors } = parseCsv(resource.dataset, await readFile(join(from, resource.path), "utf8"));
    if (errors.length > 0) throw new Error(`${resource.path}: ${errors[0]!.message}`);
    inputs.push({ dataset: resource.dataset, source: resource.source, scope: resource.scope, retrievedAt: resource.retrieved, rows, sources: resource.sources } as AnySnapshotInput);
  }
  if (inputs.length === 0) return 0;
  const store = await openStore(dataDir, { log: () => {} });
  try {
    await store.writeMany(inputs);
  } finally {
    await store.close();
  }
  return inputs.length;
}

export async function prepareHistory(options: HistoryOptions): Promise<PreparedHistory> {
  const summary = await generateHistory(options);
  const editorialFiles = await importEditorial(summary.dataDir);
  return { ...summary, editorialFiles };
}

/** Total size of the files under `dir`, bytes. */
export async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/**
 * A copy of a data directory whose files are hard links (snapshots are write-once and the store
 * replaces its manifest by rename, so writing into the copy never changes the original). Falls back
 * to a plain copy where hard links are refused.
 */
export async function linkCopy(from: string, to: string): Promise<void> {
  const linked = await timeCommand("cp", ["-al", from, to]);
  if (linked.code === 0) return;
  await rm(to, { recursive: true, force: true });
  const copied = await timeCommand("cp", ["-a", from, to]);
  if (copied.code !== 0) throw new Error(`could not copy ${from} to ${to}: ${copied.output}`);
}

/**
 * One more day of every chart in `dataDir`, through the store: each scope's newest snapshot a day
 * later, with two neighbouring apps swapped so it is a new file rather than "seen again".
 */
export async function addOneDay(dataDir: string): Promise<{ day: string; files: number }> {
  const manifest = await readManifest(dataDir);
  const newest = new Map<string, (typeof manifest.resources)[number]>();
  for (const r of manifest.resources) {
    if (r.dataset !== "chart_snapshots") continue;
    const key = `${r.source}/${r.scope}`;
    const current = newest.get(key);
    if (!current || current.retrieved < r.retrieved) newest.set(key, r);
  }
  if (newest.size === 0) throw new Error(`${dataDir} holds no chart snapshots to continue`);
  const inputs: AnySnapshotInput[] = [];
  let day = "";
  for (const resource of newest.values()) {
    const { rows } = parseCsv("chart_snapshots", await readFile(join(dataDir, resource.path), "utf8"));
    const later = (iso: string) => new Date(Date.parse(iso) + 86_400_000).toISOString();
    const retrievedAt = later(resource.retrieved);
    day = retrievedAt.slice(0, 10);
    const next: ChartSnapshotRow[] = rows.map((r) => ({ ...r, retrieved_at: retrievedAt, ...(r.feed_updated ? { feed_updated: later(r.feed_updated) } : {}) }));
    if (next.length >= 2) {
      // Swap ranks 1 and 2 (apps, not rank numbers): the chart moved.
      const [a, b] = [next[0]!, next[1]!];
      next[0] = { ...b, rank: a.rank };
      next[1] = { ...a, rank: b.rank };
    }
    inputs.push({ dataset: "chart_snapshots", source: resource.source, scope: resource.scope, retrievedAt, rows: next, sources: resource.sources });
  }
  const store = await openStore(dataDir, { log: () => {} });
  try {
    const results = await store.writeMany(inputs);
    return { day, files: results.filter((r) => r.status === "new").length };
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Where the rankings loader's time goes

export interface RankingsProfile {
  files: number;
  rows: number;
  csv_mb: number;
  /** readManifest (the index and every segment, parsed) plus choosing the files and their months. */
  manifest_ms: number;
  manifest_mb: number;
  /** The editorial datasets (reported, events, tracked_apps), read and validated in full. */
  editorial_ms: number;
  /** Reading every snapshot (as src/data/lib/chart-folds.ts reads them). */
  read_ms: number;
  /** The fast scanner (src/data/derive/chart-scan.ts) over every snapshot. */
  scan_ms: number;
  /** Files the scanner handed back to the full parse (zod), and their time. */
  fallback_files: number;
  fallback_ms: number;
  /** Folding each month's summaries, merging the months, and deriveRankings. */
  derive_ms: number;
  /** Writing the fold cache (cold: every month is new), then reading it back as a warm run would. */
  cache_save_ms: number;
  cache_load_ms: number;
  cache_mb: number;
  stringify_ms: number;
  output_bytes: number;
  total_ms: number;
}

/**
 * The rankings output's steps on a cold cache, each timed separately in this process: the same
 * functions as src/data/lib/chart-folds.ts and src/data/outputs/rankings.ts (manifest, editorial
 * rows, the reader, the scanner, the folds and their cache, deriveRankings), not a copy of their logic.
 */
export async function profileRankings(dataDir: string): Promise<RankingsProfile> {
  const t0 = performance.now();
  let t = performance.now();
  const manifest = await readManifest(dataDir);
  const months = await openSiteStore(dataDir).segments("chart_snapshots");
  const manifest_ms = performance.now() - t;

  t = performance.now();
  const reported = await readAll(dataDir, "reported", { manifest });
  const events = await readAll(dataDir, "events", { manifest });
  const apps = await readAll(dataDir, "tracked_apps", { manifest });
  const editorial_ms = performance.now() - t;

  const ids = trackedIds(apps);
  const cacheDir = await mkdtemp(join(tmpdir(), "bench-folds-"));
  const read = storedFileReader();
  let read_ms = 0;
  let scan_ms = 0;
  let fallback_ms = 0;
  let fallback_files = 0;
  let files = 0;
  let rows = 0;
  let bytes = 0;
  try {
    const cache = openFoldCache(cacheDir, chartFoldKind(ids));
    function* summaries(resources: readonly Resource[]): Generator<SnapshotFile> {
      for (const resource of resources) {
        let s = performance.now();
        const content = read(dataDir, resource);
        read_ms += performance.now() - s;
        files++;
        bytes += content.length;
        rows += resource.rows;
        s = performance.now();
        let charts = scanChartSnapshot(content, ids);
        scan_ms += performance.now() - s;
        if (!charts) {
          s = performance.now();
          charts = summarizeRows(parseCsv("chart_snapshots", content.toString("utf8")).rows, ids);
          fallback_ms += performance.now() - s;
          fallback_files++;
        }
        yield { resource, charts };
      }
    }
    t = performance.now();
    const fold = emptyFold();
    for (const month of months) {
      const part = await foldSnapshots(summaries(resourcesToRead(await month.resources(), "chart_snapshots")));
      cache.set(month.hash, part);
      mergeFold(fold, part);
    }
    const rankings = deriveRankings({ charts: fold, reported, events, apps, asOf: latestRetrieved(manifest.resources, ["reported", "events", "tracked_apps"], { confirmed: false }) });
    const derive_ms = performance.now() - t - read_ms - scan_ms - fallback_ms;
    t = performance.now();
    const json = JSON.stringify(rankings);
    const stringify_ms = performance.now() - t;
    t = performance.now();
    await cache.save();
    const cache_save_ms = performance.now() - t;
    t = performance.now();
    const warm = openFoldCache(cacheDir, chartFoldKind(ids));
    for (const month of months) warm.get(month.hash);
    const cache_load_ms = performance.now() - t;
    return {
      files,
      rows,
      csv_mb: round(bytes / 2 ** 20, 1),
      manifest_ms: round(manifest_ms, 0),
      manifest_mb: round((statSync(join(dataDir, MANIFEST_FILE)).size + (await directoryBytes(join(dataDir, SEGMENT_DIR)))) / 2 ** 20, 1),
      editorial_ms: round(editorial_ms, 0),
      read_ms: round(read_ms, 0),
      scan_ms: round(scan_ms, 0),
      fallback_files,
      fallback_ms: round(fallback_ms, 0),
      derive_ms: round(derive_ms, 0),
      cache_save_ms: round(cache_save_ms, 0),
      cache_load_ms: round(cache_load_ms, 0),
      cache_mb: round(await directoryBytes(cacheDir) / 2 ** 20, 1),
      stringify_ms: round(stringify_ms, 0),
      output_bytes: Buffer.byteLength(json),
      total_ms: round(performance.now() - t0 - cache_load_ms, 0),
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Builds

/** A one-page Framework site ("Hello") in a new temporary directory, seeded like ours for offline builds. */
export async function emptySite(): Promise<{ root: string; cleanup(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "bench-empty-site-"));
  await mkdir(join(root, "src"), { recursive: true });
  await writeFile(join(root, "src/index.md"), "# Hello\n");
  await writeFile(join(root, "observablehq.config.js"), 'export default { root: "src", title: "Empty" };\n');
  await seedNpmVersionCache(join(root, "src"));
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** `observable build` of the empty site (from its own directory, the project's Framework binary). */
export async function timeEmptyBuild(options: { timeoutMs?: number } = {}): Promise<CommandResult & { pages: number }> {
  const site = await emptySite();
  try {
    const result = await timeCommand(join(BIN, "observable"), ["build"], { cwd: site.root, timeoutMs: options.timeoutMs });
    const pages = existsSync(join(site.root, "dist/index.html")) ? 1 : 0;
    return { ...result, pages };
  } finally {
    await site.cleanup();
  }
}

/**
 * Framework's own share of `npm run build`: `observable build` alone, given the data the build
 * wrote into its cache (run after a build in this checkout), into `outputDir` (new or empty).
 */
export async function timeFrameworkBuild(outputDir: string, options: { timeoutMs?: number } = {}): Promise<CommandResult> {
  return timeCommand(join(BIN, "observable"), ["build"], { env: { TRACKER_OUTPUT_DIR: outputDir }, timeoutMs: options.timeoutMs, maxOutput: 2_000_000 });
}

export interface SiteBuild extends CommandResult {
  /** Data loaders Framework ran (not those it copied from its cache), from its log, slowest first. */
  loaders: { path: string; ms: number }[];
  loaders_s: number;
}

/** "load /data/x.json → [missing] success 1.2 kB in 2933ms" lines of Framework's build log. */
export function loaderTimes(log: string): { path: string; ms: number }[] {
  const times: { path: string; ms: number }[] = [];
  for (const m of log.matchAll(/load (\/\S+) → \[(\w+)\] success .*? in ([\d.]+)(ms|s)\b/g)) {
    if (m[2] === "fresh") continue;
    times.push({ path: m[1]!, ms: Number(m[3]) * (m[4] === "s" ? 1000 : 1) });
  }
  return times.sort((a, b) => b.ms - a.ms);
}

/** The real `npm run build` on the committed data (or TRACKER_DATA_DIR), into `outputDir`. */
export async function timeSiteBuild(outputDir: string, options: { dataDir?: string; timeoutMs?: number } = {}): Promise<SiteBuild> {
  const result = await timeCommand("npm", ["run", "build"], {
    env: { TRACKER_OUTPUT_DIR: outputDir, ...(options.dataDir ? { TRACKER_DATA_DIR: options.dataDir } : {}) },
    timeoutMs: options.timeoutMs,
    maxOutput: 2_000_000,
  });
  const loaders = loaderTimes(result.output);
  return { ...result, loaders, loaders_s: round(loaders.reduce((n, l) => n + l.ms, 0) / 1000, 1) };
}

// ---------------------------------------------------------------------------------------------
// Pages in Chromium

export interface PageMeasurement {
  path: string;
  /** Sum over every response the page loaded: gzip size for text types, raw size otherwise. */
  transfer_kb_gz: number;
  raw_kb: number;
  requests: number;
  /** The biggest responses, gzipped KiB, for a first look at what to cut. */
  largest: { url: string; kb_gz: number }[];
  /** Median over the loads of the time from DOMContentLoaded to the first `svg .mark`; null when none appeared. */
  first_chart_ms: number | null;
  first_chart_runs_ms: (number | null)[];
  /** The same moment from navigation start (performance.now()), median. */
  first_chart_from_nav_ms: number | null;
  /** Requests to any other host (the site must make none; they are blocked). */
  external: string[];
}

const INIT_SCRIPT = `(() => {
  const bench = (window.__bench = { dcl: null, chart: null });
  document.addEventListener("DOMContentLoaded", () => { bench.dcl = performance.now(); }, { once: true });
  const check = () => {
    if (bench.chart === null && document.querySelector("svg .mark")) { bench.chart = performance.now(); observer.disconnect(); }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
})();`;

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Built HTML pages under `siteDir`/embed/ that are chart embeds (not the /embed instructions page). */
export async function listEmbedPages(siteDir: string): Promise<string[]> {
  const entries = await readdir(join(siteDir, "embed"), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => `/embed/${e.name.replace(/\.html$/, "")}`)
    .sort();
}

/**
 * Serves `siteDir` from 127.0.0.1 and loads each path `loads` times in fresh Chromium contexts
 * (cold cache). Transfer is counted from the first load, as the gzip size of each requested file
 * on disk. `chartTimeoutMs`: how long after network idle to keep waiting for a chart.
 */
export async function measurePages(siteDir: string, paths: readonly string[], options: { loads?: number; chartTimeoutMs?: number; width?: number } = {}): Promise<PageMeasurement[]> {
  const { launchBrowser, isLocalUrl } = await import("../tests/helpers/browser.ts");
  const { serveStatic, resolveSitePath, compressible } = await import("../tests/helpers/static-server.ts");
  const loads = options.loads ?? 3;
  const server = await serveStatic(siteDir);
  const browser = await launchBrowser();
  const gzCache = new Map<string, { raw: number; gz: number }>();
  const sizeOf = async (file: string) => {
    let size = gzCache.get(file);
    if (!size) {
      const bytes = await readFile(file);
      size = { raw: bytes.length, gz: compressible(file) ? gzipSync(bytes, { level: 6 }).length : bytes.length };
      gzCache.set(file, size);
    }
    return size;
  };
  try {
    const results: PageMeasurement[] = [];
    for (const path of paths) {
      const runs: (number | null)[] = [];
      const fromNav: number[] = [];
      let transfer: Pick<PageMeasurement, "transfer_kb_gz" | "raw_kb" | "requests" | "largest" | "external"> | undefined;
      for (let i = 0; i < loads; i++) {
        const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, serviceWorkers: "block" });
        try {
          const requested: string[] = [];
          const external: string[] = [];
          await context.route("**/*", async (route) => {
            const url = route.request().url();
            if (isLocalUrl(url)) return route.continue();
            external.push(url);
            return route.abort("blockedbyclient");
          });
          await context.addInitScript(INIT_SCRIPT);
          const page = await context.newPage();
          page.on("requestfinished", (request) => requested.push(request.url()));
          const response = await page.goto(`${server.url}${path}`, { waitUntil: "networkidle", timeout: 60_000 });
          if (!response?.ok()) throw new Error(`${path} answered ${response?.status() ?? "nothing"}`);
          await page.waitForFunction(() => (window as unknown as { __bench: { chart: number | null } }).__bench.chart !== null, undefined, { timeout: options.chartTimeoutMs ?? 3_000 }).catch(() => {});
          const marks = await page.evaluate(() => (window as unknown as { __bench: { dcl: number | null; chart: number | null } }).__bench);
          runs.push(marks.chart !== null && marks.dcl !== null ? round(marks.chart - marks.dcl, 1) : null);
          if (marks.chart !== null) fromNav.push(marks.chart);
          if (i === 0) {
            let gz = 0;
            let raw = 0;
            const sized: { url: string; kb_gz: number }[] = [];
            for (const url of requested) {
              const parsed = new URL(url);
              if (!isLocalUrl(url) || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) continue;
              const file = await resolveSitePath(siteDir, parsed.pathname);
              if (!file) continue;
              const size = await sizeOf(file);
              gz += size.gz;
              raw += size.raw;
              sized.push({ url: parsed.pathname, kb_gz: round(size.gz / 1024, 1) });
            }
            sized.sort((a, b) => b.kb_gz - a.kb_gz);
            transfer = { transfer_kb_gz: round(gz / 1024, 1), raw_kb: round(raw / 1024, 1), requests: sized.length, largest: sized.slice(0, 5), external };
          }
        } finally {
          await context.close();
        }
      }
      const timed = runs.filter((r): r is number => r !== null);
      results.push({
        path,
        ...transfer!,
        // A chart that did not appear in some loads is a chart that did not appear: report none.
        first_chart_ms: timed.length === runs.length ? round(median(timed)!, 1) : null,
        first_chart_runs_ms: runs,
        first_chart_from_nav_ms: fromNav.length === runs.length ? round(median(fromNav)!, 1) : null,
      });
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** `path` relative to the project, for messages. */
export const shown = (path: string) => (path.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, path) || "." : path);
