// data/catalog.json: the Data page's catalogue (src/data/derive/catalog.ts). It states each
// download's rows, size and sha256: those just written when the build wrote the downloads first.
import { emptyManifest } from "../../../loaders/store/manifest.ts";
import { deriveCatalog } from "../derive/catalog.ts";
import { datasetStates } from "../lib/store-summaries.ts";
import { downloadsOf } from "./downloads.ts";
import { jsonFile } from "./site-file.ts";

export const catalog = jsonFile("data/catalog.json", async (store) => deriveCatalog(await datasetStates(store), emptyManifest().licenses, await downloadsOf(store)));
