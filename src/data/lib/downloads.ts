/**
 * What the Data page offers for download, built by Framework data loaders from the store:
 * one CSV per dataset (the rows a reader of that dataset gets) and the whole data package as a ZIP
 * (every stored version byte for byte, the schemas and datapackage.json).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { encodeRows } from "../../../loaders/csv.ts";
import { isDatasetName, type DatasetName } from "../../../loaders/schema.ts";
import { emptyManifest, MANIFEST_FILE, readManifest, serializeManifest } from "../../../loaders/store/manifest.ts";
import { readAll, DataError } from "../../../loaders/store/read.ts";
import { zip, type ZipEntry } from "./zip.ts";

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

/**
 * Every file datapackage.json lists, its schemas and the manifest itself, in the store's layout, so
 * the unzipped folder is a valid Frictionless Data Package. Each file is checked against its
 * sha256 first: a download must be exactly what the page says it is.
 */
export async function packageZip(dataDir: string): Promise<Buffer> {
  const manifest = await readManifest(dataDir);
  const text = await manifestText(dataDir);
  const entries: ZipEntry[] = [];
  const latest = manifest.resources.reduce((a, r) => [r.retrieved, ...(r.confirmed ?? [])].reduce((x, y) => (y > x ? y : x), a), "1980-01-01T00:00:00.000Z");
  entries.push({ name: MANIFEST_FILE, data: Buffer.from(text, "utf8"), modified: new Date(latest) });
  const schemas = [...new Set(manifest.resources.map((r) => r.schema))].sort();
  for (const schema of schemas) {
    const data = await readFile(join(dataDir, schema)).catch((error: NodeJS.ErrnoException) => {
      throw new DataError(`${join(dataDir, schema)} is named in the manifest but cannot be read (${error.code}); run npm run data:verify.`);
    });
    entries.push({ name: schema, data, modified: new Date(latest) });
  }
  for (const resource of [...manifest.resources].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const path = join(dataDir, resource.path);
    const data = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      throw new DataError(`${path} is listed in the manifest but cannot be read (${error.code}); run npm run data:verify.`);
    });
    const hash = `sha256:${sha256(data)}`;
    if (hash !== resource.hash) throw new DataError(`${path} has ${hash}, the manifest says ${resource.hash}; run npm run data:verify.`);
    entries.push({ name: resource.path, data, modified: new Date(resource.retrieved) });
  }
  return zip(entries);
}
