// The download a parameterized data loader (src/data/csv/[name].csv.ts, src/data/parquet/[name].parquet.ts) is asked for.
import type { SiteFile } from "./site-file.ts";
import { runLoader } from "./run-loader.ts";

/** Runs the loader of the download named by Framework's `--name=<part>` argument, e.g. chart_snapshots-2025. */
export async function runDownloadLoader(argv: readonly string[], download: (name: string) => SiteFile): Promise<void> {
  const name = argv.find((a) => a.startsWith("--name="))?.slice("--name=".length);
  if (!name) {
    console.error(`download loader: expected --name=<download>, e.g. --name=chart_snapshots-2025, got ${JSON.stringify(argv.slice(2))}`);
    process.exitCode = 2;
    return;
  }
  await runLoader(download(name));
}
