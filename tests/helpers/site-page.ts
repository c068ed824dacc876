/**
 * Shared by the page tests: the axe exceptions for Framework's own chrome, and page-level checks.
 *
 * FRAMEWORK_CHROME is what axe reports in the markup Observable Framework 1.13.4 writes around every
 * page, which no page and no config option changes. Only these rules on these nodes are accepted:
 * the same rule anywhere else, or another rule here, fails. (The missing lang, the zoom-blocking
 * viewport and the unnamed <nav>s are fixed after the build by scripts/html-fixes.ts; the footer's
 * contrast by src/style.css.)
 */
import type { Frame, Page } from "playwright-core";
import { expect } from "vitest";
import type { AxeException, OpenedPage } from "./browser.ts";

export const FRAMEWORK_CHROME: readonly AxeException[] = [
  { id: "label-title-only", within: "#observablehq-sidebar-toggle", reason: "sidebar toggle checkbox, labelled only by title" },
  { id: "region", within: "#observablehq-sidebar-toggle", reason: "sidebar toggle sits outside any landmark" },
  { id: "list", within: "#observablehq-sidebar", reason: "sidebar <ol> has the close <label> as a direct child" },
];

/** Pixels the page is wider than the viewport (0 when nothing forces a horizontal scrollbar). */
export function horizontalOverflow(page: Page | Frame): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** What every page owes a reader: nothing wider than the screen, no script error, nothing asked of another host. */
export async function expectCleanPage(opened: OpenedPage): Promise<void> {
  expect(await horizontalOverflow(opened.page), "horizontal overflow in px").toBeLessThanOrEqual(1);
  expect(opened.consoleErrors, "console errors").toEqual([]);
  expect(opened.externalRequests, "requests to other hosts").toEqual([]);
}

/** The views every page is checked with axe in: a phone and a desktop, light and dark. */
export const AXE_VIEWS = [
  [320, "light"],
  [1280, "light"],
  [1280, "dark"],
] as const;
