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
import { CHARTS, type EmbedChart } from "./charts.ts";
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
  container.append(figure, creditLine(document, chart, chart.asOf(data), chart.page, true));
  return container;
}

export function embedPage(chart: EmbedChart<unknown>): SiteFile {
  const data = dataFile(chart);
  return pageFile(`embed/${chart.id}.md`, async (store) => {
    const document = htmlDocument();
    const heading = document.createElement("h1");
    heading.id = "rednote-embed-title";
    heading.className = "rednote-sr-only";
    heading.textContent = `${chart.title} (a chart from RedNote Tracker)`;
    return md`---
title: ${yamlString(chart.title)}
sidebar: false
header: false
footer: false
toc: false
pager: false
# Its own stylesheet: a frame needs none of the site's page layout (./embed.css).
style: embed.css
---
${block(heading)}${block(printedEmbed(document, chart, await data.read(store)))}${MOUNT_SCRIPT}
`;
  });
}

/** One page per chart of ./charts.ts. */
export const EMBED_PAGES: readonly SiteFile[] = CHARTS.map(embedPage);
