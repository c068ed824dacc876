// Framework data loader (parameterized route): data/apps/search-<bucket>.json, the apps with a name
// or a word of one starting with a character that hashes to that bucket (src/components/app-shards.ts).
// The body is src/data/outputs/apps.ts, which `npm run build` runs with every other output in one process.
import { SEARCH_BUCKETS } from "../../components/app-shards.ts";
import { appsSearchFiles } from "../outputs/apps.ts";
import { routeParam, runLoader } from "../outputs/run-loader.ts";

await runLoader(appsSearchFiles[SEARCH_BUCKETS.indexOf(routeParam("bucket", SEARCH_BUCKETS, "a two-digit hex bucket, 00 to 3f"))]!);
