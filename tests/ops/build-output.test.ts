/**
 * `npm run build` into a folder outside the project (TRACKER_OUTPUT_DIR): Framework does not empty
 * such a folder, so the build replaces an earlier build there itself, and refuses any other
 * non-empty folder before touching it.
 */
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runTsx } from "../helpers/run-tsx.ts";
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
