/**
 * Fixes to the HTML Framework writes, for readers: a document language (screen readers pick their
 * voice from it), a viewport that lets people zoom (Framework sets maximum-scale=1), and names for
 * its navigation landmarks, which are otherwise indistinguishable unnamed <nav>s; no Framework client
 * where it has nothing to do; the link to the Atom feed. And a strict
 * Content-Security-Policy: only this site's own files, plus the page's own inline scripts and
 * styles by hash, so nothing injected into a page (or a hostile string from a feed) can run.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, sep } from "node:path";
import { FEED_PATH, FEED_TITLE } from "../src/data/derive/feed.ts";
import { siteRootFromEnv } from "../src/embed/config.ts";
import { feedLinkHead } from "../src/render/head.ts";

const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

export function contentSecurityPolicy(html: string): string {
  const inline = (tag: string) => [...html.matchAll(new RegExp(`<${tag}(?![^>]*\\bsrc=)[^>]*>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => hash(m[1]!));
  return [
    "default-src 'self'",
    `script-src 'self' ${[...new Set(inline("script"))].join(" ")}`.trim(),
    `style-src 'self' ${[...new Set(inline("style"))].join(" ")}`.trim(),
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** Framework's import of its client when the page defines no cell (it then imports nothing from it). */
const IDLE_CLIENT = /<script type="module">\s*import "[^"]*\/_observablehq\/client\.\w+\.js";\s*<\/script>\n?/;

/**
 * Framework loads its client (and preloads it with its runtime and standard library) on every
 * page. The client defines cells and sets up the sidebar, the table of contents and code blocks'
 * copy buttons: on a page with none of these it does nothing, so the page goes without. These are
 * the embed pages, for which it was a third of the download (17 KB gzipped).
 */
export function withoutIdleClient(html: string): string {
  if (!IDLE_CLIENT.test(html) || /id="observablehq-(?:sidebar|toc)"|<pre[\s>]/.test(html)) return html;
  return html.replace(IDLE_CLIENT, "").replace(/<link rel="modulepreload" href="[^"]*\/_observablehq\/[^"]*">\n?/g, "");
}

/** `feedLink`: the page's <link> to the Atom feed (src/render/head.ts feedLinkHead), if it has one. */
export function fixHtml(built: string, feedLink = ""): string {
  const html = withoutIdleClient(built).replace(/<\/head>/, `${feedLink}</head>`);
  const csp = contentSecurityPolicy(html);
  return html
    .replace(/<head>(?!\n<meta http-equiv="Content-Security-Policy")/, `<head>\n<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace(/<html(?![^>]*\blang=)/, '<html lang="en"')
    .replace(/,\s*maximum-scale=1(\.0)?/, "")
    .replace('<nav id="observablehq-sidebar">', '<nav id="observablehq-sidebar" aria-label="Pages">')
    .replace(/(<aside id="observablehq-toc"[^>]*>\s*)<nav>/, '$1<nav aria-label="On this page">')
    .replace(/(<footer id="observablehq-footer">\s*)<nav>/, '$1<nav aria-label="Previous and next page">');
}

export async function fixBuiltHtml(dir: string): Promise<void> {
  const root = siteRootFromEnv();
  for (const file of await readdir(dir, { recursive: true })) {
    if (!file.endsWith(".html")) continue;
    const path = join(dir, file);
    const html = await readFile(path, "utf8");
    const page = `/${file.replace(/\.html$/, "").split(sep).join("/")}`;
    const fixed = fixHtml(html, feedLinkHead(page, root, FEED_PATH, FEED_TITLE));
    if (fixed !== html) await writeFile(path, fixed);
  }
}
