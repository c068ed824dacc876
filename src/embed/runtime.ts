/**
 * In the browser: draws a registered chart for an embed page (/embed/<chart>) or for a site that
 * imported the exported module (/embed/<chart>.js). Data and links are resolved against the URL
 * this module was served from, so an embed works on whatever host serves the site.
 */
import { hydrateChart } from "../components/hydrate.js";
import { creditLine, link } from "./credit.js";
import type { ChartQuery, EmbedChart } from "./define.js";
import { parseEmbedQuery } from "./params.js";
import { changesData, chartQuery, checkQueryForChart, THEMES, type EmbedQuery } from "./query.js";
import { childIdFrom, startPymChild } from "./pym.js";

/**
 * The site's root. Framework serves this module as /_import/embed/runtime.<hash>.js, and embed
 * pages load it bundled as /embed/bundle/<chart>.js (both also under a `base` path),
 * so the root is two levels up.
 */
export const SITE_ROOT = new URL("../../", import.meta.url);

/** A site path ("/data/story.json", "/") as an absolute URL on the host that serves this module. */
export function siteUrl(path: string, root: URL = SITE_ROOT): URL {
  return new URL(path.replace(/^\//, ""), root);
}

const loaded = new Map<string, Promise<unknown>>();

/** The chart's data file, fetched once per page. */
export function loadChartData(chart: EmbedChart<unknown>, root: URL = SITE_ROOT): Promise<unknown> {
  const url = siteUrl(chart.data, root);
  let promise = loaded.get(url.href);
  if (!promise) {
    promise = (async () => {
      let response = await fetch(url);
      if (response.status === 404) {
        // `observable preview` (npm run dev) serves data loader output under /_file/ only.
        const preview = await fetch(siteUrl(`/_file${chart.data}`, root)).catch(() => undefined);
        if (preview?.ok) response = preview;
      }
      if (!response.ok) throw new Error(`Could not load the chart's data (${url.pathname} answered HTTP ${response.status}).`);
      return response.json() as Promise<unknown>;
    })();
    promise.catch(() => loaded.delete(url.href));
    loaded.set(url.href, promise);
  }
  return promise;
}

/** A message in place of the chart: what is wrong, and where the chart can be seen. */
export function messageBox(document: Document, problems: readonly string[], chart: Pick<EmbedChart<unknown>, "title" | "page"> | undefined, root: URL, newTab: boolean): HTMLElement {
  const box = document.createElement("div");
  box.className = "rednote-message";
  box.setAttribute("role", "alert");
  const heading = document.createElement("p");
  const strong = document.createElement("strong");
  strong.textContent = chart ? `This chart cannot be shown: ${chart.title}` : "This chart cannot be shown";
  heading.append(strong);
  box.append(heading);
  for (const problem of problems) {
    const p = document.createElement("p");
    p.textContent = problem;
    box.append(p);
  }
  const back = document.createElement("p");
  back.append("See it on ", link(document, "RedNote Tracker", siteUrl(chart?.page ?? "/", root).href, newTab), ".");
  box.append(back);
  return box;
}

/** Draws the chart at the holder's width now and whenever that width changes. */
function drawResponsive(holder: HTMLElement, draw: (width: number) => SVGSVGElement): () => void {
  let width = -1;
  const render = () => {
    const next = Math.floor(holder.clientWidth);
    if (next <= 0 || next === width) return;
    width = next;
    holder.replaceChildren(draw(width));
  };
  render();
  const observer = new ResizeObserver(render);
  observer.observe(holder);
  return () => observer.disconnect();
}

/** The chart's data and what to draw of it, or why not: the data did not load, or it lacks a choice the query made. */
async function dataFor(chart: EmbedChart<unknown>, query: EmbedQuery): Promise<{ ok: true; data: unknown; query: ChartQuery } | { ok: false; errors: string[] }> {
  let data: unknown;
  try {
    data = await loadChartData(chart);
  } catch (error) {
    return { ok: false, errors: [error instanceof Error ? error.message : String(error)] };
  }
  const problems = checkQueryForChart(chart, data, query);
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, data, query: chartQuery(query) };
}

/**
 * The embed page (./page.ts printed it with the chart as drawn without a query): reads the query,
 * applies the theme, and takes the printed chart over, redrawn for the query at the frame's width
 * (or says what is wrong); adds a static image for print and reports its height to a pym parent.
 */
export async function mountEmbed(container: HTMLElement, chart: EmbedChart<unknown>): Promise<void> {
  const document = container.ownerDocument;
  const window = document.defaultView!;
  const pym = startPymChild(window, childIdFrom(window.location.search));
  const parsed = parseEmbedQuery(window.location.search);
  // A valid theme applies even when another parameter is wrong, so the message matches the article.
  const theme = new URLSearchParams(window.location.search).get("theme")?.trim().toLowerCase();
  if (theme && (THEMES as readonly string[]).includes(theme)) document.documentElement.dataset.theme = theme;

  const fail = (problems: readonly string[]) => {
    container.replaceChildren(messageBox(document, problems, chart, SITE_ROOT, true));
    pym.sendHeight(true);
  };
  if (!parsed.ok) return fail(parsed.errors);
  const figure = container.querySelector<HTMLElement>(".rednote-figure");
  const holder = figure?.querySelector<HTMLElement>(".rednote-chart");
  if (!figure || !holder) return fail(["This page holds no chart to draw into (src/embed/page.ts prints one): rebuild the site with npm run build."]);
  const ready = await dataFor(chart, parsed.query);
  if (!ready.ok) return fail(ready.errors);
  const { data, query } = ready;

  if (!changesData(parsed.query)) {
    // Printed, the page shows the static SVG drawn at build time (light, complete, no tooltips).
    // Lazy, so that it is fetched only once shown: browsers load lazy images before printing.
    const image = document.createElement("img");
    image.className = "rednote-print";
    image.loading = "lazy";
    image.alt = chart.title;
    image.src = siteUrl(`/embed/${chart.id}.svg`).href;
    figure.append(image);
    figure.classList.add("has-print-image");
  }
  hydrateChart(holder, (width) => {
    try {
      return chart.draw(data, { width, document, query });
    } catch (error) {
      // The message replaces the figure; its holder, detached, has no width and is not drawn again.
      fail([`The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`]);
      return document.createElementNS("http://www.w3.org/2000/svg", "svg");
    }
  });
  pym.sendHeight(true);
}

/** Options of an exported module's `draw`: the embed's query parameters, and a width. */
export interface ExportedDrawOptions extends Omit<EmbedQuery, "theme"> {
  /** Width in CSS pixels; by default the element's width, followed as it changes. */
  width?: number;
  /** Adds the credit line under the chart (default true). */
  credit?: boolean;
}

export interface DrawnChart {
  /** The chart as drawn now (redrawn when the element's width changes and no width was given). */
  readonly svg: SVGSVGElement;
  /** Stops following the element's width. */
  destroy(): void;
}

/** The exported modules' `draw(element, options)`: the chart and its credit line inside `element`. */
export async function drawChart(chart: EmbedChart<unknown>, element: HTMLElement, options: ExportedDrawOptions = {}): Promise<DrawnChart> {
  const document = element.ownerDocument;
  const fail = (problems: string[]): never => {
    element.replaceChildren(messageBox(document, problems, chart, SITE_ROOT, false));
    throw new Error(problems.join(" "));
  };
  const { width, credit = true, ...rest } = options;
  const parsed = parseEmbedQuery(rest as Record<string, unknown>);
  if (!parsed.ok) return fail(parsed.errors);
  if (width !== undefined && !(Number.isFinite(width) && width > 0)) fail([`"width" must be a positive number of pixels, not ${String(width)}.`]);
  const ready = await dataFor(chart, parsed.query);
  if (!ready.ok) return fail(ready.errors);
  const { data, query } = ready;
  const holder = document.createElement("div");
  holder.className = "rednote-chart";
  element.replaceChildren(holder, ...(credit ? [creditLine(document, chart.source, chart.asOf(data), siteUrl(chart.page).href, false)] : []));
  let svg!: SVGSVGElement;
  const draw = (w: number) => (svg = chart.draw(data, { width: w, document, query }));
  if (width !== undefined) {
    holder.replaceChildren(draw(Math.floor(width)));
    return { get svg() { return svg; }, destroy: () => undefined };
  }
  if (holder.clientWidth <= 0) holder.replaceChildren(draw(640));
  const stop = drawResponsive(holder, draw);
  return { get svg() { return svg; }, destroy: stop };
}
