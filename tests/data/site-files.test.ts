/**
 * The build writes every loader's output itself (scripts/loader-cache.ts), so Framework runs none:
 * that is only right while src/data's loaders and src/data/outputs' list name the same files.
 */
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/config.ts";
import { DATASETS } from "../../loaders/schema.ts";
import { SITE_FILES } from "../../src/data/outputs/index.ts";

async function loaderTargets(): Promise<string[]> {
  const root = join(PROJECT_ROOT, "src");
  const entries = await readdir(join(root, "data"), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(json|csv)\.ts$/.test(e.name))
    .flatMap((e) => {
      const target = relative(root, join(e.parentPath, e.name)).replace(/\.ts$/, "");
      return target.includes("[dataset]") ? Object.keys(DATASETS).map((d) => target.replace("[dataset]", d)) : [target];
    })
    .sort();
}

describe("the site's data files", () => {
  it("are exactly the files src/data's Framework loaders produce, each once", async () => {
    const paths = SITE_FILES.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual(await loaderTargets());
  });

  it("list the catalog after every download it describes", () => {
    const paths = SITE_FILES.map((f) => f.path);
    for (const name of Object.keys(DATASETS)) expect(paths.indexOf(`data/csv/${name}.csv`)).toBeLessThan(paths.indexOf("data/catalog.json"));
  });
});
