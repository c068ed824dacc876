// Framework data loader: data/rednote-tracker-data.zip, the whole data package (every stored
// version byte for byte, the Table Schemas and datapackage.json) in the store's own layout.
import { resolveDataDir } from "../../loaders/config.ts";
import { packageZip } from "./lib/downloads.ts";

process.stdout.write(await packageZip(resolveDataDir()));
