import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { prepareHistory } from "./bench/measure.ts";
import { appsHistory, appsIndex } from "./src/data/outputs/apps.ts";
import { openSiteStore } from "./src/data/outputs/site-store.ts";
import { appView } from "./src/components/app-view.ts";
import { searchApps, searchIndex } from "./src/components/app-search.ts";

const root = mkdtempSync(join(tmpdir(), "apps-bench-"));
const dataDir = join(root, "data");
try {
  let t = performance.now();
  await prepareHistory({ dataDir, days: 365, countries: 10, ranks: 100, seed: 1 });
  console.log(`history written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  for (let run = 0; run < 1; run++) {
    const store = openSiteStore(dataDir, join(root, `cache${run}`));
    t = performance.now();
    const index = await appsIndex.read(store);
    const history = await appsHistory.read(store);
    const ms = performance.now() - t;
    const iText = JSON.stringify(index), hText = JSON.stringify(history);
    const kb = (s: string) => `${(Buffer.byteLength(s) / 1024).toFixed(0)} KB raw, ${(gzipSync(s).length / 1024).toFixed(0)} KB gz`;
    console.log(`derive ${(ms / 1000).toFixed(2)} s, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB; apps ${index.apps.length}, snapshots ${history.snapshots.length}`);
    console.log(`index.json ${kb(iText)}; history.json ${kb(hText)}`);
    const top = index.apps.reduce((a, b) => (history.apps[b.id]!.series.reduce((n, s) => n + s.points.length, 0) > history.apps[a.id]!.series.reduce((n, s) => n + s.points.length, 0) ? b : a));
    console.log(`largest app ${top.id}: ${kb(JSON.stringify(history.apps[top.id]))} encoded; ${appView(history, top.id)!.series.reduce((n, s) => n + s.points.length, 0)} points`);
    const tables = JSON.stringify({ snapshots: history.snapshots, charts: history.charts });
    console.log(`snapshot+chart tables ${kb(tables)}`);
    const shards = Array.from({ length: 16 }, () => ({} as Record<string, unknown>));
    for (const [id, a] of Object.entries(history.apps)) shards[Number(BigInt(id) % 16n)]![id] = a;
    const sizes = shards.map((s) => gzipSync(JSON.stringify(s)).length / 1024);
    console.log(`16 shards by id mod 16: ${Math.min(...sizes).toFixed(0)}-${Math.max(...sizes).toFixed(0)} KB gz`);
    const si = searchIndex(index.apps);
    t = performance.now();
    for (let i = 0; i < 100; i++) searchApps(si, "a");
    console.log(`search "a": ${((performance.now() - t) / 100).toFixed(2)} ms each (Node)`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
