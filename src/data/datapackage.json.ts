// Framework data loader: data/datapackage.json, the store's manifest as committed (every file
// with its sha256, size, rows, source and retrieval time).
import { resolveDataDir } from "../../loaders/config.ts";
import { manifestText } from "./lib/downloads.ts";

process.stdout.write(await manifestText(resolveDataDir()));
