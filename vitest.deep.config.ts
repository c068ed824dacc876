/**
 * `vitest run -c vitest.deep.config.ts` (the `test:deep` script): only tests/deep/** — long
 * property-based runs, fault injection, big data — which the default run leaves out. Tests under
 * tests/deep/site/** get the built site (`inject("siteDir")`) exactly like tests/site/**.
 */
import { defineConfig } from "vitest/config";
import { MAX_WORKERS, trackerProjects } from "./vitest.config.ts";

export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    fileParallelism: MAX_WORKERS > 1,
    maxWorkers: MAX_WORKERS,
    // Nothing under tests/deep yet must not fail the command.
    passWithNoTests: true,
    projects: trackerProjects("tests/deep", { node: "deep", site: "deep-site" }),
  },
});
