/**
 * What the Data page offers for download, built by Framework data loaders from the store:
 * one CSV per dataset (the rows a reader of that dataset gets) and datapackage.json. Every stored
 * version, byte for byte, stays in the repository's data/ folder.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { encodeRows } from "../../../loaders/csv.ts";
import { isDatasetName, type DatasetName } from "../../../loaders/schema.ts";
import { emptyManifest, MANIFEST_FILE, readManifest, serializeManifest } from "../../../loaders/store/manifest.ts";
import { readAll } from "../../../loaders/store/read.ts";

export interface DatasetCsv {
  text: string;
  rows: number;
}

/** The dataset as its readers read it (every snapshot, or the newest version of each scope), as CSV. */
export async function datasetCsv(dataDir: string, dataset: DatasetName): Promise<DatasetCsv> {
  const rows = await readAll(dataDir, dataset);
  return { text: encodeRows(dataset, rows), rows: rows.length };
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The dataset named by a loader's `--dataset=NAME` argument (Framework's parameterized routes). */
export function datasetArgument(argv: readonly string[]): DatasetName {
  const arg = argv.find((a) => a.startsWith("--dataset="));
  const name = arg?.slice("--dataset=".length) ?? "";
  if (!isDatasetName(name)) throw new Error(`expected --dataset=<one of the datasets in loaders/schema.ts>, got ${JSON.stringify(arg ?? null)}`);
  return name;
}

/** data/datapackage.json as stored (an empty package when nothing is stored yet), checked to parse. */
export async function manifestText(dataDir: string): Promise<string> {
  const manifest = await readManifest(dataDir);
  if (manifest.resources.length === 0) return serializeManifest({ ...emptyManifest(), resources: [] });
  return readFile(join(dataDir, MANIFEST_FILE), "utf8");
}
