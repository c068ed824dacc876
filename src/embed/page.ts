/**
 * The embed pages, /embed/<chart>, printed at build time: the chart as it is drawn without a
 * query (drawn per band of widths, src/render/figure.ts) and its credit line are in the HTML, so a
 * frame shows the chart before any script runs, and with scripts off. The page's script then
 * takes over in place (./runtime.ts `mountEmbed`): it applies the query and redraws at the frame's
 * width. Written by `npm run build` with the site's data (scripts/loader-cache.ts) and by the page
 * loader ./[chart].md.ts (`npm run dev`).
 */
import { SITE_FILES } from "../data/outputs/index.ts";
import type { JsonFile, SiteFile } from "../data/outputs/site-file.ts";
import { chartVariants } from "../render/figure.ts";
import { block, htmlDocument } from "../render/html.ts";
import { Markup, md } from "../render/markup.ts";
import { pageFile } from "../render/page.ts";
import { APPS_FILES, snapshotsPath } from "../components/app-shards.ts";
import { appsSnapshotNames } from "../data/outputs/apps.ts";
import { APP_EMBED, CHARTS, type EmbedChart } from "./charts.ts";
import { creditLine } from "./credit.ts";

/** A front-matter value: JSON's string syntax is YAML's double-quoted scalar. */
const yamlString = (text: string) => new Markup(JSON.stringify(text));

/**
 * A plain module script, not a Framework cell: cells run on an animation frame, which browsers
 * withhold from a cross-origin iframe out of view, so an embed further down an article would
 * never be redrawn. It loads this chart's code alone, in one file with the parts of d3 it uses
 * (./bundle.ts). The same text on every embed page, so one hash in the CSP covers them all.
 */
const MOUNT_SCRIPT = new Markup(
  [
    '<script type="module">',
    'const page = location.pathname.replace(/\\/$/, "").split("/").pop().replace(/\\.html$/, "");',
    "const load = () =>",
    "  import(`./bundle/${page}.js`).catch(() =>",
    "    // `npm run dev` has no bundle at that path, but serves the modules themselves (and edits to them).",
    '    Promise.all([import("../_import/embed/runtime.js"), import(`../_import/embed/charts/${page}.js`)])',
    "      .then(([runtime, module]) => ({mountEmbed: runtime.mountEmbed, chart: module.chart}))",
    "  );",
    "const {mountEmbed, chart} = await load();",
    'mountEmbed(document.getElementById("rednote-embed"), chart);',
    "</script>",
  ].join("\n"),
);

/** The data file a chart draws from (its `data` path), read from the store like any page's data. */
function dataFile(chart: EmbedChart<unknown>): JsonFile<unknown> {
  const file = SITE_FILES.find((f) => `/${f.path}` === chart.data);
  if (!file || !("read" in file)) {
    throw new Error(`the ${chart.id} chart draws from ${chart.data}, which is no JSON file of src/data/outputs/index.ts: make it one (jsonFile) or fix the chart's "data" in src/embed/charts/${chart.id}.ts`);
  }
  return file as JsonFile<unknown>;
}

/** What the page's script takes over: the chart in `.rednote-chart`, the credit line after the figure. */
function printedEmbed(document: Document, chart: EmbedChart<unknown>, data: unknown): HTMLElement {
  const container = document.createElement("div");
  container.id = "rednote-embed";
  container.className = "rednote-embed";
  const figure = document.createElement("figure");
  figure.className = "rednote-figure";
  const holder = document.createElement("div");
  holder.className = "rednote-chart";
  holder.append(...chartVariants(document, (width) => chart.draw(data, { width, document, query: {}, interactive: false }), chart.printBands ?? "all"));
  figure.append(holder);
  // A link out of the frame opens in a new tab, not inside the article's iframe.
  container.append(figure, creditLine(document, chart.source, chart.asOf(data), chart.page, true));
  return container;
}

/** An embed page: the front matter, the title for screen readers, then `body`. */
function embedMarkdown(document: Document, title: string, body: Markup): Markup {
  const heading = document.createElement("h1");
  heading.id = "rednote-embed-title";
  heading.className = "rednote-sr-only";
  heading.textContent = `${title} (a chart from RedNote Tracker)`;
  return md`---
title: ${yamlString(title)}
sidebar: false
header: false
footer: false
toc: false
pager: false
# Its own stylesheet: a frame needs none of the site's page layout (./embed.css).
style: embed.css
---
${block(heading)}${body}
`;
}

export function embedPage(chart: EmbedChart<unknown>): SiteFile {
  const data = dataFile(chart);
  return pageFile(`embed/${chart.id}.md`, async (store) => {
    const document = htmlDocument();
    return embedMarkdown(document, chart.title, md`${block(printedEmbed(document, chart, await data.read(store)))}${MOUNT_SCRIPT}`);
  });
}

/**
 * /embed/app: the app comes from the query, so nothing is printed but what says so to a reader
 * without scripts, and the list of /apps's data files, each a <link data-file> whose address
 * Framework rewrites to the file's hashed name (./app-embed.ts reads them). A plain module script,
 * as MOUNT_SCRIPT, with the page's code in one bundle (./bundle.ts).
 */
const APP_EMBED_PAGE = pageFile(`embed/${APP_EMBED.id}.md`, async (store) => {
  const document = htmlDocument();
  const files = document.createElement("div");
  files.hidden = true;
  for (const path of [...APPS_FILES, ...(await appsSnapshotNames(store)).map(snapshotsPath)]) {
    const link = document.createElement("link");
    for (const [name, value] of [["rel", "alternate"], ["type", "application/json"], ["href", `../${path}`], ["data-file", path]]) link.setAttribute(name!, value!);
    files.append(link);
  }
  return embedMarkdown(
    document,
    APP_EMBED.title,
    md`<div id="rednote-embed" class="rednote-embed"><noscript><p class="rednote-message">This view of an app's rank history needs JavaScript. See the app on <a href="../apps" target="_blank" rel="noopener">RedNote Tracker</a>.</p></noscript></div>
${block(files)}
<script type="module">
const {mountAppEmbed} = await import("./bundle/app.js").catch(() => import("../_import/embed/app-embed.js"));
mountAppEmbed(document.getElementById("rednote-embed"));
</script>`,
  );
});

/** One page per chart of ./charts.ts, and the app embed's. */
export const EMBED_PAGES: readonly SiteFile[] = [...CHARTS.map(embedPage), APP_EMBED_PAGE];
