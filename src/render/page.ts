/**
 * A page printed at build time: a SiteFile whose content is the page's Markdown, written by
 * Framework's page loader (src/<page>.md.ts) in `npm run dev` and by `npm run build` together
 * with the site's data, from the same reading of the store (scripts/loader-cache.ts).
 */
import type { SiteFile } from "../data/outputs/site-file.ts";
import type { SiteStore } from "../data/outputs/site-store.ts";
import type { Markup } from "./markup.ts";

export function pageFile(path: string, render: (store: SiteStore) => Promise<Markup>): SiteFile {
  return { path, write: async (store, sink) => sink.write(String(await render(store))) };
}
