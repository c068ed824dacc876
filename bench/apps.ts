/**
 * /apps at scale (#16 item 4), in headless Chromium on a site built from a long history: what the
 * page transfers on first load; what one app's view fetches of data/apps/ (its history file, the
 * charts' days, its id file), the largest over a sample of apps that includes the one in the most
 * charts; and how long a search takes from the input event to its results painted, for a few
 * queries including CJK and an id: the whole query once its file is loaded (the first keystroke in
 * a fresh page fetched it, and that keystroke is timed too).
 * Sizes are each requested file's gzip size on disk (level 6, as bench/measure.ts measurePages).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import type { AppsRanks } from "../src/components/app-types.ts";

export const APPS_TARGETS = { apps_first_load_kb_gz: 150, app_history_kb_gz: 50, apps_search_ms: 50 } as const;

export interface AppsMeasurement {
  first_load: { kb_gz: number; requests: number; largest: { url: string; kb_gz: number }[] };
  /** Per sampled app: what its view fetched of data/apps/, and the whole page with it. */
  app_history: { id: string; why: string; series: number; data_kb_gz: number; page_kb_gz: number; files: { url: string; kb_gz: number }[] }[];
  app_history_max_kb_gz: number;
  /**
   * Per query, the median of `loads` fresh pages (and each run): `ms`, the whole query once its
   * file is loaded; `first_keystroke_ms`, its first character typed into the fresh page, the file's
   * fetch included.
   */
  search: { query: string; why: string; results: string; ms: number; runs_ms: number[]; first_keystroke_ms: number; first_keystroke_runs_ms: number[] }[];
  search_median_ms: number;
  first_keystroke_median_ms: number;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const CJK = /^[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]{2}/u;

/**
 * The apps to open: the one in the most charts, the one with the most points, and the first of a
 * few history files, with why; and the first name in Latin letters and in CJK, to search for.
 */
async function sampleApps(siteDir: string): Promise<{ sample: { id: string; why: string; series: number }[]; latin?: string; cjk?: string }> {
  const dir = join(siteDir, "_file/data/apps");
  const files = (await readdir(dir)).filter((f) => /^history-[0-9a-f]{2}\.[0-9a-f]+\.json$/.test(f)).sort();
  let most: { id: string; series: number; points: number; name: string } | undefined;
  let longest: typeof most;
  const firsts: NonNullable<typeof most>[] = [];
  let largest = { file: "", bytes: 0, id: "" };
  let latin: string | undefined;
  let cjk: string | undefined;
  for (const [i, file] of files.entries()) {
    const text = await readFile(join(dir, file), "utf8");
    const shard = JSON.parse(text) as AppsRanks;
    const apps = Object.entries(shard.apps).map(([id, a]) => ({ id, series: a.series.length, points: a.series.reduce((n, s) => n + s.points.length / 2, 0), name: a.names[0]?.name ?? "" }));
    for (const app of apps) {
      latin ??= /^[a-z]{3}/i.test(app.name) ? app.name : undefined;
      cjk ??= CJK.test(app.name) ? app.name : undefined;
      if (!most || app.series > most.series) most = app;
      if (!longest || app.points > longest.points) longest = app;
    }
    if (text.length > largest.bytes && apps[0]) largest = { file, bytes: text.length, id: apps[0].id };
    if (i % 64 === 0 && apps[0]) firsts.push(apps[0]);
  }
  if (!most || !longest) return { sample: [] };
  const sample = [
    { ...most, why: "in the most charts" },
    { ...longest, why: "the most measured points" },
    ...firsts.map((a) => ({ ...a, why: "first of its history file" })),
  ];
  if (largest.id && !sample.some((a) => a.id === largest.id)) sample.push({ id: largest.id, series: 0, points: 0, name: "", why: `in the largest history file (${largest.file})` });
  return { sample: sample.filter((a, i) => sample.findIndex((b) => b.id === a.id) === i), latin, cjk };
}

/** In the page: sets the search's input to `q` and times the input event to its results painted (the frame after they were put in, then its task). */
function timeInput(q: string): Promise<{ ms: number; text: string }> {
  return new Promise((resolve) => {
    const input = document.getElementById("app-q") as HTMLInputElement;
    const box = document.getElementById("app-results")!;
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (!box.firstElementChild) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - start, text: box.querySelector("p")?.textContent ?? "" }), 0));
    });
    observer.observe(box, { childList: true, subtree: true });
    input.value = q;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

