/**
 * The static images in the built site (dist/embed/<chart>.svg and .png, one pair per chart in
 * src/embed/charts.ts):
 * - every SVG is well-formed XML (a strict check here, and Chromium's XML parser, which refuses
 *   anything malformed), standalone (xmlns, width, height, viewBox);
 * - it has as many `.mark` elements as the live chart (none for a chart whose data is still empty,
 *   like page views before the first refresh) that Chromium draws with the site's exported
 *   module (/embed/<chart>.js) from the same data file at the same width (640 px);
 * - every PNG decodes to the SVG's size times 2 (width and height read from the IHDR header).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { DOMParser } from "linkedom";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHARTS } from "../../src/embed/charts.ts";
import { PNG_SCALE, STATIC_WIDTH } from "../../scripts/embed-images.ts";
import { describeBrowser, launchBrowser, openPage } from "../helpers/browser.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

const siteDir = inject("siteDir");

/**
 * Strict XML 1.0 well-formedness for what SVG files contain (declaration, comments, elements,
 * attributes, text, character and the five predefined entity references): returns the problems.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const name = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;
  const badAmpersand = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;
  const stack: string[] = [];
  let roots = 0;
  let i = xml.startsWith("\uFEFF") ? 1 : 0;
  if (xml.startsWith("<?xml", i)) {
    const end = xml.indexOf("?>", i);
    if (end < 0) return ["unterminated XML declaration"];
    i = end + 2;
  }
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (badAmpersand.test(text)) problems.push(`bad & in text near ${JSON.stringify(text.slice(0, 40))}`);
    if (stack.length === 0 && text.trim() !== "") problems.push(`text outside the root: ${JSON.stringify(text.slice(0, 40))}`);
    if (lt < 0) break;
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0) return [...problems, "unterminated comment"];
      i = end + 3;
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt);
      if (end < 0 || stack.length === 0) return [...problems, "bad CDATA section"];
      i = end + 3;
      continue;
    }
    // A tag: scan to its ">" outside quotes.
    let j = lt + 1;
    let quote = "";
    for (; j < xml.length; j++) {
      const c = xml[j]!;
      if (quote) {
        if (c === quote) quote = "";
        else if (c === "<") problems.push(`"<" inside an attribute value at ${j}`);
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ">") break;
    }
    if (j >= xml.length) return [...problems, `unterminated tag at ${lt}`];
    const tag = xml.slice(lt + 1, j);
    i = j + 1;
    if (tag.startsWith("/")) {
      const closing = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== closing) problems.push(`</${closing}> closes <${open ?? "nothing"}>`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const match = /^([^\s/>]+)([\s\S]*)$/.exec(body);
    if (!match || !name.test(match[1]!)) {
      problems.push(`bad tag name in <${tag.slice(0, 30)}>`);
      continue;
    }
    const seen = new Set<string>();
    let rest = match[2]!;
    while (rest.trim() !== "") {
      const attribute = /^\s+([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest);
      if (!attribute) {
        problems.push(`bad attribute syntax in <${match[1]}>: ${JSON.stringify(rest.slice(0, 40))}`);
        break;
      }
      const [all, attributeName, , double, single] = attribute;
      if (!name.test(attributeName!)) problems.push(`bad attribute name ${attributeName}`);
      if (seen.has(attributeName!)) problems.push(`duplicate attribute ${attributeName} on <${match[1]}>`);
      seen.add(attributeName!);
      if (badAmpersand.test(double ?? single ?? "")) problems.push(`bad & in ${attributeName} of <${match[1]}>`);
      rest = rest.slice(all.length);
    }
    if (stack.length === 0) roots++;
    if (!selfClosing) stack.push(match[1]!);
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join("> <")}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 33 || !png.subarray(0, 8).equals(signature)) throw new Error("not a PNG");
  if (png.toString("latin1", 12, 16) !== "IHDR") throw new Error("first chunk is not IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("static images in the built site", () => {
  it("the strict XML check catches what linkedom's HTML serialiser would get wrong", () => {
    expect(xmlProblems('<svg xmlns="x"><a href="?a=1&amp;b=2"><title>a &lt; b</title></a></svg>')).toEqual([]);
    expect(xmlProblems('<svg><a href="?a=1&b=2"/></svg>')).toEqual(["bad & in href of <a>"]);
    expect(xmlProblems("<svg><g></svg>")).not.toEqual([]);
    expect(xmlProblems("<svg/><svg/>")).toEqual(["2 root elements"]);
  });

  it("has an SVG and a PNG for every chart and nothing else in embed/ but pages", async () => {
    const files = await readdir(join(siteDir, "embed"));
    for (const chart of CHARTS) expect(files).toEqual(expect.arrayContaining([`${chart.id}.svg`, `${chart.id}.png`]));
    const images = files.filter((f) => /\.(svg|png)$/.test(f));
    expect(images.sort()).toEqual(CHARTS.flatMap((c) => [`${c.id}.png`, `${c.id}.svg`]).sort());
  });

  it.each(CHARTS.map((c) => c.id))("%s: the SVG is well-formed standalone XML, the PNG its size × 2", async (id) => {
    const svgText = await readFile(join(siteDir, "embed", `${id}.svg`), "utf8");
    expect(xmlProblems(svgText)).toEqual([]);
    const svg = new DOMParser().parseFromString(svgText, "image/svg+xml").querySelector("svg")!;
    expect(svg.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    const width = Number(svg.getAttribute("width"));
    const height = Number(svg.getAttribute("height"));
    expect(width).toBe(STATIC_WIDTH);
    expect(height).toBeGreaterThan(100);
    expect(svg.getAttribute("viewBox")).toBe(`0 0 ${width} ${height}`);
    const png = await readFile(join(siteDir, "embed", `${id}.png`));
    expect(pngSize(png)).toEqual({ width: width * PNG_SCALE, height: height * PNG_SCALE });
  });
});

describeBrowser("static images against the live charts in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveStatic(siteDir)]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });

  it("each SVG parses as XML in Chromium and has the live chart's number of marks", async () => {
    const opened = await openPage(browser, `${server.url}/embed/${CHARTS[0]!.id}`, { width: 1024, waitUntil: "load" });
    try {
      let totalMarks = 0;
      for (const chart of CHARTS) {
        const svgText = await readFile(join(siteDir, "embed", `${chart.id}.svg`), "utf8");
        const result = await opened.page.evaluate(
          async ({ id, svgText, width }) => {
            const parsed = new window.DOMParser().parseFromString(svgText, "image/svg+xml");
            const error = parsed.querySelector("parsererror")?.textContent ?? null;
            // The exported module, as another site would use it, at the static image's width.
            // (Built with new Function so that the test's bundler leaves this import() alone.)
            const importModule = new Function("url", "return import(url)") as (url: string) => Promise<unknown>;
            const module = (await importModule(`/embed/${id}.js`)) as { draw(element: HTMLElement, options: { width: number }): Promise<{ svg: SVGSVGElement }> };
            const element = document.createElement("div");
            document.body.append(element);
            const drawn = await module.draw(element, { width });
            return { error, staticMarks: parsed.querySelectorAll(".mark").length, liveMarks: drawn.svg.querySelectorAll(".mark").length, liveWidth: drawn.svg.getAttribute("width") };
          },
          { id: chart.id, svgText, width: STATIC_WIDTH },
        );
        expect(result.error, `${chart.id}.svg in Chromium's XML parser`).toBeNull();
        expect(result.liveWidth).toBe(String(STATIC_WIDTH));
        expect(result.staticMarks, `${chart.id}: static marks vs live`).toBe(result.liveMarks);
        totalMarks += result.liveMarks;
      }
      expect(totalMarks, "marks in all charts").toBeGreaterThan(0);
      expect(opened.consoleErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
