// data/catalog.json: the Data page's catalogue (src/data/derive/catalog.ts). It states each
// download's rows, size and sha256: those just written when the build wrote the downloads first.
import { DATASETS, type DatasetName } from "../../../loaders/schema.ts";
import { deriveCatalog, type DownloadFacts } from "../derive/catalog.ts";
import { writeDatasetCsv } from "../../../loaders/store/export.ts";
import { jsonFile } from "./site-file.ts";

export const catalog = jsonFile("data/catalog.json", async (store) => {
  const manifest = await store.manifest();
  const downloads = {} as Record<DatasetName, DownloadFacts>;
  for (const name of Object.keys(DATASETS) as DatasetName[]) {
    downloads[name] = store.downloads.get(name) ?? (await writeDatasetCsv(store.dataDir, manifest, name, () => {}));
  }
  return deriveCatalog(manifest, downloads);
});
