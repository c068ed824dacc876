/**
 * Fixes to the HTML Framework writes, for readers: a document language (screen readers pick their
 * voice from it), a viewport that lets people zoom (Framework sets maximum-scale=1), and names for
 * its navigation landmarks, which are otherwise indistinguishable unnamed <nav>s.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export function fixHtml(html: string): string {
  return html
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
