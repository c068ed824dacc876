/**
 * The Embed page's list of charts (src/pages/embed.ts): for each, its links, a live preview in
 * the snippet's iframe (made in the browser as it nears the screen), and the snippets to copy. The build prints it with the site's address as
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
    // The snippet's iframe, made by wireGallery as the preview nears the screen: five live charts
    // at once held the page up (Lighthouse's total blocking time), and Chromium loads
    // loading="lazy" frames from well off screen. Without scripts, a link to the chart's embed page.
    const preview = document.createElement("div");
    preview.className = "embed-preview rednote-embed";
    preview.setAttribute("data-preview", chart.id);
    const noscript = document.createElement("noscript");
    const open = anchor(document, `Open the live chart “${chart.title}”`, `./embed/${chart.id}`);
    noscript.append(open);
    preview.append(noscript);
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

/** The snippet's iframe for `chart`, which the embed loader sizes once it is in the page. */
function previewFrame(document: Document, chart: EmbedChart<unknown>): HTMLIFrameElement {
  const frame = document.createElement("iframe");
  frame.setAttribute("src", `./embed/${chart.id}`);
  frame.setAttribute("title", `${chart.title} (interactive chart, RedNote Tracker)`);
  frame.setAttribute("data-rednote-embed", "");
  frame.setAttribute("height", String(DEFAULT_FRAME_HEIGHT));
  return frame;
}

/**
 * In the browser: the snippets and links for the address the reader is on, working Copy buttons,
 * and each live preview made as it comes within 200 px of the viewport.
 */
export function wireGallery(document: Document, site: URL): void {
  const previews = new Map<Element, EmbedChart<unknown>>();
  for (const chart of CHARTS) {
    const section = document.querySelector(`section.embed-chart[data-chart="${chart.id}"]`);
    if (!section) continue;
    section.querySelector(".embed-links")!.replaceWith(links(document, chart, site));
    (document.getElementById(`embed-code-${chart.id}`) as HTMLTextAreaElement).value = embedSnippet(chart, site);
    (document.getElementById(`embed-module-${chart.id}`) as HTMLTextAreaElement).value = moduleSnippet(chart, site);
    const preview = section.querySelector(".embed-preview[data-preview]");
    if (preview) previews.set(preview, chart);
  }
  for (const block of document.querySelectorAll(".embed-code")) wireCopy(block);
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        entry.target.replaceChildren(previewFrame(document, previews.get(entry.target)!));
      }
    },
    { rootMargin: "200px 0px" },
  );
  for (const preview of previews.keys()) observer.observe(preview);
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
