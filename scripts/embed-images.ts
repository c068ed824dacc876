/**
 * The static images of every chart in src/embed/charts.ts, drawn while `observable build` runs by the
 * same chart function the pages use, in Node: linkedom provides the DOM (an XML document, so the
 * output is well-formed XML), @resvg/resvg-js turns the SVG into a PNG at 2x on white.
 *
 *   dist/embed/<id>.svg   light theme, with a credit line; the embed page prints it
 *   dist/embed/<id>.png   the same at 2x: og:image, and the snippet's <noscript> fallback
 *
 * Data comes from the site's data files as the build wrote them for Framework (scripts/loader-cache.ts),
 * the bytes Framework copies to dist/data/…json, so the images show exactly what the embeds show. resvg uses the system's fonts: the charts ask for
 * system-ui…sans-serif and get Liberation Sans or DejaVu Sans on Debian; text in Chinese needs
 * fonts-noto-cjk installed (none of the current charts draws any).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { DOMParser } from "linkedom";
import { CHARTS, type EmbedChart } from "../src/embed/charts.ts";
import { formatDay } from "../src/components/format.ts";
import { wrapText } from "../src/components/svg.ts";

export const STATIC_WIDTH = 640;
export const PNG_SCALE = 2;
const SVG_NS = "http://www.w3.org/2000/svg";
/** The light theme's foreground (Framework's "air"): what currentColor means in the static image. */
const FOREGROUND = "#1b1e23";
const CREDIT_LINE = 15;

export interface StaticImage {
  svg: string;
  width: number;
  height: number;
  /** Elements with class "mark" (what the tests compare with the live chart). */
  marks: number;
}

/** An empty XML document whose createElementNS gives SVG elements that serialise as XML. */
export function svgDocument(): Document {
  return new DOMParser().parseFromString(`<svg xmlns="${SVG_NS}"></svg>`, "image/svg+xml") as unknown as Document;
}

/** Draws `chart` with `data` at `width` (no query: the chart as its page shows it) as standalone SVG text. */
export function renderStaticSvg(chart: EmbedChart<unknown>, data: unknown, width = STATIC_WIDTH): StaticImage {
  const document = svgDocument();
  const svg = chart.draw(data, { width, document, query: {} });
  const drawnHeight = Number(svg.getAttribute("height"));
  if (!Number.isFinite(drawnHeight) || drawnHeight <= 0) throw new Error(`${chart.id}: the chart function set no height on its <svg>`);
  const asOf = chart.asOf(data);
  const creditText = `Chart: RedNote Tracker · Source: ${chart.source}${asOf ? ` · Data as of ${formatDay(new Date(asOf))}` : ""}`;
  const lines = wrapText(creditText, Math.floor(width / 6.2));
  const height = Math.ceil(drawnHeight + 8 + lines.length * CREDIT_LINE);
  lines.forEach((line, i) => {
    const text = document.createElementNS(SVG_NS, "text");
    text.setAttribute("x", "0");
    text.setAttribute("y", String(Math.ceil(drawnHeight) + (i + 1) * CREDIT_LINE));
    text.setAttribute("font-size", "11");
    text.setAttribute("fill-opacity", "0.75");
    text.setAttribute("class", "credit");
    text.textContent = line;
    svg.appendChild(text);
  });
  svg.setAttribute("xmlns", SVG_NS);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("color", FOREGROUND);
  // White behind the chart (a rect, not a style attribute: pages with a strict CSP parse this file too).
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#ffffff");
  background.setAttribute("class", "background");
  const firstDrawn = [...svg.childNodes].find((node) => !["title", "desc"].includes((node as Element).localName ?? ""));
  svg.insertBefore(background, firstDrawn ?? null);
  return {
    svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg.outerHTML}\n`,
    width,
    height,
    marks: svg.querySelectorAll(".mark").length,
  };
}

/** The SVG as a PNG at `scale`, on white. */
export function renderPng(svg: string, scale = PNG_SCALE): { png: Buffer; width: number; height: number } {
  const rendered = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    font: { loadSystemFonts: true, sansSerifFamily: "Liberation Sans", defaultFontFamily: "DejaVu Sans" },
  }).render();
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height };
}

/** Writes <output>/embed/<id>.svg and .png for every chart, from <dataRoot>/<chart.data>; returns what it wrote. */
export async function writeEmbedImages(dataRoot: string, output: string, charts: readonly EmbedChart<unknown>[] = CHARTS): Promise<{ id: string; files: string[] }[]> {
  const written: { id: string; files: string[] }[] = [];
  for (const chart of charts) {
    const dataFile = join(dataRoot, chart.data);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(dataFile, "utf8"));
    } catch (error) {
      throw new Error(`${chart.id}: cannot read its data ${dataFile} (is ${chart.data} in dynamicPaths?): ${(error as Error).message}`);
    }
    const image = renderStaticSvg(chart, data);
    const { png } = renderPng(image.svg);
    const svgFile = join(output, "embed", `${chart.id}.svg`);
    const pngFile = join(output, "embed", `${chart.id}.png`);
    await mkdir(dirname(svgFile), { recursive: true });
    await writeFile(svgFile, image.svg);
    await writeFile(pngFile, png);
    written.push({ id: chart.id, files: [svgFile, pngFile] });
  }
  return written;
}
