/**
 * The other process of a cold reading (./fold-in-child.ts): reads `{dataDir, apps, months}` from
 * the JSON file it is given (months as ./chart-months.ts describes them), folds each month's files
 * in order, and writes `{folds}` as JSON on stdout; a failure is one line on stderr and exit 1.
 */
import { readFileSync } from "node:fs";
import type { TrackedAppRow } from "../../../loaders/schema.ts";
import { storedFileReader } from "../../../loaders/store/read.ts";
import { trackedIds } from "../derive/chart-summary.ts";
import { monthResources, type ChartMonth } from "./chart-months.ts";
import { foldFiles } from "./fold-files.ts";

try {
  const { dataDir, apps, months } = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as { dataDir: string; apps: TrackedAppRow[]; months: ChartMonth[] };
  const ids = trackedIds(apps);
  const read = storedFileReader();
  const folds = [];
  for (const month of months) folds.push(await foldFiles(dataDir, await monthResources(dataDir, month), ids, read));
  process.stdout.write(JSON.stringify({ folds }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
