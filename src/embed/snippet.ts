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

/**
 * The snippet. Browsers that run scripts show the iframe; with scripting off they show the linked
 * PNG instead (the <noscript> style hides the iframe: without the loader nothing sizes it).
 */
export function embedSnippet(
  chart: Pick<EmbedChart<unknown>, "id" | "page" | "title">,
  site: string | URL,
  query: Record<string, string> = {},
  height = DEFAULT_FRAME_HEIGHT,
): string {
  const urls = embedUrls(chart, site, query);
  const title = escapeHtml(chart.title);
  return [
    `<div class="rednote-embed">`,
    `  <iframe src="${escapeHtml(urls.embed)}" title="${title} (interactive chart, RedNote Tracker)" data-rednote-embed height="${height}" style="width: 100%; border: 0;"></iframe>`,
    `  <noscript><style>.rednote-embed iframe[data-rednote-embed] { display: none; }</style><a href="${escapeHtml(urls.page)}"><img src="${escapeHtml(urls.png)}" alt="${title}: chart from RedNote Tracker" style="max-width: 100%; height: auto;"></a></noscript>`,
    `</div>`,
    `<script src="${escapeHtml(urls.loader)}" async></script>`,
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
