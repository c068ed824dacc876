/**
 * Small DOM helpers shared by the chart functions. Charts build SVG through the `document` they
 * are given, so the same code draws in a page, an embed and in Node (with a DOM from npm).
 */
export const SVG_NS = "http://www.w3.org/2000/svg";

export type Attributes = Record<string, string | number | undefined>;

export function svgElement<K extends keyof SVGElementTagNameMap>(
  document: Document,
  tag: K,
  attributes: Attributes = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, String(value));
  parent?.appendChild(element);
  return element;
}

export function svgText(document: Document, text: string, attributes: Attributes, parent: Element): SVGTextElement {
  const element = svgElement(document, "text", attributes, parent);
  // textContent, never innerHTML: names and notes come from outside and must stay text.
  element.textContent = text;
  return element;
}

/** Only http(s) links are drawn; anything else (javascript:, data:) is left as plain text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Wraps a mark in a link to its source, with a native tooltip; keyboard users reach it with Tab. */
export function sourceLink(document: Document, parent: Element, url: string | undefined, tooltip: string): Element {
  const href = safeHref(url);
  const container = href
    ? svgElement(document, "a", { href, target: "_blank", rel: "noopener noreferrer", class: "source-link" }, parent)
    : svgElement(document, "g", {}, parent);
  const title = svgElement(document, "title", {}, container);
  title.textContent = tooltip;
  if (href) container.setAttribute("aria-label", tooltip);
  return container;
}

/** Breaks text into lines of at most `chars` characters at spaces, for SVG which does not wrap. */
export function wrapText(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
