/**
 * The Embed page's list of charts (src/pages/embed.ts): for each, its links, a live preview in
 * the snippet's iframe, and the snippets to copy. The build prints it with the site's address as
 * far as it knows it (TRACKER_SITE_URL); `wireGallery` in the browser writes in the address the
 * reader is on and makes the Copy buttons work.
 */
import { CHARTS, type EmbedChart } from "./charts.js";
import { DEFAULT_FRAME_HEIGHT, embedSnippet, embedUrls, moduleSnippet } from "./snippet.js";

export function codeBlock(document: Document, id: string, label: string, code: string, rows: number): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "embed-code";
  const labelElement = document.createElement("label");
  labelElement.setAttribute("for", id);
  labelElement.textContent = label;
  const textarea = document.createElement("textarea");
  textarea.id = id;
  for (const [name, value] of [["readonly", ""], ["rows", String(rows)], ["spellcheck", "false"]]) textarea.setAttribute(name!, value!);
  textarea.textContent = code;
  const button = document.createElement("button");
  button.setAttribute("type", "button");
  button.textContent = "Copy";
  const status = document.createElement("span");
  status.className = "embed-copy-status";
  status.setAttribute("role", "status");
  const actions = document.createElement("div");
  actions.className = "embed-actions";
  actions.append(button, status);
  wrapper.append(labelElement, textarea, actions);
  return wrapper;
}

function anchor(document: Document, text: string, href: string): HTMLAnchorElement {
  const a = document.createElement("a");
  a.textContent = text;
  a.setAttribute("href", href);
  return a;
}

function links(document: Document, chart: EmbedChart<unknown>, site: URL): HTMLElement {
  const urls = embedUrls(chart, site);
  const p = document.createElement("p");
  p.className = "embed-links";
  p.append(
    anchor(document, "Its page", urls.page), " · ",
    anchor(document, "Embed page", urls.embed), " · ",
    anchor(document, "SVG", urls.svg), " · ",
    anchor(document, "PNG", urls.png), " · ",
    anchor(document, "Data (JSON)", new URL(chart.data.replace(/^\//, ""), site).href),
  );
  return p;
}

export function gallery(document: Document, site: URL): HTMLElement {
  const sections = document.createElement("div");
  sections.className = "embed-gallery";
  for (const chart of CHARTS) {
    const section = document.createElement("section");
    section.className = "embed-chart";
    section.setAttribute("data-chart", chart.id);
    const heading = document.createElement("h2");
    heading.id = chart.id;
    heading.textContent = chart.title;
    // The snippet's iframe, built with the DOM (the site's CSP refuses the snippet's style attribute).
    const preview = document.createElement("div");
    preview.className = "embed-preview rednote-embed";
    const frame = document.createElement("iframe");
    frame.setAttribute("src", `./embed/${chart.id}`);
    frame.setAttribute("title", `${chart.title} (interactive chart, RedNote Tracker)`);
    frame.setAttribute("data-rednote-embed", "");
    frame.setAttribute("height", String(DEFAULT_FRAME_HEIGHT));
    // Five live charts at once would hold up the page: each preview loads as it nears the screen.
    frame.setAttribute("loading", "lazy");
    preview.append(frame);
    const moduleDetails = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "As a JavaScript module instead";
    const note = document.createElement("p");
    note.textContent = `draw(element, {width, ${chart.options.join(", ")}}) draws the chart and its credit line into the element, at the element's width unless a width is given. Your page must be allowed to load modules from this site (CORS).`;
    moduleDetails.append(summary, note, codeBlock(document, `embed-module-${chart.id}`, `Module code for “${chart.title}”`, moduleSnippet(chart, site), 5));
    section.append(heading, links(document, chart, site), preview, codeBlock(document, `embed-code-${chart.id}`, `Embed code for “${chart.title}”`, embedSnippet(chart, site), 7), moduleDetails);
    sections.append(section);
  }
  return sections;
}

/** In the browser: the snippets and links for the address the reader is on, and working Copy buttons. */
export function wireGallery(document: Document, site: URL): void {
  for (const chart of CHARTS) {
    const section = document.querySelector(`section.embed-chart[data-chart="${chart.id}"]`);
    if (!section) continue;
    section.querySelector(".embed-links")!.replaceWith(links(document, chart, site));
    (document.getElementById(`embed-code-${chart.id}`) as HTMLTextAreaElement).value = embedSnippet(chart, site);
    (document.getElementById(`embed-module-${chart.id}`) as HTMLTextAreaElement).value = moduleSnippet(chart, site);
  }
  for (const block of document.querySelectorAll(".embed-code")) wireCopy(block);
}

/** Makes a code block's Copy button copy its code (or select it where the clipboard is refused). */
export function wireCopy(block: Element): void {
  const document = block.ownerDocument;
  const textarea = block.querySelector("textarea")!;
  const status = block.querySelector(".embed-copy-status")!;
  block.querySelector("button")!.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(textarea.value);
      status.textContent = "Copied.";
    } catch {
      // No clipboard API (plain http, older browsers, denied): select the code for Ctrl+C instead.
      textarea.focus();
      textarea.select();
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch {}
      status.textContent = copied ? "Copied." : "Selected: press Ctrl+C (⌘C on a Mac) to copy.";
    }
  });
}
