// Framework data loader for /embed/bundle/<chart>.js (listed in `dynamicPaths`): the embed page's
// code in one file, from ../bundle.ts. `npm run build` writes these itself (scripts/loader-cache.ts);
// `npm run dev` does not serve loader output at this path, so there the embed page imports the
// modules themselves (see ../page.ts).
import { parseArgs } from "node:util";
import { bundleEmbed } from "../bundle.ts";

const { values } = parseArgs({ options: { chart: { type: "string" } } });
process.stdout.write(await bundleEmbed(values.chart ?? ""));
