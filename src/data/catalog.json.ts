// Framework data loader: the Data page's catalogue of every dataset, its versions and downloads,
// read through the store from TRACKER_DATA_DIR.
import { resolveDataDir } from "../../loaders/config.ts";
import { DATASETS, type DatasetName } from "../../loaders/schema.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { deriveCatalog, type DownloadFacts } from "./derive/catalog.ts";
import { datasetCsv, sha256 } from "./lib/downloads.ts";

const dataDir = resolveDataDir();
const manifest = await readManifest(dataDir);
const downloads = {} as Record<DatasetName, DownloadFacts>;
for (const name of Object.keys(DATASETS) as DatasetName[]) {
  // The same function as data/csv/[dataset].csv.ts, so the page states that file's rows and hash.
  const { text, rows } = await datasetCsv(dataDir, name);
  downloads[name] = { rows, bytes: Buffer.byteLength(text, "utf8"), sha256: sha256(text) };
}
process.stdout.write(JSON.stringify(deriveCatalog(manifest, downloads)));
