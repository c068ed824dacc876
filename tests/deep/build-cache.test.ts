/**
 * `npm run build` twice in one checkout: what an earlier build left in Framework's cache is not
 * published again, though Framework's build would take a loader's cached output even when the
 * loader changed since. A whole build, so it runs with the deep suite.
 */
import { mkdir, readFile, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { PROJECT_ROOT, runTsx } from "../helpers/run-tsx.ts";
import { tempDir } from "../helpers/temp-dir.ts";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ path: dir, cleanup } = await tempDir("build-cache-")));
afterEach(async () => cleanup());

it("makes a loader's output anew, though an earlier build left one older than the loader (Framework's build would take it)", async () => {
  const cached = join(PROJECT_ROOT, "src/.observablehq/cache/embed-loader.js");
  await mkdir(dirname(cached), { recursive: true });
  await writeFile(cached, "/* left by an earlier build */\n");
  await utimes(cached, new Date(0), new Date(0));
  const output = join(dir, "site");
  const run = await runTsx("bin/build.ts", [], { TRACKER_OUTPUT_DIR: output });
  expect(run.code, run.stderr).toBe(0);
  const loader = await runTsx("src/embed-loader.js.js", []);
  expect(await readFile(join(output, "embed-loader.js"), "utf8")).toBe(loader.stdout);
}, 120_000);
