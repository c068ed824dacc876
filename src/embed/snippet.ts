/**
 * The copy-paste HTML that puts a chart in an article: the iframe (sized by /embed-loader.js), a
 * static PNG for readers without JavaScript, and the loader. Pure string building, shared by the
 * Embed page and the tests; every URL is absolute, on the host given as `site`.
 */
import type { EmbedChart } from "./define.js";

export const LOADER_PATH = "/embed-loader.js";
/** Height of the iframe until the loader sets it (about the story chart's at 640 px). */
export const DEFAULT_FRAME_HEIGHT = 760;

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export interface EmbedUrls {
  page: string;
  embed: string;
  module: string;
  svg: string;
  png: string;
  loader: string;
}

/** Absolute URLs of a chart's embed forms on the site whose root is `site` ("https://example.org/tracker/"). */
export function embedUrls(chart: Pick<EmbedChart<unknown>, "id" | "page">, site: string | URL, query: Record<string, string> = {}): EmbedUrls {
  const root = new URL(String(site));
  if (!root.pathname.endsWith("/")) root.pathname += "/";
  const at = (path: string) => new URL(path.replace(/^\//, ""), root);
  const embed = at(`/embed/${chart.id}`);
  for (const [name, value] of Object.entries(query)) if (value) embed.searchParams.set(name, value);
  return {
    page: at(chart.page).href,
    embed: embed.href,
    module: at(`/embed/${chart.id}.js`).href,
    svg: at(`/embed/${chart.id}.svg`).href,
    png: at(`/embed/${chart.id}.png`).href,
    loader: at(LOADER_PATH).href,
  };
}

/** An iframe sized by the loader; `fallback` (HTML) stands in where scripts cannot run (the <noscript> style hides the frame: without the loader nothing sizes it). */
function frameSnippet(src: string, title: string, fallback: string, loader: string, height: number): string {
  return [
    `<div class="rednote-embed">`,
    `  <iframe src="${escapeHtml(src)}" title="${escapeHtml(title)} (interactive chart, RedNote Tracker)" data-rednote-embed height="${height}" style="width: 100%; border: 0;"></iframe>`,
    `  <noscript><style>.rednote-embed iframe[data-rednote-embed] { display: none; }</style>${fallback}</noscript>`,
    `</div>`,
    `<script src="${escapeHtml(loader)}" async></script>`,
  ].join("\n");
}

/** The snippet: the iframe, and the linked PNG in its place where scripts cannot run. */
export function embedSnippet(
  chart: Pick<EmbedChart<unknown>, "id" | "page" | "title">,
  site: string | URL,
  query: Record<string, string> = {},
  height = DEFAULT_FRAME_HEIGHT,
): string {
  const urls = embedUrls(chart, site, query);
  const image = `<img src="${escapeHtml(urls.png)}" alt="${escapeHtml(chart.title)}: chart from RedNote Tracker" style="max-width: 100%; height: auto;">`;
  return frameSnippet(urls.embed, chart.title, `<a href="${escapeHtml(urls.page)}">${image}</a>`, urls.loader, height);
}

/** An app chosen on the Embed page: its App Store id, its newest name, and a storefront to show alone. */
export interface ChosenApp {
  id: string;
  name: string;
  country: string | null;
}

const appQuery = (app: ChosenApp): Record<string, string> => ({ id: app.id, ...(app.country ? { country: app.country } : {}) });
const appTitle = (app: ChosenApp) => `${app.name}: rank history`;

/**
 * The app embed's snippet (/embed/app): any of thousands of apps, so no image is drawn at build;
 * where scripts cannot run, a link to the app's page on the site stands in.
 */
export function appEmbedSnippet(embed: Pick<EmbedChart<unknown>, "id" | "page">, app: ChosenApp, site: string | URL, height = DEFAULT_FRAME_HEIGHT): string {
  const urls = embedUrls(embed, site, appQuery(app));
  const page = new URL(urls.page);
  for (const [name, value] of Object.entries(appQuery(app))) page.searchParams.set(name, value);
  return frameSnippet(urls.embed, appTitle(app), `<a href="${escapeHtml(page.href)}">${escapeHtml(appTitle(app))}, on RedNote Tracker</a>`, urls.loader, height);
}

export function appModuleSnippet(embed: Pick<EmbedChart<unknown>, "id" | "page">, app: ChosenApp, site: string | URL): string {
  const urls = embedUrls(embed, site);
  return [
    `<div id="rednote-app-${escapeHtml(app.id)}"></div>`,
    `<script type="module">`,
    `  import {draw} from "${urls.module}";`,
    `  draw(document.getElementById("rednote-app-${escapeHtml(app.id)}"), ${JSON.stringify(appQuery(app)).replace(/</g, "\\u003c")});`,
    `</script>`,
  ].join("\n");
}

/** How a page uses the exported module instead of an iframe. */
export function moduleSnippet(chart: Pick<EmbedChart<unknown>, "id" | "page">, site: string | URL): string {
  const urls = embedUrls(chart, site);
  return [
    `<div id="${chart.id}"></div>`,
    `<script type="module">`,
    `  import {draw} from "${urls.module}";`,
    `  draw(document.getElementById("${chart.id}"));`,
    `</script>`,
  ].join("\n");
}
