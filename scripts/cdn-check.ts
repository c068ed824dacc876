/** Finds addresses of CDNs and font hosts in a built site: a reader's browser must only call the site itself. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export const CDN_HOSTS = [
  "cdn.jsdelivr.net",
  "unpkg.com",
  "esm.sh",
  "cdnjs.cloudflare.com",
  "fonts.googleapis.com",
  "fonts.gstatic.com",
  "ga.jspm.io",
  "cdn.skypack.dev",
  "api.observablehq.com",
];

export async function findCdnReferences(dir: string): Promise<{ file: string; host: string }[]> {
  const found: { file: string; host: string }[] = [];
  for (const file of await readdir(dir, { recursive: true })) {
    if (!/\.(html|js|css|json|svg|txt)$/.test(file)) continue;
    const text = await readFile(join(dir, file), "utf8").catch(() => "");
    for (const host of CDN_HOSTS) if (text.includes(host)) found.push({ file, host });
  }
  return found;
}
