/**
 * Shared by the Data and Methodology page tests: the axe exceptions for Framework's own chrome
 * (the same as tests/site/home.e2e.test.ts, which explains them) and page-level checks.
 */
import type { Page } from "playwright-core";
import type { AxeException } from "./browser.ts";

export const FRAMEWORK_CHROME: readonly AxeException[] = [
  { id: "label-title-only", within: "#observablehq-sidebar-toggle", reason: "sidebar toggle checkbox, labelled only by title" },
  { id: "region", within: "#observablehq-sidebar-toggle", reason: "sidebar toggle sits outside any landmark" },
  { id: "list", within: "#observablehq-sidebar", reason: "sidebar <ol> has the close <label> as a direct child" },
  {
    id: "landmark-unique",
    within: "#observablehq-sidebar",
    reason: "with several pages Framework writes two unnamed <nav>s, the sidebar and the previous/next pager; neither takes a label from config",
  },
];

/** Pixels the page is wider than the viewport (0 when nothing forces a horizontal scrollbar). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
