// The dataset a parameterized data loader (src/data/csv/[dataset].csv.ts) is asked for.
import { isDatasetName, type DatasetName } from "../../../loaders/schema.ts";

/** The dataset name of a loader's `--dataset=NAME` argument (Framework's parameterized routes). */
export function datasetArgument(argv: readonly string[]): DatasetName {
  const arg = argv.find((a) => a.startsWith("--dataset="));
  const name = arg?.slice("--dataset=".length) ?? "";
  if (!isDatasetName(name)) throw new Error(`expected --dataset=<one of the datasets in loaders/schema.ts>, got ${JSON.stringify(arg ?? null)}`);
  return name;
}
