/**
 * Elements built at build time with the same component functions the browser runs, printed into a
 * page's Markdown. linkedom gives the DOM; `serialise` writes it with every text and attribute
 * value through `escapeText`, so the element reaches the reader exactly as built.
 */
import { parseHTML } from "linkedom";
import { Markup, escapeText } from "./markup.ts";

/** A fresh HTML document for one page's elements. */
export function htmlDocument(): Document {
  return parseHTML("<!DOCTYPE html><html><head></head><body></body></html>").document as unknown as Document;
}

/** What Markdown takes as an HTML block when it starts a line (CommonMark's block tag names). */
const BLOCK_TAGS = new Set(["div", "figure", "section", "p", "table", "details", "ul", "ol", "dl", "nav", "aside", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "form", "fieldset"]);

const VOID_TAGS = new Set(["area", "br", "col", "hr", "img", "input", "meta", "source", "wbr"]);
const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Our own serialiser, so that every attribute value and every text is written through
 * `escapeText` once: no character from the data reaches the page as syntax of any kind.
 */
function serialise(node: Node): string {
  if (node.nodeType === 3) return escapeText(node.textContent ?? "");
  if (node.nodeType !== 1) return "";
  const element = node as Element;
  const tag = element.localName;
  if (tag === "script" || tag === "style") throw new Error(`<${tag}> cannot be printed into a page from data`);
  const attributes = [...element.attributes].map((a) => ` ${a.name}="${escapeText(a.value)}"`).join("");
  const children = [...element.childNodes].map(serialise).join("");
  if (VOID_TAGS.has(tag)) return `<${tag}${attributes}>`;
  if (children === "" && element.namespaceURI === SVG_NS) return `<${tag}${attributes}/>`;
  return `<${tag}${attributes}>${children}</${tag}>`;
}

/** An element as a one-line HTML block, with a blank line either side, so Markdown leaves it alone. */
export function block(element: Element): Markup {
  const tag = element.localName;
  if (!BLOCK_TAGS.has(tag)) throw new Error(`block(): <${tag}> does not start an HTML block in Markdown; wrap it in a <div>`);
  return new Markup(`\n\n${serialise(element)}\n\n`);
}

/** An element inside a paragraph of prose (a sourced number). */
export function inline(element: Element): Markup {
  return new Markup(serialise(element));
}
