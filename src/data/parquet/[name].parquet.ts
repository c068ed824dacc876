// Framework data loader (parameterized route): data/parquet/<name>.parquet, the same download as
// data/csv/<name>.csv in Parquet. The body is src/data/outputs/downloads.ts.
import { parquetDownload } from "../outputs/downloads.ts";
import { runDownloadLoader } from "../outputs/download-argument.ts";

await runDownloadLoader(process.argv, parquetDownload);
