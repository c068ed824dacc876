// Framework data loader (parameterized route): data/apps/history-<shard>.json, the daily ranks of
// the apps whose id hashes to that shard (src/components/app-shards.ts). The body is
// src/data/outputs/apps.ts, which `npm run build` runs with every other output in one process.
import { HISTORY_SHARDS } from "../../components/app-shards.ts";
import { appsHistoryShard } from "../outputs/apps.ts";
import { runLoader } from "../outputs/run-loader.ts";

const shard = process.argv.find((a) => a.startsWith("--shard="))?.slice("--shard=".length) ?? "";
if (!HISTORY_SHARDS.includes(shard)) {
  console.error(`data/apps loader: expected --shard=<a two-digit hex shard, 00 to ff>, got ${JSON.stringify(shard)}`);
  process.exit(2);
}
await runLoader(appsHistoryShard(shard));
