// Framework data loader (parameterized route): data/csv/<name>.csv, one download of a dataset (a
// year of a time series, or a whole editorial dataset). The body is src/data/outputs/downloads.ts.
import { csvDownload } from "../outputs/downloads.ts";
import { runDownloadLoader } from "../outputs/download-argument.ts";

await runDownloadLoader(process.argv, csvDownload);
