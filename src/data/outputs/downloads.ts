// The Data page's downloads: data/csv/<dataset>.csv for every dataset, and data/datapackage.json.
import { DATASETS, type DatasetName } from "../../../loaders/schema.ts";
import { manifestText, writeDatasetCsv } from "../../../loaders/store/export.ts";
import type { SiteFile } from "./site-file.ts";

export function datasetCsvFile(dataset: DatasetName): SiteFile {
  return {
    path: `data/csv/${dataset}.csv`,
    async write(store, sink) {
      const facts = await writeDatasetCsv(store.dataDir, await store.manifest(), dataset, (chunk) => sink.write(chunk));
      store.downloads.set(dataset, facts);
    },
  };
}

export const datasetCsvFiles: SiteFile[] = (Object.keys(DATASETS) as DatasetName[]).map(datasetCsvFile);

export const datapackage: SiteFile = {
  path: "data/datapackage.json",
  write: async (store, sink) => sink.write(manifestText(await store.manifest())),
};
