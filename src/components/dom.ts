/** HTML helpers for pages: text is always set as text, links only ever point at http(s). */
import { safeHref } from "./svg.js";

export function sourceAnchor(document: Document, text: string, url: string | undefined, title?: string): HTMLElement {
  const href = safeHref(url);
  const element = document.createElement(href ? "a" : "span");
  element.textContent = text;
  if (href) {
    element.setAttribute("href", href);
    element.setAttribute("rel", "noopener noreferrer");
  }
  if (title) element.setAttribute("title", title);
  return element;
}
