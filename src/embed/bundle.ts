/**
 * The embed page's code as ONE minified module per chart, bundled by esbuild from ./runtime.ts and
 * ./charts/<chart>.ts with only the parts of d3 that chart uses (every chart's in one esbuild run). Framework serves each
 * node_modules package whole, as its own file, fetched one level of imports after another: for an
 * embed that was most of what it downloaded and most of the time before it drew. Served at
 * /embed/bundle/<chart>.js, two levels below the root like /_import/embed/runtime.<hash>.js, so
 * runtime.ts's SITE_ROOT still holds. The exported module /embed/<chart>.js and the site's pages
 * keep Framework's modules.
 *
 * Offline: esbuild bundles from node_modules. Written by `npm run build` with the site's data
 * (scripts/loader-cache.ts) and by the Framework loader ./bundle/[chart].js.ts.
 */
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { SiteFile } from "../data/outputs/site-file.ts";
import { APP_EMBED, CHARTS } from "./charts.ts";

export const CHART_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const IDS = [...CHARTS.map((chart) => chart.id), APP_EMBED.id];
const ENTRY = "embed-entry:";

/** Every embed's code, by chart id: one esbuild run for all of them (half the time of one run each). */
let bundled: Promise<Map<string, string>> | undefined;

function bundleAll(): Promise<Map<string, string>> {
  bundled ??= build({
    entryPoints: IDS.map((id) => ({ in: `${ENTRY}${id}`, out: id })),
    plugins: [
      {
        name: "embed-entries",
        setup(build) {
          build.onResolve({ filter: /^embed-entry:/ }, (args) => ({ path: args.path.slice(ENTRY.length), namespace: "embed-entry" }));
          build.onLoad({ filter: /.*/, namespace: "embed-entry" }, (args) => ({
            contents: args.path === APP_EMBED.id ? `export {mountAppEmbed} from "./app-embed.ts";\n` : `export {mountEmbed} from "./runtime.ts";\nexport {chart} from "./charts/${args.path}.ts";\n`,
            resolveDir: dirname(fileURLToPath(import.meta.url)),
            loader: "ts",
          }));
        },
      },
    ],
    bundle: true,
    format: "esm",
    platform: "browser",
    // As Framework builds node_modules packages.
    target: ["es2022", "chrome96", "firefox96", "safari16"],
    minify: true,
    write: false,
    // Required with several entry points; nothing is written there.
    outdir: "embed-bundles",
    logLevel: "error",
  }).then((result) => new Map(result.outputFiles.map((file) => [basename(file.path, ".js"), file.text])));
  return bundled;
}

/** A chart's embed page code, or the app embed's (./app-embed.ts). */
export async function bundleEmbed(id: string): Promise<string> {
  if (!CHART_ID.test(id) || !IDS.includes(id)) throw new Error(`an embed bundle needs a chart id (${IDS.join(", ")}), not ${JSON.stringify(id)}`);
  return (await bundleAll()).get(id)!;
}

/** One bundle per chart of ./charts.ts and the app embed's, as files the build writes for Framework. */
export const EMBED_BUNDLES: readonly SiteFile[] = IDS.map((id) => ({
  path: `embed/bundle/${id}.js`,
  write: async (_store, sink) => sink.write(await bundleEmbed(id)),
}));
