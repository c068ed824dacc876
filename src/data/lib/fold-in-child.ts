/**
 * Months of chart snapshots folded in a second process (./fold-child.ts) while this one folds
 * others. At years of history with nothing kept, opening tens of thousands of files and scanning
 * them is most of the work, and this machine has two cores; threads of one process would share
 * its file table, whose lock every open and close takes, so the other half runs in its own process.
 * It runs the same TypeScript, bundled by scripts/ts-bundle.mjs as the commands are.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PROJECT_ROOT } from "../../../loaders/config.ts";
import type { TrackedAppRow } from "../../../loaders/schema.ts";
import { DataError } from "../../../loaders/store/read.ts";
import { bundleTypeScript } from "../../../scripts/ts-bundle.mjs";
import type { ChartFold } from "../derive/chart-fold.ts";
import type { ChartMonth } from "./chart-months.ts";

const CHILD = join(dirname(fileURLToPath(import.meta.url)), "fold-child.ts");

/**
 * Starts folding `months` in the other process and returns how to wait for their folds, in the
 * same order. Waiting is left until the caller has done its own share.
 */
export async function foldInChild(dataDir: string, months: readonly ChartMonth[], apps: readonly TrackedAppRow[]): Promise<() => Promise<ChartFold[]>> {
  const bundle = await bundleTypeScript(CHILD, join(PROJECT_ROOT, "node_modules/.cache/run-ts"));
  // The work goes in a file, not down a pipe: this process is busy with its own share, and a pipe
  // is only fed when it waits.
  const work = await mkdtemp(join(tmpdir(), "rednote-fold-"));
  writeFileSync(join(work, "months.json"), JSON.stringify({ dataDir, apps, months }));
  const child = spawn(process.execPath, [bundle, join(work, "months.json")], { stdio: ["ignore", "pipe", "pipe"] });
  const stdout: Buffer[] = [];
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const folds = new Promise<ChartFold[]>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve((JSON.parse(Buffer.concat(stdout).toString("utf8")) as { folds: ChartFold[] }).folds);
      else reject(new DataError(stderr.trim() || `the second folding process stopped (${code ?? signal})`));
    });
  }).finally(() => rm(work, { recursive: true, force: true }));
  // Awaited only after the caller's own share; a failure meanwhile is not an unhandled rejection.
  folds.catch(() => {});
  return () => folds;
}
