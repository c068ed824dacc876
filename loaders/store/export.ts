/**
 * The store as the site offers it for download: one CSV per dataset (the rows a reader of that
 * dataset gets) and the whole manifest as one Data Package. Every stored version, byte for byte,
 * stays in data/.
 *
 * A dataset's CSV is its header and then each file's rows as stored, streamed file by file: the
 * store writes every file with the same encoder (loaders/csv.ts), so this is the CSV that encoding
 * all rows at once would give, without holding years of rows in memory. Each file must match its
 * sha256 in the manifest; a file with another header (an older column set) is parsed, validated
 * and re-encoded instead.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { encodeRows, parseCsv } from "../csv.ts";
import type { DatasetName } from "../schema.ts";
import { columns } from "../table-schema.ts";
import { fileHash, serializeManifest, type Manifest } from "./manifest.ts";
import { DataError, readStoredFile, resourcesToRead } from "./read.ts";

/** What the Data page states of a download. */
export interface DownloadFacts {
  rows: number;
  bytes: number;
  sha256: string;
}

/** Streams the dataset's CSV to `write` (which may be a no-op) and returns its rows, size and sha256. */
export async function writeDatasetCsv(dataDir: string, manifest: Manifest, dataset: DatasetName, write: (chunk: Uint8Array) => Promise<void> | void): Promise<DownloadFacts> {
  const hash = createHash("sha256");
  let bytes = 0;
  let rows = 0;
  const emit = async (chunk: Uint8Array) => {
    hash.update(chunk);
    bytes += chunk.length;
    await write(chunk);
  };
  const header = Buffer.from(columns(dataset).join(",") + "\n");
  await emit(header);
  for (const resource of resourcesToRead(manifest.resources, dataset)) {
    const path = join(dataDir, resource.path);
    const content = readStoredFile(dataDir, resource);
    if (fileHash(content) !== resource.hash) {
      throw new DataError(`${path} does not match its sha256 in the manifest (it changed after it was written); run npm run data:verify, and restore the file from git.`);
    }
    const body = content.subarray(header.length);
    if (content.subarray(0, header.length).equals(header) && (body.length === 0 || body[body.length - 1] === 10)) {
      await emit(body);
      rows += resource.rows;
      continue;
    }
    const parsed = parseCsv(dataset, content.toString("utf8"));
    if (parsed.errors.length > 0) throw new DataError(`${path}:${parsed.errors[0]!.message}; run npm run data:verify for every problem.`);
    const encoded = Buffer.from(encodeRows(dataset, parsed.rows));
    await emit(encoded.subarray(encoded.indexOf(10) + 1));
    rows += parsed.rows.length;
  }
  return { rows, bytes, sha256: hash.digest("hex") };
}

/**
 * The download's datapackage.json: one Frictionless Data Package with every resource inline (the
 * store keeps it split into monthly segments; a download is whole).
 */
export function manifestText(manifest: Manifest): string {
  return serializeManifest(manifest);
}
