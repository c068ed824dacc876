/**
 * In the browser: one app's rank history as an embed, /embed/app?id=…&country=…&theme=… (printed by
 * ./page.ts), or drawn by the exported module /embed/app.js into another site's element. The app
 * is loaded and shown by /apps's own functions (src/client/apps.ts), so both show the same view.
 * /apps's data files have hashed names; the embed page lists them as <link data-file> elements,
 * whose addresses Framework writes at build: the page reads them from itself, the module from the
 * page it fetches.
 */
import { loadApp, showApp, type AppsFile } from "../client/apps.js";
import { APPS_INDEX_PATH } from "../components/app-shards.js";
import type { AppsIndex } from "../components/app-types.js";
import { APP_EMBED } from "./charts.js";
import { creditLine } from "./credit.js";
import { COUNTRY_PATTERN } from "./params.js";
import { childIdFrom, startPymChild } from "./pym.js";
import { THEMES } from "./query.js";
import { messageBox, SITE_ROOT, siteUrl } from "./runtime.js";

/** `draw`'s options and the embed's query: the app's store id, and a storefront to show alone. */
export interface AppEmbedOptions {
  id?: string | null;
  country?: string | null;
}

const REFRESH = "npm run refresh -- --source apple-charts";

/** Fetches the data files listed by the embed page `document`, read at the address `base`. */
export function listedFiles(document: Document, base: string): AppsFile {
  const urls = new Map([...document.querySelectorAll("link[data-file]")].map((l) => [l.getAttribute("data-file")!, new URL(l.getAttribute("href")!, base).href]));
  return async (path) => {
    const url = urls.get(path);
    if (!url) throw new Error(`The embed page lists no ${path}: rebuild the site with npm run build.`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load the app's data (${new URL(url).pathname} answered HTTP ${response.status}).`);
    return response.json();
  };
}

/** Why the options name no app to show, or []. */
function optionProblems({ id, country }: AppEmbedOptions): string[] {
  return [
    id ? null : `Name an app by its App Store id, e.g. ?id=741292507; find the id with the search on ${siteUrl(APP_EMBED.page).href}.`,
    country && !COUNTRY_PATTERN.test(country) ? `Unknown country ${JSON.stringify(country.slice(0, 40))}. Use a two-letter code such as us.` : null,
  ].filter((p): p is string => p !== null);
}

/**
 * Shows the app and a credit line in `element`, or a message saying why not: no app named, no
 * chart measured yet, no snapshot listing the app, data that did not load. `base` is the page
 * the view's storefront links go to. Resolves to the problems shown ([] when the app is).
 */
async function showAppIn(element: HTMLElement, file: AppsFile, options: AppEmbedOptions, base: string, newTab: boolean): Promise<string[]> {
  const document = element.ownerDocument;
  const fail = (problems: string[]) => {
    element.replaceChildren(messageBox(document, problems, APP_EMBED, SITE_ROOT, newTab));
    return problems;
  };
  const problems = optionProblems(options);
  if (problems.length > 0) return fail(problems);
  const id = options.id!.trim();
  const country = options.country?.trim().toLowerCase() || null;
  try {
    const index = (await file(APPS_INDEX_PATH)) as AppsIndex;
    if (index.apps === 0) return fail([`No chart has been measured yet, so the tracker has no app to show. It stores each chart it fetches (${REFRESH}); the site then needs building again.`]);
    const app = await loadApp(file, id);
    if (!app.summary) return fail([`No stored chart snapshot lists an app with the id “${id.slice(0, 40)}”. Find the app's id with the search on ${siteUrl(APP_EMBED.page).href}.`]);
    const view = document.createElement("div");
    view.className = "rednote-app";
    showApp(view, app, id, country, base, file);
    const page = siteUrl(`${APP_EMBED.page}?id=${encodeURIComponent(id)}`).href;
    element.replaceChildren(view, creditLine(document, APP_EMBED.source, index.measuredAsOf, page, newTab));
    return [];
  } catch (error) {
    return fail([error instanceof Error ? error.message : String(error)]);
  }
}

/** The embed page: reads its query, applies the theme, shows the app, and reports its height to a pym parent. */
export async function mountAppEmbed(container: HTMLElement): Promise<void> {
  const document = container.ownerDocument;
  const window = document.defaultView!;
  const pym = startPymChild(window, childIdFrom(window.location.search));
  const query = new URLSearchParams(window.location.search);
  const theme = query.get("theme")?.trim().toLowerCase();
  if (theme && (THEMES as readonly string[]).includes(theme)) document.documentElement.dataset.theme = theme;
  await showAppIn(container, listedFiles(document, window.location.href), { id: query.get("id"), country: query.get("country") }, window.location.href, true);
  pym.sendHeight(true);
}

/** The exported module's `draw`: the app and its credit line inside `element`; rejects with the message it shows. */
export async function drawApp(element: HTMLElement, options: AppEmbedOptions): Promise<void> {
  const page = siteUrl(`/embed/${APP_EMBED.id}`);
  let file: AppsFile;
  try {
    const response = await fetch(page);
    if (!response.ok) throw new Error(`Could not load the list of the app data files (${page.pathname} answered HTTP ${response.status}).`);
    file = listedFiles(new DOMParser().parseFromString(await response.text(), "text/html"), page.href);
  } catch (error) {
    file = () => Promise.reject(error);
  }
  const problems = await showAppIn(element, file, options, siteUrl(APP_EMBED.page).href, false);
  if (problems.length > 0) throw new Error(problems.join(" "));
}
