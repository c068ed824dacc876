/**
 * Chromium for the site tests: Debian's /usr/bin/chromium driven by playwright-core (no browser
 * download). Pages opened with `openPage` can reach 127.0.0.1 only: every other request is recorded
 * and aborted, so a test both proves and enforces that a reader's browser calls no other host.
 *
 * Without /usr/bin/chromium the browser tests are skipped with a message, except in CI
 * (CI=true), where a missing browser is an error: CI must never pass by skipping them.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { describe } from "vitest";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const browserAvailable = existsSync(CHROMIUM_PATH);

if (!browserAvailable) {
  const message = `${CHROMIUM_PATH} not found: install Debian's chromium package (apt-get install chromium) to run the browser tests.`;
  if (process.env.CI === "true") throw new Error(`${message} CI=true, so this is an error, not a skip.`);
  console.warn(`SKIPPING browser tests: ${message}`);
}

/** `describe` when Chromium is there, `describe.skip` (with the warning above) when it is not. */
export const describeBrowser = describe.skipIf(!browserAvailable);

/** Chromium's flags for the tests, and for the bench's Lighthouse runs (which cannot route requests). */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
  // Belt and braces for what page routing cannot see (DNS prefetch, preconnect): no name
  // but the loopback ones resolves.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True for addresses a page may load: the local server and in-page schemes (data:, blob:, about:). */
export function isLocalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === "data:" || parsed.protocol === "blob:" || parsed.protocol === "about:") return true;
  return LOCAL_HOSTS.has(parsed.hostname);
}

export interface OpenPageOptions {
  /** false: the page as a reader with scripts off sees it. */
  javaScriptEnabled?: boolean;
  width: number;
  /** Defaults to 900. */
  height?: number;
  colorScheme?: "light" | "dark";
  /** When `goto` returns; defaults to "networkidle" (Framework renders cells after load). */
  waitUntil?: "load" | "domcontentloaded" | "networkidle";
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** `console.error` messages and uncaught exceptions, in order. */
  consoleErrors: string[];
  /** Every URL the page asked for on a host other than 127.0.0.1/localhost (each was aborted). */
  externalRequests: string[];
  close(): Promise<void>;
}

/** Opens `url` in a fresh context with that viewport, recording errors and other-host requests. */
export async function openPage(browser: Browser, url: string, options: OpenPageOptions): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? "light",
    serviceWorkers: "block",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const consoleErrors: string[] = [];
  const externalRequests: string[] = [];
  // Routing at context level also covers popups and workers the page starts.
  await context.route("**/*", async (route) => {
    const requested = route.request().url();
    if (isLocalUrl(requested)) return route.continue();
    externalRequests.push(requested);
    return route.abort("blockedbyclient");
  });
  await context.routeWebSocket(/.*/, (ws) => {
    if (isLocalUrl(ws.url())) ws.connectToServer();
    else {
      externalRequests.push(ws.url());
      ws.close();
    }
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location();
    consoleErrors.push(`console.error: ${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ""}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.stack ?? error.message}`));
  const close = (): Promise<void> => context.close();
  try {
    const response = await page.goto(url, { waitUntil: options.waitUntil ?? "networkidle" });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? "nothing"}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { page, context, consoleErrors, externalRequests, close };
}

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[] }[];
}

/** A violation axe may report without failing a test: a rule, on nodes matching or inside `within`. */
export interface AxeException {
  id: string;
  /** CSS selector: a node is excused when it matches it or sits inside a match. */
  within: string;
  /** Why it is accepted (whose markup it is and why the page cannot change it). */
  reason: string;
}

export interface AxeOptions {
  /** Nodes to leave out, e.g. Framework's own chrome that no page or config can change. */
  ignore?: readonly AxeException[];
}

/**
 * Runs axe-core (from node_modules, injected inline: no CDN) on the page as it is now and returns
 * its violations as readable lines: "id [impact] help — first targets (n nodes)". Nodes excused by
 * `ignore` are dropped; a rule with no node left is not reported.
 */
export async function axe(page: Page, options: AxeOptions = {}): Promise<string[]> {
  axeSource ??= readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated through DevTools, not added as an inline <script>: the site's Content-Security-Policy
  // (rightly) refuses inline scripts it did not hash.
  await page.evaluate(await axeSource);
  const ignore = (options.ignore ?? []).map(({ id, within }) => ({ id, within }));
  const violations = await page.evaluate(async (ignore) => {
    const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } };
    const results = await axe.run(document, { resultTypes: ["violations"] });
    const excused = (id: string, target: unknown[]): boolean => {
      // target has one selector per frame/shadow level; the page's own nodes have exactly one.
      if (target.length !== 1 || typeof target[0] !== "string") return false;
      const element = document.querySelector(target[0]);
      return element !== null && ignore.some((e) => e.id === id && element.closest(e.within) !== null);
    };
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.filter((n) => !excused(v.id, n.target)).map((n) => n.target.map(String).join(" ")),
    }));
  }, ignore);
  return violations.flatMap((v) => {
    if (v.targets.length === 0) return [];
    const more = v.targets.length > 3 ? `, … (${v.targets.length} nodes)` : "";
    return [`${v.id} [${v.impact ?? "?"}] ${v.help} — ${v.targets.slice(0, 3).join(", ")}${more}`];
  });
}
