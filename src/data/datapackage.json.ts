// Framework data loader: data/datapackage.json, the store's whole manifest as one Data Package
// (every file with its sha256, size, rows, source and retrieval time). The body is src/data/outputs/downloads.ts.
import { datapackage } from "./outputs/downloads.ts";
import { runLoader } from "./outputs/run-loader.ts";

await runLoader(datapackage);
