/**
 * The credit line under an embedded chart, and links back to the site. Built with DOM calls only,
 * so the embed page printed at build time (linkedom, ./page.ts) and the browser (./runtime.ts)
 * make the same elements.
 */
import { formatDay } from "../components/format.js";

export function link(document: Document, text: string, href: string, newTab: boolean): HTMLAnchorElement {
  const a = document.createElement("a");
  a.textContent = text;
  a.setAttribute("href", href);
  if (newTab) {
    a.setAttribute("target", "_blank");
    a.setAttribute("rel", "noopener");
  }
  return a;
}

/** "Chart: RedNote Tracker · Source: … · Data as of …", linking to the chart's page at `pageHref`. */
export function creditLine(document: Document, source: string, asOf: string | null, pageHref: string, newTab: boolean): HTMLParagraphElement {
  const p = document.createElement("p");
  p.className = "rednote-credit";
  p.append(
    "Chart: ",
    link(document, "RedNote Tracker", pageHref, newTab),
    ` · Source: ${source} · ${asOf ? `Data as of ${formatDay(new Date(asOf))}` : "No data stored yet"}`,
  );
  return p;
}
