/**
 * Two fixes to the HTML Framework writes, for readers: a document language (screen readers pick
 * their voice from it) and a viewport that lets people zoom (Framework sets maximum-scale=1).
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export function fixHtml(html: string): string {
  return html.replace(/<html(?![^>]*\blang=)/, '<html lang="en"').replace(/,\s*maximum-scale=1(\.0)?/, "");
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
