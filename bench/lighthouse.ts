/**
 * Lighthouse 12 with its default (mobile) config on pages of the built site served from 127.0.0.1,
 * in Debian's Chromium (CHROME_PATH=/usr/bin/chromium), one page at a time.
 *
 * Lighthouse is not a devDependency: its ~200 packages made `npm ci` on a fresh clone take 32–34 s
 * instead of 23–27 s here, against the 40 s the repository's before-stop hook allows. The bench
 * installs it into bench/.cache/lighthouse-12/ (gitignored) on first use and runs its CLI from there.
 * Each page's whole report is kept in `reportDir` (bench/results/lighthouse/, gitignored).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { PROJECT_ROOT } from "../loaders/config.ts";
import { shown, timeCommand } from "./measure.ts";

export const LIGHTHOUSE_SPEC = "lighthouse@12";
export const LIGHTHOUSE_DIR = join(PROJECT_ROOT, "bench/.cache/lighthouse-12");
const PACKAGE_DIR = join(LIGHTHOUSE_DIR, "node_modules/lighthouse");
const CLI = join(PACKAGE_DIR, "cli/index.js");
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
type Category = (typeof CATEGORIES)[number];

/** Installs Lighthouse into its cache folder unless it is there; its version. */
export async function ensureLighthouse(log: (message: string) => void): Promise<string> {
  if (!existsSync(CLI)) {
    log(`lighthouse: installing ${LIGHTHOUSE_SPEC} into ${shown(LIGHTHOUSE_DIR)} (once; about 20 s) …`);
    await mkdir(LIGHTHOUSE_DIR, { recursive: true });
    const install = await timeCommand("npm", ["install", "--prefix", LIGHTHOUSE_DIR, "--no-audit", "--no-fund", LIGHTHOUSE_SPEC], { timeoutMs: 10 * 60_000 });
    if (install.code !== 0 || !existsSync(CLI)) {
      throw new Error(`npm install ${LIGHTHOUSE_SPEC} into ${shown(LIGHTHOUSE_DIR)} exited ${install.code}: ${install.output.slice(-600)} — check that npm can reach its registry, then run the bench again`);
    }
  }
  return (JSON.parse(await readFile(join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string }).version;
}

export interface LighthouseScores {
  performance: number | null;
  accessibility: number | null;
  best_practices: number | null;
  /** Cumulative layout shift and largest contentful paint (simulated slow 4G, 4× CPU), from the report. */
  cls: number | null;
  lcp_ms: number | null;
  /** Per category, the scored audits that lost points, "id score", lowest first: where to look. */
  losses: Record<"performance" | "accessibility" | "best_practices", string[]>;
  /** Requests the page made to any host but 127.0.0.1/localhost (there must be none). */
  external: string[];
  warnings: string[];
}

interface Report {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] } | undefined>;
  audits: Record<string, { score: number | null; numericValue?: number; details?: { items?: { url?: string }[] } } | undefined>;
  runWarnings?: string[];
  runtimeError?: { code: string; message: string };
}

/** The numbers the bench keeps from a Lighthouse JSON report (its `lhr`). */
export function readLighthouseReport(report: Report): LighthouseScores {
  if (report.runtimeError) throw new Error(`Lighthouse could not load the page: ${report.runtimeError.code} ${report.runtimeError.message}`);
  const score = (id: string) => report.categories[id]?.score ?? null;
  const value = (id: string) => report.audits[id]?.numericValue ?? null;
  const losses = (category: Category) =>
    (report.categories[category]?.auditRefs ?? [])
      .flatMap((ref) => {
        const score = report.audits[ref.id]?.score;
        return ref.weight > 0 && typeof score === "number" && score < 1 ? [{ id: ref.id, score }] : [];
      })
      .sort((a, b) => a.score - b.score)
      .map((a) => `${a.id} ${a.score}`);
  const urls = (report.audits["network-requests"]?.details?.items ?? []).map((item) => item.url ?? "");
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    best_practices: score("best-practices"),
    cls: value("cumulative-layout-shift"),
    lcp_ms: value("largest-contentful-paint"),
    losses: { performance: losses("performance"), accessibility: losses("accessibility"), best_practices: losses("best-practices") },
    external: urls.filter((url) => !/^(data:|blob:|about:|https?:\/\/(127\.0\.0\.1|localhost)[:/])/.test(url)),
    warnings: report.runWarnings ?? [],
  };
}

/** Chromium's own flag syntax, as Lighthouse's --chrome-flags parses it: values with spaces quoted. */
const chromeFlags = (flags: readonly string[]) => flags.map((f) => (f.includes(" ") ? f.replace(/=(.*)$/, '="$1"') : f)).join(" ");

/** Lighthouse on `url`, its report written to `reportFile`. */
export async function runLighthouse(url: string, reportFile: string, options: { chromiumPath: string; chromiumArgs: readonly string[]; timeoutMs?: number }): Promise<LighthouseScores> {
  await rm(reportFile, { force: true });
  const run = await timeCommand(
    process.execPath,
    [CLI, url, "--output=json", `--output-path=${reportFile}`, `--only-categories=${CATEGORIES.join(",")}`, `--chrome-flags=${chromeFlags(options.chromiumArgs)}`, "--quiet"],
    { env: { CHROME_PATH: options.chromiumPath }, timeoutMs: options.timeoutMs ?? 3 * 60_000 },
  );
  if (run.code !== 0 || !existsSync(reportFile)) throw new Error(`lighthouse ${url} exited ${run.code}: ${run.output.slice(-600)}`);
  return readLighthouseReport(JSON.parse(await readFile(reportFile, "utf8")) as Report);
}

export type LighthousePage = { path: string; report: string } & ({ scores: LighthouseScores; error: null } | { scores: null; error: string });

/** Serves `siteDir` (gzipped, as a static host does) and runs Lighthouse on each path in turn. */
export async function measureLighthouse(siteDir: string, paths: readonly string[], options: { reportDir: string; log: (message: string) => void }): Promise<LighthousePage[]> {
  const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import("../tests/helpers/browser.ts");
  const { serveStatic } = await import("../tests/helpers/static-server.ts");
  await mkdir(options.reportDir, { recursive: true });
  const server = await serveStatic(siteDir, { gzip: true });
  try {
    const pages: LighthousePage[] = [];
    for (const path of paths) {
      const report = join(options.reportDir, `${path === "/" ? "index" : path.slice(1).replaceAll("/", "-")}.json`);
      options.log(`lighthouse ${path} …`);
      try {
        pages.push({ path, report, scores: await runLighthouse(`${server.url}${path}`, report, { chromiumPath: CHROMIUM_PATH, chromiumArgs: CHROMIUM_ARGS }), error: null });
      } catch (error) {
        pages.push({ path, report, scores: null, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return pages;
  } finally {
    await server.close();
  }
}
