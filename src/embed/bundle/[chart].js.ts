/**
 * Framework data loader (run at build time) for /embed/bundle/<chart>.js, listed in `dynamicPaths`:
 * the embed page's code as ONE minified module, bundled by esbuild from ../runtime.ts and
 * ../charts/<chart>.ts with only the parts of d3 that chart uses. Framework serves each
 * node_modules package whole, as its own file, fetched one level of imports after another: for an
 * embed that was most of what it downloaded and most of the time before it drew. At two levels
 * below the root, like /_import/embed/runtime.<hash>.js, so runtime.ts's SITE_ROOT still holds.
 * The exported module /embed/<chart>.js and the site's pages keep Framework's modules.
 *
 * Offline: esbuild bundles from node_modules. `npm run dev` does not serve loader output at this
 * path, so there the embed page imports the modules themselves (see ../[chart].md).
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const { values } = parseArgs({ options: { chart: { type: "string" } } });
const id = values.chart ?? "";
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new Error(`bundle/[chart].js: --chart must be a chart id, not ${JSON.stringify(id)}`);

const result = await build({
  stdin: {
    contents: `export {mountEmbed} from "./runtime.ts";\nexport {chart} from "./charts/${id}.ts";\n`,
    resolveDir: dirname(dirname(fileURLToPath(import.meta.url))),
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
process.stdout.write(result.outputFiles[0]!.text);