export async function measureApps(siteDir: string, options: { loads?: number } = {}): Promise<AppsMeasurement> {
  const loads = options.loads ?? 3;
  const { launchBrowser, isLocalUrl } = await import("../tests/helpers/browser.ts");
  const { serveStatic, resolveSitePath, compressible } = await import("../tests/helpers/static-server.ts");
  const server = await serveStatic(siteDir);
  const browser: Browser = await launchBrowser();
  const sizes = new Map<string, number>();
  const gz = async (pathname: string) => {
    let size = sizes.get(pathname);
    if (size === undefined) {
      const file = await resolveSitePath(siteDir, pathname);
      const bytes = file ? await readFile(file) : Buffer.alloc(0);
      sizes.set(pathname, (size = file && compressible(file) ? gzipSync(bytes, { level: 6 }).length : bytes.length));
    }
    return size;
  };
  /** Opens `path` in a fresh context; `then` runs once the network is idle. Returns what it requested, by path, with gzip sizes. */
  const visit = async <T>(path: string, then: (page: import("playwright-core").Page) => Promise<T>) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
    try {
      const requested: string[] = [];
      await context.route("**/*", (route) => (isLocalUrl(route.request().url()) ? route.continue() : route.abort("blockedbyclient")));
      const page = await context.newPage();
      page.on("requestfinished", (request) => requested.push(request.url()));
      const response = await page.goto(`${server.url}${path}`, { waitUntil: "networkidle", timeout: 60_000 });
      if (!response?.ok()) throw new Error(`${path} answered ${response?.status() ?? "nothing"}`);
      const value = await then(page);
      await page.waitForLoadState("networkidle");
      const files = await Promise.all(
        requested.filter((u) => isLocalUrl(u) && u.startsWith("http")).map(async (u) => ({ url: new URL(u).pathname, bytes: await gz(new URL(u).pathname) })),
      );
      return { value, files };
    } finally {
      await context.close();
    }
  };
  const kb = (files: readonly { bytes: number }[]) => round(files.reduce((n, f) => n + f.bytes, 0) / 1024);
  const listed = (files: readonly { url: string; bytes: number }[]) => [...files].sort((a, b) => b.bytes - a.bytes).map((f) => ({ url: f.url, kb_gz: round(f.bytes / 1024) }));

  try {
    const first = await visit("/apps", async () => undefined);
    const { sample, latin, cjk } = await sampleApps(siteDir);
    const app_history: AppsMeasurement["app_history"] = [];
    for (const app of sample) {
      const { files } = await visit(`/apps?id=${encodeURIComponent(app.id)}`, (page) => page.waitForSelector("#app-view svg circle.mark", { timeout: 30_000 }));
      const data = files.filter((f) => f.url.startsWith("/_file/data/apps/"));
      app_history.push({ id: app.id, why: app.why, series: app.series, data_kb_gz: kb(data), page_kb_gz: kb(files), files: listed(data) });
    }

    // A Latin prefix, CJK prefixes (Han and kana, if the history has such names), one letter, an id.
    const queries = [
      ...(latin ? [{ query: latin.slice(0, 3).toLowerCase(), why: "a Latin prefix" }] : []),
      { query: "小", why: "one CJK character" },
      ...(cjk ? [{ query: Array.from(cjk).slice(0, 2).join(""), why: "a CJK prefix" }] : []),
      { query: "s", why: "one letter" },
      ...(sample[0] ? [{ query: sample[0].id, why: "an App Store id" }] : []),
    ];
    const search: AppsMeasurement["search"] = [];
    for (const { query, why } of queries) {
      const runs: number[] = [];
      const colds: number[] = [];
      let results = "";
      for (let i = 0; i < loads; i++) {
        const { value } = await visit("/apps", async (page) => {
          // The first keystroke fetches the query's file; the whole query then answers from it.
          const cold = await page.evaluate(timeInput, Array.from(query)[0]!);
          return { cold, warm: await page.evaluate(timeInput, query) };
        });
        colds.push(round(value.cold.ms));
        runs.push(round(value.warm.ms));
        results = value.warm.text;
      }
      search.push({ query, why, results, ms: round(median(runs)), runs_ms: runs, first_keystroke_ms: round(median(colds)), first_keystroke_runs_ms: colds });
    }
    return {
      first_load: { kb_gz: kb(first.files), requests: first.files.length, largest: listed(first.files).slice(0, 5) },
      app_history,
      app_history_max_kb_gz: Math.max(...app_history.map((a) => a.data_kb_gz)),
      search,
      search_median_ms: round(median(search.map((s) => s.ms))),
      first_keystroke_median_ms: round(median(search.map((s) => s.first_keystroke_ms))),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
