// Framework data loader: data/datapackage.json, a Data Package of the Data page's downloads
// (each with its rows, size, sha256 and Table Schema). The body is src/data/outputs/downloads.ts.
import { datapackage } from "./outputs/downloads.ts";
import { runLoader } from "./outputs/run-loader.ts";

await runLoader(datapackage);
