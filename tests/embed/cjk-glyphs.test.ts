/**
 * Chinese in the static images (issue 15): renderPng, the rasterizer of the build's PNGs and social
 * cards, draws 小红书 as glyphs, not missing-glyph boxes. It needs a font with Chinese, which .ci/run
 * and the publishing workflow install (Debian's fonts-noto-cjk); without one these tests fail, as
 * they should, and the build only warns.
 *
 * A character that no loaded font has is drawn as the same box as a codepoint no font has at all
 * (NO_GLYPH), so "boxes" means: two images that should differ come out identical.
 */
import { describe, expect, it } from "vitest";
import { pageviewRow, type PageviewRow } from "../../loaders/schema.ts";
import { latestPageviews } from "../../loaders/sources/wikipedia-pageviews.ts";
import { derivePageviews } from "../../src/data/derive/pageviews.ts";
import { chartById } from "../../src/embed/charts.ts";
import { drawsGlyphs, NO_GLYPH, renderLabel, renderPng, renderStaticSvg } from "../../scripts/embed-images.ts";

const NAME = "小红书";
const boxes = (text: string) => NO_GLYPH.repeat([...text].length);

describe("Chinese glyphs in the static images", () => {
  it("the box detector tells boxes from glyphs", () => {
    expect(drawsGlyphs("abc")).toBe(true);
    // Two codepoints that no font has: both the .notdef box.
    expect(drawsGlyphs("\u{10FFFC}\u{FFFFD}")).toBe(false);
    expect(renderLabel(`RedNote (${boxes(NAME)})`).equals(renderLabel(`RedNote (${"\u{FFFFD}".repeat(3)})`))).toBe(true);
  });

  it(`draws each of ${NAME} as a glyph of its own, not a box`, () => {
    expect(drawsGlyphs(NAME), `${NAME} came out as boxes: install a CJK font (Debian: apt-get install fonts-noto-cjk)`).toBe(true);
  });

  it(`draws a label with ${NAME} differently from the same label with boxes in its place`, () => {
    const label = `Xiaohongshu (${NAME}, "RedNote")`;
    expect(renderLabel(label).equals(renderLabel(label.replace(NAME, boxes(NAME))))).toBe(false);
  });

  it(`draws ${NAME} in the page-views chart's PNG (the Chinese Wikipedia article's heading, in bold)`, () => {
    const chart = chartById("pageviews-chart")!;
    const png = (article: string) => {
      const rows: PageviewRow[] = Array.from({ length: 30 }, (_, i) =>
        pageviewRow.parse({ project: "zh.wikipedia", article, date: `2025-01-${String(i + 1).padStart(2, "0")}`, views: 100 + i * 10, retrieved_at: "2025-02-01T00:00:00.000Z" }),
      );
      const data = derivePageviews({ pageviews: rows, events: [], asOf: "2025-02-01T00:00:00.000Z", backfillStart: "2024-01-01", resolve: latestPageviews });
      const image = renderStaticSvg(chart, data);
      return { svg: image.svg, png: renderPng(image.svg).png };
    };
    const chinese = png(NAME);
    expect(chinese.svg).toContain(`${NAME}, Chinese Wikipedia`);
    expect(chinese.png.equals(png(boxes(NAME)).png)).toBe(false);
  });
});
