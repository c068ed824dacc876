// Framework data loader (parameterized route): data/apps/history-<shard>.json, the daily ranks of
// the apps whose id hashes to that shard (src/components/app-shards.ts). The body is
// src/data/outputs/apps.ts, which `npm run build` runs with every other output in one process.
import { HISTORY_SHARDS } from "../../components/app-shards.ts";
import { appsHistoryShard } from "../outputs/apps.ts";
import { routeParam, runLoader } from "../outputs/run-loader.ts";

await runLoader(appsHistoryShard(routeParam("shard", HISTORY_SHARDS, "a two-digit hex shard, 00 to ff")));
