// Framework data loader (parameterized route): data/apps/ids-<bucket>.json, the apps whose id hashes
// to that bucket (src/components/app-shards.ts), for a search by exact id. The body is
// src/data/outputs/apps.ts, which `npm run build` runs with every other output in one process.
import { SEARCH_BUCKETS } from "../../components/app-shards.ts";
import { appsIdsFiles } from "../outputs/apps.ts";
import { runLoader } from "../outputs/run-loader.ts";

const bucket = process.argv.find((a) => a.startsWith("--bucket="))?.slice("--bucket=".length) ?? "";
const index = SEARCH_BUCKETS.indexOf(bucket);
if (index < 0) {
  console.error(`data/apps loader: expected --bucket=<a two-digit hex bucket, 00 to 3f>, got ${JSON.stringify(bucket)}`);
  process.exit(2);
}
await runLoader(appsIdsFiles[index]!);
