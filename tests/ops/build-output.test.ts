/**
 * `npm run build` into a folder outside the project (TRACKER_OUTPUT_DIR): Framework does not empty
 * such a folder, so the build replaces an earlier build there itself, and refuses any other
 * non-empty folder before touching it. And what an earlier build left in Framework's cache is not
 * published again.
 */
import { mkdir, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { PROJECT_ROOT, runTsx } from "../helpers/run-tsx.ts";
import { tempDir } from "../helpers/temp-dir.ts";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ path: dir, cleanup } = await tempDir("build-output-")));
afterEach(async () => cleanup());

it("refuses a non-empty folder that holds no earlier build, and leaves it as it was", async () => {
  await writeFile(join(dir, "notes.txt"), "mine");
  const run = await runTsx("bin/build.ts", [], { TRACKER_OUTPUT_DIR: dir });
  expect(run.code).toBe(1);
  expect(run.stderr.trim()).toBe(`build: ${dir} is not empty and holds no earlier build; set TRACKER_OUTPUT_DIR to an empty or new folder.`);
  expect(await readdir(dir)).toEqual(["notes.txt"]);
});

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
