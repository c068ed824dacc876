/**
 * Fixes to the HTML Framework writes, for readers: a document language (screen readers pick their
 * voice from it), a viewport that lets people zoom (Framework sets maximum-scale=1), and names for
 * its navigation landmarks, which are otherwise indistinguishable unnamed <nav>s. And a strict
 * Content-Security-Policy: only this site's own files, plus the page's own inline scripts and
 * styles by hash, so nothing injected into a page (or a hostile string from a feed) can run.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

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

export function fixHtml(html: string): string {
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
  for (const file of await readdir(dir, { recursive: true })) {
    if (!file.endsWith(".html")) continue;
    const path = join(dir, file);
    const html = await readFile(path, "utf8");
    const fixed = fixHtml(html);
    if (fixed !== html) await writeFile(path, fixed);
  }
}
