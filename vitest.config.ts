/**
 * `npm test`: unit and loader tests in Node, then the site tests (the real build, served from
 * 127.0.0.1, opened in Chromium). The site is built once per run by tests/setup/build-site.ts, and
 * only when a site test is selected: `vitest run tests/loaders` does not build anything.
 * tests/deep/** is left to `vitest run -c vitest.deep.config.ts`.
 */
import { availableParallelism } from "node:os";
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

/** CI and dev machines here have 2 cores: more workers than that only adds contention (Chromium is heavy). */
export const MAX_WORKERS = Math.max(1, Math.min(2, availableParallelism()));

/**
 * Two projects under `dir`: plain Node tests, and tests that need the built site (`dir`/site/**,
 * which get `inject("siteDir")`). The site project runs after the other one (groupOrder), so
 * timing-sensitive loader tests never share the 2 cores with Chromium.
 */
export function trackerProjects(dir: string, names = { node: "unit", site: "site" }): TestProjectInlineConfiguration[] {
  return [
    {
      extends: true,
      test: {
        name: names.node,
        environment: "node",
        include: [`${dir}/**/*.test.ts`],
        exclude: [...configDefaults.exclude, `${dir}/site/**`, ...(dir === "tests" ? ["tests/deep/**"] : [])],
        sequence: { groupOrder: 0 },
      },
    },
    {
      extends: true,
      test: {
        name: names.site,
        environment: "node",
        include: [`${dir}/site/**/*.test.ts`],
        globalSetup: ["tests/setup/build-site.ts"],
        sequence: { groupOrder: 1 },
      },
    },
  ];
}

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, "dist/**", "src/.observablehq/**", "tests/deep/**"],
    // Browser tests launch Chromium and load a page at three widths; 5 s is not enough on a busy CI box.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    fileParallelism: MAX_WORKERS > 1,
    maxWorkers: MAX_WORKERS,
    projects: trackerProjects("tests"),
  },
});
