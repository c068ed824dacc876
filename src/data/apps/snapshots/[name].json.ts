// Framework data loader (parameterized route): data/apps/snapshots/<chart>-<year>.json, each day's
// snapshot file and sha256 of one chart in one year. The body is src/data/outputs/apps.ts; `npm run
// build` writes every chart-year's file in one process (scripts/loader-cache.ts).
import { appsSnapshotFile } from "../../outputs/apps.ts";
import { runLoader } from "../../outputs/run-loader.ts";

const name = process.argv.find((a) => a.startsWith("--name="))?.slice("--name=".length);
if (!name) {
  console.error(`data/apps/snapshots loader: expected --name=<chart>-<year>, e.g. --name=app-store-us-top-free-2025, got ${JSON.stringify(process.argv.slice(2))}`);
  process.exit(2);
}
await runLoader(appsSnapshotFile(name));
