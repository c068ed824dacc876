// Framework data loader (parameterized route): data/apps/ids-<bucket>.json, the apps whose id hashes
// to that bucket (src/components/app-shards.ts), for a search by exact id. The body is
// src/data/outputs/apps.ts, which `npm run build` runs with every other output in one process.
import { SEARCH_BUCKETS } from "../../components/app-shards.ts";
import { appsIdsFiles } from "../outputs/apps.ts";
import { routeParam, runLoader } from "../outputs/run-loader.ts";

await runLoader(appsIdsFiles[SEARCH_BUCKETS.indexOf(routeParam("bucket", SEARCH_BUCKETS, "a two-digit hex bucket, 00 to 3f"))]!);
