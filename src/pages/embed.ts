/**
 * Embed, `/embed`: printed at build time with every chart's links, preview and snippets; the
 * client writes in the address the reader is on and wires the Copy buttons (src/embed/gallery.ts).
 */
import { siteRootFromEnv } from "../embed/config.ts";
import { appSection } from "../embed/app-gallery.ts";
import { gallery } from "../embed/gallery.ts";
import { APPS_SEARCH_FILES } from "../components/app-shards.ts";
import { filesScript } from "./apps.ts";
import { block, htmlDocument } from "../render/html.ts";
import { client, md } from "../render/markup.ts";
import { pageFile } from "../render/page.ts";

export const embedPage = pageFile("embed.md", async () => md`---
title: Embed
toc: false
---

# Embed a chart

Every chart on this site can go into an article, with its sources and the date of its data:

- **An iframe**, resized to fit by a small script: copy the snippet under a chart. The chart is in the frame's HTML, so it shows even where scripts cannot run; a static image of the chart that links here stands in where frames cannot.
- **A static image**, SVG or PNG, drawn from the same data when the site is built.
- **A JavaScript module** that draws the chart into an element of your page.

The snippets below point at the address you are reading this page on. An iframe takes optional parameters in its address: \`app\` (an app key, e.g. \`lemon8\`), \`country\` (a two-letter code, e.g. \`us\`), \`from\` and \`to\` (dates like \`2025-01-13\`) and \`theme\` (\`light\` or \`dark\`, otherwise the reader's setting). A value a chart cannot use shows a message in the frame instead of the chart. For example, \`…/embed/story-chart?app=lemon8&theme=dark\`.
${block(gallery(htmlDocument(), siteRootFromEnv() ?? new URL("https://SITE/")))}
${block(appSection(htmlDocument()))}
${client(
  'import {embedUrls} from "./embed/snippet.js";',
  'import {CHARTS} from "./embed/charts.js";',
  'import {wireGallery} from "./embed/gallery.js";',
  'import {wireAppGallery} from "./embed/app-gallery.js";',
  'const site = new URL("./", location.href);',
  "// The previews are sized by the same loader the snippets include.",
  'document.head.append(Object.assign(document.createElement("script"), {src: embedUrls(CHARTS[0], site).loader, async: true}));',
  "wireGallery(document, site);",
  filesScript(APPS_SEARCH_FILES),
  "wireAppGallery(document, site, file);",
)}`);
