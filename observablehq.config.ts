// The site. Everything a page needs is bundled from node_modules: no CDN, no web font.
import { embedDynamicPaths, siteRootFromEnv, socialImageHead } from "./src/embed/config.ts";
import { FEED_PATH } from "./src/data/derive/feed.ts";
import { PAGE_DESCRIPTIONS } from "./src/pages/descriptions.ts";
import { previewHead } from "./src/render/head.ts";

const HEAD = '<meta name="color-scheme" content="light dark"><link rel="icon" href="data:,">';
/** The public address (TRACKER_SITE_URL), for absolute og:image URLs; without it pages have none. */
const SITE_URL = siteRootFromEnv();

export default {
  root: "src",
  output: process.env.TRACKER_OUTPUT_DIR ?? "dist",
  title: "RedNote Tracker",
  pages: [
    { name: "The story", path: "/" },
    { name: "Rankings", path: "/rankings" },
    { name: "Hashtags and attention", path: "/attention" },
    { name: "Timeline", path: "/timeline" },
    { name: "Apps", path: "/apps" },
    { name: "Data", path: "/data" },
    { name: "Methodology", path: "/methodology" },
    { name: "Embed", path: "/embed" },
  ],
  // TypeScript loaders run in one process each (Framework's default, `tsx`, starts two).
  interpreters: { ".ts": ["node", "--import", "tsx"] },
  // Built although no page links to them: embed pages, exported modules, data at stable paths, the
  // loader, and the Atom feed (a <link> in the head is not a reference Framework follows).
  dynamicPaths: [...embedDynamicPaths(), `/${FEED_PATH}`],
  // The default theme pulls a Google web font; readers' browsers must not call other hosts.
  globalStylesheets: [],
  style: "style.css",
  head: ({ title, path }: { title: string | null; path: string }) =>
    HEAD +
    previewHead(title, PAGE_DESCRIPTIONS[path.replace(/\/index$/, "/")], "RedNote Tracker") +
    socialImageHead(path, SITE_URL),
  footer: "RedNote Tracker · Every number links to its source.",
  search: false,
  linkify: true,
};
