/**
 * Tooltips for chart marks, on hover and on keyboard focus: the mark's description and a link to
 * its source. Works on any chart whose marks sit in `a.source-link` elements with a <title>.
 */
import { safeHref } from "./svg.js";

export function attachTooltips(container: HTMLElement): HTMLElement {
  const document = container.ownerDocument;
  const tip = document.createElement("div");
  tip.className = "chart-tooltip";
  tip.setAttribute("role", "status");
  tip.hidden = true;
  const text = document.createElement("p");
  tip.append(text);
  // The link is made per mark: an <a> without an href would be an empty link in the page.
  let link: HTMLAnchorElement | undefined;
  container.style.position = "relative";
  container.append(tip);

  let current: Element | null = null;
  const show = (anchor: Element) => {
    const href = safeHref(anchor.getAttribute("href") ?? undefined);
    const description = anchor.querySelector("title")?.textContent ?? "";
    if (!description) return;
    current = anchor;
    text.textContent = description;
    link?.remove();
    link = undefined;
    if (href) {
      link = document.createElement("a");
      link.textContent = "Open the source";
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.href = href;
      tip.append(link);
    }
    tip.hidden = false;
    const box = container.getBoundingClientRect();
    const mark = anchor.getBoundingClientRect();
    const left = Math.min(Math.max(0, mark.left - box.left - 20), Math.max(0, box.width - tip.offsetWidth));
    const below = mark.bottom - box.top + 8;
    tip.style.left = `${left}px`;
    tip.style.top = `${below}px`;
  };
  const hide = () => {
    current = null;
    tip.hidden = true;
  };
  container.addEventListener("mouseover", (event) => {
    const anchor = (event.target as Element).closest?.("a.source-link");
    if (anchor && anchor !== current) show(anchor);
  });
  container.addEventListener("mouseleave", hide);
  container.addEventListener("focusin", (event) => {
    const anchor = (event.target as Element).closest?.("a.source-link");
    if (anchor) show(anchor);
  });
  container.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  return tip;
}
