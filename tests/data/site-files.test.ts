/**
 * The build writes every loader's output itself (scripts/loader-cache.ts), so Framework runs none:
 * that is only right while the loaders in src/data and src/embed/bundle, the page loaders
 * (src/…/<page>.md.ts) and the build's list name the same files.
 */
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/config.ts";
import { BUILD_FILES } from "../../scripts/loader-cache.ts";
import { HISTORY_SHARDS, SEARCH_BUCKETS } from "../../src/components/app-shards.ts";
import { APP_EMBED, CHARTS } from "../../src/embed/charts.ts";

const EXPAND: Record<string, string[]> = { "[chart]": [...CHARTS.map((c) => c.id), APP_EMBED.id], "[shard]": HISTORY_SHARDS, "[bucket]": SEARCH_BUCKETS };
/**
 * The loaders whose files depend on what is stored: the downloads, which the build writes apart
 * (writeDownloads), and the apps' chart-years (STORE_FILES).
 */
const STORED_LOADERS = ["data/csv/[name].csv", "data/parquet/[name].parquet", "data/apps/snapshots/[name].json"];

async function loaderTargets(): Promise<string[]> {
  const root = join(PROJECT_ROOT, "src");
  const targets: string[] = [];
  for (const folder of ["data", "embed/bundle"]) {
    for (const e of await readdir(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !/\.(json|csv|parquet|js)\.ts$/.test(e.name)) continue;
      const target = relative(root, join(e.parentPath, e.name)).replace(/\.ts$/, "");
      if (STORED_LOADERS.includes(target)) continue;
      const param = Object.keys(EXPAND).find((p) => target.includes(p));
      targets.push(...(param ? EXPAND[param]!.map((value) => target.replace(param, value)) : [target]));
    }
  }
  // Loaders of files at the site root, such as feed.xml.ts.
  for (const e of await readdir(root, { withFileTypes: true })) if (e.isFile() && /\.xml\.ts$/.test(e.name)) targets.push(e.name.replace(/\.ts$/, ""));
  // Page loaders: <page>.md.ts prints <page>.md.
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith(".md.ts") || e.parentPath.includes(".observablehq")) continue;
    const target = relative(root, join(e.parentPath, e.name)).replace(/\.ts$/, "");
    const param = Object.keys(EXPAND).find((p) => target.includes(p));
    targets.push(...(param ? EXPAND[param]!.map((value) => target.replace(param, value)) : [target]));
  }
  return targets.sort();
}

describe("the site's data files", () => {
  it("are exactly the files the Framework loaders the build stands in for produce, each once", async () => {
    const paths = BUILD_FILES.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual(await loaderTargets());
  });
});
