#!/usr/bin/env node
/**
 * Runs a TypeScript command: `node scripts/run-ts.mjs <file.ts> [args...]` does what
 * `tsx <file.ts>` does, starting in a third of the time (scripts/ts-bundle.mjs). Every npm script
 * and the site's data loaders start this way. A stack trace names lines of the bundle; with
 * `NODE_OPTIONS=--enable-source-maps` it names the TypeScript (off by default: it costs 70 ms).
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleTypeScript } from "./ts-bundle.mjs";

const [entry, ...args] = process.argv.slice(2);
if (!entry || !/\.[cm]?ts$/.test(entry)) {
  console.error("usage: node scripts/run-ts.mjs <file.ts> [arguments...]");
  process.exit(2);
}
let bundle;
try {
  bundle = await bundleTypeScript(entry, join(dirname(fileURLToPath(import.meta.url)), "../node_modules/.cache/run-ts"));
} catch (error) {
  const detail = error?.errors?.[0];
  const where = detail?.location ? `${detail.location.file}:${detail.location.line}: ` : "";
  console.error(`run-ts: could not compile ${entry}: ${where}${detail?.text ?? error?.message ?? error}`);
  process.exit(1);
}
// The command sees the argv it would under tsx: [node, its own file, ...its arguments].
process.argv = [process.argv[0], resolve(entry), ...args];
await import(pathToFileURL(bundle).href);
