/**
 * The embed page's code as ONE minified module per chart, bundled by esbuild from ./runtime.ts and
 * ./charts/<chart>.ts with only the parts of d3 that chart uses. Framework serves each
 * node_modules package whole, as its own file, fetched one level of imports after another: for an
 * embed that was most of what it downloaded and most of the time before it drew. Served at
 * /embed/bundle/<chart>.js, two levels below the root like /_import/embed/runtime.<hash>.js, so
 * runtime.ts's SITE_ROOT still holds. The exported module /embed/<chart>.js and the site's pages
 * keep Framework's modules.
 *
 * Offline: esbuild bundles from node_modules. Written by `npm run build` with the site's data
 * (scripts/loader-cache.ts) and by the Framework loader ./bundle/[chart].js.ts.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { SiteFile } from "../data/outputs/site-file.ts";
import { APP_EMBED, CHARTS } from "./charts.ts";

export const CHART_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A chart's embed page code, or the app embed's (./app-embed.ts). */
export async function bundleEmbed(id: string): Promise<string> {
  if (!CHART_ID.test(id)) throw new Error(`an embed bundle needs a chart id, not ${JSON.stringify(id)}`);
  const result = await build({
    stdin: {
      contents: id === APP_EMBED.id ? `export {mountAppEmbed} from "./app-embed.ts";\n` : `export {mountEmbed} from "./runtime.ts";\nexport {chart} from "./charts/${id}.ts";\n`,
      resolveDir: dirname(fileURLToPath(import.meta.url)),
      loader: "ts",
      sourcefile: `${id}.bundle.ts`,
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    // As Framework builds node_modules packages.
    target: ["es2022", "chrome96", "firefox96", "safari16"],
    minify: true,
    write: false,
    logLevel: "error",
  });
  return result.outputFiles[0]!.text;
}

/** One bundle per chart of ./charts.ts and the app embed's, as files the build writes for Framework. */
export const EMBED_BUNDLES: readonly SiteFile[] = [...CHARTS.map((chart) => chart.id), APP_EMBED.id].map((id) => ({
  path: `embed/bundle/${id}.js`,
  write: async (_store, sink) => sink.write(await bundleEmbed(id)),
}));
