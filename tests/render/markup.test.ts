/**
 * Printing data into a page's Markdown (src/render/): whatever a string holds, Markdown, HTML and
 * Framework's `${…}` read none of it as syntax, and the reader gets the string back as text.
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { block, htmlDocument, inline } from "../../src/render/html.ts";
import { escapeText, md } from "../../src/render/markup.ts";

const HOSTILE = ["<script>alert(1)</script>", "${window.x = 1}", "**bold** _em_ [a](javascript:x)", "=HYPERLINK(\"https://evil.example\")", "a\n\n# heading", "\u202Eevil\u202C", "`code` | pipe ~ \\ ! #"];

describe("printing data into a page", () => {
  it.each(HOSTILE)("escapeText(%j) has no character Markdown, HTML or Framework reads, and decodes to itself", (text) => {
    const escaped = escapeText(text);
    expect(escaped.replace(/&#\d+;/g, ""), "outside its character references").not.toMatch(/[<>"'$`*_[\]\\~|{}!#\n\r\u202a-\u202e]/);
    expect(parseHTML(`<p>${escaped}</p>`).document.querySelector("p")!.textContent).toBe(text);
  });

  it("block() prints an element on one line, texts and attributes escaped, and refuses a tag Markdown would not take as a block", () => {
    const document = htmlDocument();
    const div = document.createElement("div");
    const a = document.createElement("a");
    a.setAttribute("href", "https://example.org/?q=<x>&y=${z}");
    a.setAttribute("title", HOSTILE.join(" "));
    a.textContent = HOSTILE.join(" ");
    div.append(a);
    const printed = String(block(div)).trim();
    expect(printed).not.toContain("\n");
    expect(printed).not.toContain("${");
    const parsed = parseHTML(printed).document.querySelector("a")!;
    expect(parsed.textContent).toBe(HOSTILE.join(" "));
    expect(parsed.getAttribute("title")).toBe(HOSTILE.join(" "));
    expect(parsed.getAttribute("href")).toBe("https://example.org/?q=<x>&y=${z}");
    expect(() => block(document.createElement("span"))).toThrow(/HTML block/);
    expect(() => block(Object.assign(div, { innerHTML: "<style>x{}</style>" }))).toThrow(/style/);
  });

  it("md`` keeps its own Markdown and escapes what it is given unless it is Markup", () => {
    const document = htmlDocument();
    const link = document.createElement("a");
    link.setAttribute("href", "https://example.org/");
    link.textContent = "#1";
    expect(String(md`**Rank** ${inline(link)} and ${"*not bold*"}`)).toBe('**Rank** <a href="https://example.org/">&#35;1</a> and &#42;not bold&#42;');
  });
});
