// data/catalog.json: the Data page's catalogue (src/data/derive/catalog.ts). It states each
// download's rows, size and sha256: those just written when the build wrote the downloads first.
import { deriveCatalog } from "../derive/catalog.ts";
import { downloadsOf } from "./downloads.ts";
import { jsonFile } from "./site-file.ts";

export const catalog = jsonFile("data/catalog.json", async (store) => deriveCatalog(await store.manifest(), await downloadsOf(store)));
