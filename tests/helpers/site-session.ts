/**
 * What every page test in Chromium starts from: a browser and the built site served on 127.0.0.1
 * for the enclosing `describe`, both closed after it, the widths pages are checked at, and where
 * their screenshots go.
 */
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { launchBrowser } from "./browser.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

export const WIDTHS = [320, 768, 1280] as const;
export const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), "../../test-results/screenshots");

export interface SiteSession {
  readonly browser: Browser;
  /** The served site's root, e.g. http://127.0.0.1:40123 */
  readonly url: string;
}

export function useSite(): SiteSession {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveStatic(inject("siteDir"))]);
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });
  return {
    get browser() {
      if (!browser) throw new Error("useSite(): the browser starts in beforeAll; use it inside a test");
      return browser;
    },
    get url() {
      if (!server) throw new Error("useSite(): the site is served in beforeAll; use it inside a test");
      return server.url;
    },
  };
}
