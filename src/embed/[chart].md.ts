// Framework's page loader for /embed/<chart> (listed in `dynamicPaths`; Framework passes
// --chart=<id>): the page from ./page.ts. `npm run build` prints these itself (scripts/loader-cache.ts).
import { parseArgs } from "node:util";
import { runLoader } from "../data/outputs/run-loader.ts";
import { EMBED_PAGES } from "./page.ts";

const { values } = parseArgs({ options: { chart: { type: "string" } } });
const page = EMBED_PAGES.find((p) => p.path === `embed/${values.chart}.md`);
if (page) await runLoader(page);
else {
  console.error(`embed/${values.chart}.md: no chart "${values.chart}" in src/embed/charts.ts; add it there, or use one of ${EMBED_PAGES.map((p) => p.path.slice(6, -3)).join(", ")}.`);
  process.exitCode = 1;
}
