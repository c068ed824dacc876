/**
 * Cumulative layout shift in real headless Chromium (playwright-core): each page at each width and
 * colour scheme in a fresh context, after load, network idle and a settle, as the sum of every
 * buffered 'layout-shift' entry not caused by input. The plain sum, not Lighthouse's worst session
 * window: a reader sees every shift, and the sum is never smaller.
 */
import type { Page } from "playwright-core";

export const CLS_VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
] as const;
export const COLOR_SCHEMES = ["light", "dark"] as const;

export interface LayoutShiftRun {
  width: number;
  scheme: (typeof COLOR_SCHEMES)[number];
  cls: number;
  shifts: number;
  /** The elements the largest shift moved (tag#id.class), to say where to look. */
  moved: string[];
}

export interface LayoutShiftPage {
  path: string;
  runs: LayoutShiftRun[];
  /** The run with the largest sum (the first of equals); null when a load failed (see error). */
  worst: LayoutShiftRun | null;
  error: string | null;
}

// A string, not a function, so no bundler helper gets serialised into the page. takeRecords()
// right after observe() returns the buffered entries (the Performance Timeline spec queues them
// into the observer's buffer at once).
const READ_SHIFTS = `(() => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({ type: "layout-shift", buffered: true });
  const entries = observer.takeRecords().filter((e) => !e.hadRecentInput);
  observer.disconnect();
  const name = (node) => {
    if (!node) return "(removed)";
    if (node.nodeType !== 1) return node.parentElement ? "text in " + name(node.parentElement) : node.nodeName;
    const classes = [...node.classList].slice(0, 2).map((c) => "." + c).join("");
    return node.localName + (node.id ? "#" + node.id : "") + classes;
  };
  let largest = null;
  for (const e of entries) if (!largest || e.value > largest.value) largest = e;
  return {
    cls: entries.reduce((sum, e) => sum + e.value, 0),
    shifts: entries.length,
    moved: largest ? largest.sources.map((s) => name(s.node)) : [],
  };
})()`;

/** The layout shift `page` has seen so far. */
export async function readLayoutShift(page: Page): Promise<Pick<LayoutShiftRun, "cls" | "shifts" | "moved">> {
  const read = (await page.evaluate(READ_SHIFTS)) as Pick<LayoutShiftRun, "cls" | "shifts" | "moved">;
  return { ...read, cls: Math.round(read.cls * 10_000) / 10_000 };
}

/** Serves `siteDir` from 127.0.0.1 and measures each path at every viewport and scheme. */
export async function measureLayoutShift(siteDir: string, paths: readonly string[], options: { settleMs?: number } = {}): Promise<LayoutShiftPage[]> {
  const { launchBrowser, openPage } = await import("../tests/helpers/browser.ts");
  const { serveStatic } = await import("../tests/helpers/static-server.ts");
  const server = await serveStatic(siteDir, { gzip: true });
  const browser = await launchBrowser();
  try {
    const pages: LayoutShiftPage[] = [];
    for (const path of paths) {
      const runs: LayoutShiftRun[] = [];
      let error: string | null = null;
      try {
        for (const viewport of CLS_VIEWPORTS) {
          for (const scheme of COLOR_SCHEMES) {
            const opened = await openPage(browser, `${server.url}${path}`, { ...viewport, colorScheme: scheme });
            try {
              await opened.page.waitForTimeout(options.settleMs ?? 1_000);
              runs.push({ width: viewport.width, scheme, ...(await readLayoutShift(opened.page)) });
            } finally {
              await opened.close();
            }
          }
        }
      } catch (caught) {
        error = caught instanceof Error ? caught.message.split("\n")[0]! : String(caught);
      }
      const worst = runs.reduce<LayoutShiftRun | null>((w, r) => (w === null || r.cls > w.cls ? r : w), null);
      pages.push({ path, runs, worst: error ? null : worst, error });
    }
    return pages;
  } finally {
    await browser.close();
    await server.close();
  }
}
