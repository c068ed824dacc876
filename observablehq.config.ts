// The site. Everything a page needs is bundled from node_modules: no CDN, no web font.
export default {
  root: "src",
  output: process.env.TRACKER_OUTPUT_DIR ?? "dist",
  title: "RedNote Tracker",
  pages: [
    { name: "The story", path: "/" },
    { name: "Rankings", path: "/rankings" },
    { name: "Hashtags and attention", path: "/attention" },
    { name: "Timeline", path: "/timeline" },
    { name: "Data", path: "/data" },
    { name: "Methodology", path: "/methodology" },
  ],
  // The default theme pulls a Google web font; readers' browsers must not call other hosts.
  globalStylesheets: [],
  style: "style.css",
  head: '<meta name="color-scheme" content="light dark"><link rel="icon" href="data:,">',
  footer: "RedNote Tracker · Every number links to its source.",
  search: false,
  linkify: true,
};
