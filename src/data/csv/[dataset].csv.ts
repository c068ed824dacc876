// Framework data loader (parameterized route): data/csv/<dataset>.csv, the rows a reader of the
// dataset gets. The body is src/data/outputs/downloads.ts; the Data page links one per dataset.
import { datasetArgument } from "../lib/dataset-argument.ts";
import { datasetCsvFile } from "../outputs/downloads.ts";
import { runLoader } from "../outputs/run-loader.ts";

let dataset;
try {
  dataset = datasetArgument(process.argv);
} catch (error) {
  console.error(`data/csv loader: ${(error as Error).message}`);
  process.exit(2);
}
await runLoader(datasetCsvFile(dataset));
