/**
 * The static images of every chart in src/embed/charts.ts, drawn while `observable build` runs by the
 * same chart function the pages use, in Node: linkedom provides the DOM (an XML document, so the
 * output is well-formed XML), @resvg/resvg-js turns the SVG into a PNG at 2x on white.
 *
 *   dist/embed/<id>.svg   light theme, with a credit line; the embed page prints it
 *   dist/embed/<id>.png   the same at 2x: og:image, and the snippet's <noscript> fallback
 *
 * Data comes from the site's data files as the build wrote them for Framework (scripts/loader-cache.ts),
 * the bytes Framework copies to dist/data/…json, so the images show exactly what the embeds show.
 *
 * Fonts: the system's, plus Noto Sans CJK from Debian's fonts-noto-cjk by file when it is installed
 * (.ci/run and the publishing workflow install it), so Chinese (小红书 in the Chinese Wikipedia
 * series) is drawn in the sans face the charts ask for. Without any font that has Chinese the build
 * still succeeds, prints one warning, and such text comes out as boxes.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { DOMParser } from "linkedom";
import { CHARTS, type EmbedChart } from "../src/embed/charts.ts";
import { formatDay } from "../src/components/format.ts";
import { wrapText } from "../src/components/svg.ts";
import { FONT } from "../src/components/chart-frame.ts";

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
  const svg = chart.draw(data, { width, document, query: {}, interactive: false });
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

/**
 * Noto Sans CJK from Debian's fonts-noto-cjk (Ubuntu's has the same path). Given by file because
 * resvg draws a character the requested font lacks in the first loaded face that has it, which
 * among the system fonts alone is Noto Serif CJK. For the same reason bold Chinese is drawn in
 * this regular face: the Bold file would never be chosen.
 */
export const CJK_FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const fontFiles = existsSync(CJK_FONT_FILE) ? [CJK_FONT_FILE] : [];

/** The SVG as a PNG at `scale`, on white. */
export function renderPng(svg: string, scale = PNG_SCALE): { png: Buffer; width: number; height: number } {
  const rendered = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    font: { loadSystemFonts: true, fontFiles, sansSerifFamily: "Liberation Sans", defaultFontFamily: "DejaVu Sans" },
  }).render();
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height };
}

/** A codepoint that no font has: resvg draws its missing-glyph box. */
export const NO_GLYPH = "\u{10FFFD}";

/** `text` as one line of chart text (the charts' font stack and size), as a PNG by renderPng. */
export function renderLabel(text: string): Buffer {
  const escaped = text.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
  const width = 16 + [...text].length * 16;
  return renderPng(`<svg xmlns="${SVG_NS}" width="${width}" height="24"><text x="4" y="17" font-size="13" font-family="${FONT}">${escaped}</text></svg>`).png;
}

/**
 * Whether renderPng draws every character of `text` as a glyph of its own. A character that no
 * loaded font has comes out as the same box as NO_GLYPH (or as nothing), so two such characters,
 * or one and NO_GLYPH, give identical images.
 */
export function drawsGlyphs(text: string): boolean {
  const images = [...text, NO_GLYPH].map((char) => renderLabel(char).toString("base64"));
  return new Set(images).size === images.length;
}

/** Writes <output>/embed/<id>.svg and .png for every chart, from <dataRoot>/<chart.data>; returns what it wrote. */
export async function writeEmbedImages(dataRoot: string, output: string, charts: readonly EmbedChart<unknown>[] = CHARTS): Promise<{ id: string; files: string[] }[]> {
  if (!drawsGlyphs("小红书")) {
    console.warn(`build: no font with Chinese characters (neither ${CJK_FONT_FILE} nor a system font has them): Chinese text in the static chart images will be boxes; install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk).`);
  }
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
