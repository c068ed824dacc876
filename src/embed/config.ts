/**
 * What observablehq.config.ts needs from the chart list: the paths Framework must build although no
 * page links to them, and the og:image tags of the pages that show a chart. Node only (config).
 */
import { APP_EMBED, CHARTS, type EmbedChart } from "./charts.js";
import { LOADER_PATH } from "./snippet.js";

/**
 * For `dynamicPaths`: per chart the embed page (/embed/<id>, from the page loader src/embed/[chart].md.ts) and the
 * exported module (/embed/<id>.js, from src/embed/[chart].ts) and the page's code
 * (/embed/bundle/<id>.js, from src/embed/bundle/[chart].js.ts); each chart's data file at a stable
 * path (/data/story.json: embeds and modules fetch it, and scripts/embed-images.ts draws from it);
 * and the loader script; the same three for the app embed (/embed/app, src/embed/app.ts). The static /embed/<id>.svg and .png are written after the build.
 */
export function embedDynamicPaths(charts: readonly EmbedChart<unknown>[] = CHARTS): string[] {
  const paths = new Set<string>();
  for (const chart of charts) paths.add(chart.data);
  for (const id of [...charts.map((c) => c.id), APP_EMBED.id]) paths.add(`/embed/${id}`).add(`/embed/${id}.js`).add(`/embed/bundle/${id}.js`);
  paths.add(LOADER_PATH);
  return [...paths];
}

/** TRACKER_SITE_URL as a root URL ending in "/", or null when unset or not http(s). */
export function siteRootFromEnv(value: string | undefined = process.env.TRACKER_SITE_URL): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("not http(s)");
    if (!url.pathname.endsWith("/")) url.pathname += "/";
    url.search = "";
    url.hash = "";
    return url;
  } catch {
    console.warn(`TRACKER_SITE_URL=${JSON.stringify(value)} is not an http(s) URL: pages get no og:image.`);
    return null;
  }
}

const escapeAttribute = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** Normalises "/", "/index", "/rankings#x" to Framework's page path. */
const pagePath = (path: string) => path.replace(/[#?].*$/, "").replace(/\/index$/, "/") || "/";

/**
 * <meta> tags for the page at `path`: the PNG of the first chart shown on that page, or of the
 * chart an /embed/<id> page shows, as og:image and twitter:image. Absolute URLs need the site's
 * public address, so without TRACKER_SITE_URL there is none (no host is made up).
 */
export function socialImageHead(path: string, root: URL | null = siteRootFromEnv(), charts: readonly EmbedChart<unknown>[] = CHARTS): string {
  if (!root) return "";
  const page = pagePath(path);
  const chart = charts.find((c) => page === `/embed/${c.id}`) ?? charts.find((c) => pagePath(c.page) === page);
  if (!chart) return "";
  const image = escapeAttribute(new URL(`embed/${chart.id}.png`, root).href);
  const alt = escapeAttribute(`${chart.title}: chart from RedNote Tracker`);
  return (
    `<meta property="og:image" content="${image}"><meta property="og:image:alt" content="${alt}">` +
    `<meta name="twitter:card" content="summary_large_image"><meta name="twitter:image" content="${image}">`
  );
}
