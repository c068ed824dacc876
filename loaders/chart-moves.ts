/**
 * "What moved?" for the refresh's Markdown summary: each chart snapshot this run stored, compared
 * with the snapshot of the same chart before it (entries, exits, biggest rank moves).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { diffCharts, formatChartDiffMarkdown } from "./chart-diff.ts";
import { parseCsv } from "./csv.ts";
import { readManifest, type Resource } from "./store/manifest.ts";
import type { Summary } from "./run-refresh.ts";

async function rowsOf(dataDir: string, resource: Resource) {
  return parseCsv("chart_snapshots", await readFile(join(dataDir, resource.path), "utf8")).rows;
}

export async function chartMovesMarkdown(summary: Summary): Promise<string> {
  if (summary.dryRun) return "";
  const written = new Set(summary.results.filter((r) => r.status === "new").flatMap((r) => r.paths));
  const manifest = await readManifest(summary.dataDir);
  const charts = manifest.resources.filter((r) => r.dataset === "chart_snapshots");
  const sections: string[] = [];
  for (const resource of charts.filter((r) => written.has(r.path))) {
    const previous = charts
      .filter((r) => r.source === resource.source && r.scope === resource.scope && r.retrieved < resource.retrieved)
      .sort((a, b) => (a.retrieved < b.retrieved ? -1 : 1))
      .at(-1);
    if (!previous) continue;
    const diff = diffCharts(await rowsOf(summary.dataDir, previous), await rowsOf(summary.dataDir, resource));
    sections.push(...formatChartDiffMarkdown(diff, { heading: "###", limit: 5 }));
  }
  return sections.length > 0 ? ["", "## What moved in the charts", "", ...sections].join("\n") + "\n" : "";
}
