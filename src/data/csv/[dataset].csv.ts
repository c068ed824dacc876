// Framework data loader (parameterized route): data/csv/<dataset>.csv, the dataset's rows as its
// readers read them, re-encoded from validated rows. The Data page links one per dataset.
import { resolveDataDir } from "../../../loaders/config.ts";
import { datasetArgument, datasetCsv } from "../lib/downloads.ts";

const { text } = await datasetCsv(resolveDataDir(), datasetArgument(process.argv));
process.stdout.write(text);
