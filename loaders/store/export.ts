/**
 * The store as the site offers it for download: each dataset as CSV and as Parquet, "append"
 * datasets (time series) cut by the UTC time of retrieval, the CSV into a file per month and the
 * Parquet into a file per year, so no file grows past what a static host serves (a year of daily
 * charts of 10 storefronts is 89 MB of CSV, 3-4 MB of Parquet); and a Data Package that lists the
 * downloads. Every stored version, byte for byte, stays in data/.
 *
 * A download's CSV is its header and then each file's rows as stored, streamed file by file: the
 * store writes every file with the same encoder (loaders/csv.ts), so this is the CSV that encoding
 * all rows at once would give, without holding years of rows in memory. Each file must match its
 * sha256 in the manifest; a file with another header (an older column set) is parsed, validated
 * and re-encoded instead.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { encodeRows, parseCsv } from "../csv.ts";
import { DATASETS, type DatasetName } from "../schema.ts";
import { columns, tableSchema } from "../table-schema.ts";
import { fileHash, type Descriptor, type Manifest, type Resource } from "./manifest.ts";
import { DataError, resourcesToRead, storedFileReader } from "./read.ts";

/** The files of one dataset that one download holds: a month or year of an "append" dataset, or all of a "latest" one. */
export interface DownloadPart {
  /** The download's name without extension: `chart_snapshots-2025-01`, `chart_snapshots-2025`, or `events`. */
  name: string;
  dataset: DatasetName;
  /** UTC month (YYYY-MM) or year (YYYY) of retrieval, for an "append" dataset. */
  period: string | null;
  resources: Resource[];
}

/** What the Data page and the site's datapackage.json state of a download. */
export interface DownloadFacts {
  rows: number;
  bytes: number;
  sha256: string;
}

/** The dataset's downloads by month (CSV) or year (Parquet), oldest first; one for a "latest" dataset; none while nothing is stored. */
export function downloadParts(manifest: Pick<Manifest, "resources">, dataset: DatasetName, by: "month" | "year"): DownloadPart[] {
  const resources = resourcesToRead(manifest.resources, dataset);
  if (resources.length === 0) return [];
  if (DATASETS[dataset].reading === "latest") return [{ name: dataset, dataset, period: null, resources }];
  const periods = new Map<string, Resource[]>();
  for (const r of resources) {
    const period = r.retrieved.slice(0, by === "month" ? 7 : 4);
    let list = periods.get(period);
    if (!list) periods.set(period, (list = []));
    list.push(r);
  }
  return [...periods].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, list]) => ({ name: `${dataset}-${period}`, dataset, period, resources: list }));
}

/** Streams the part's CSV to `write` and returns its rows, size and sha256. */
export async function writePartCsv(dataDir: string, part: DownloadPart, write: (chunk: Uint8Array) => Promise<void> | void): Promise<DownloadFacts> {
  const hash = createHash("sha256");
  let bytes = 0;
  let rows = 0;
  const emit = async (chunk: Uint8Array) => {
    hash.update(chunk);
    bytes += chunk.length;
    await write(chunk);
  };
  const header = Buffer.from(columns(part.dataset).join(",") + "\n");
  await emit(header);
  const read = storedFileReader();
  for (const resource of part.resources) {
    const path = join(dataDir, resource.path);
    // The reader's buffer is reused: a chunk is written before the next file is read.
    const content = read(dataDir, resource);
    if (fileHash(content) !== resource.hash) {
      throw new DataError(`${path} does not match its sha256 in the manifest (it changed after it was written); run npm run data:verify, and restore the file from git.`);
    }
    const body = content.subarray(header.length);
    if (content.subarray(0, header.length).equals(header) && (body.length === 0 || body[body.length - 1] === 10)) {
      await emit(body);
      rows += resource.rows;
      continue;
    }
    const parsed = parseCsv(part.dataset, content.toString("utf8"));
    if (parsed.errors.length > 0) throw new DataError(`${path}:${parsed.errors[0]!.message}; run npm run data:verify for every problem.`);
    const encoded = Buffer.from(encodeRows(part.dataset, parsed.rows));
    await emit(encoded.subarray(encoded.indexOf(10) + 1));
    rows += parsed.rows.length;
  }
  return { rows, bytes, sha256: hash.digest("hex") };
}

/** A file the Data page offers: where the site serves it, the name it downloads as, and its facts. */
export interface Download extends DownloadFacts {
  /** Relative to the site root, e.g. data/parquet/chart_snapshots-2025.parquet. */
  path: string;
  /** The name it is saved under, e.g. rednote-tracker-chart_snapshots-2025.parquet. */
  file: string;
  dataset: DatasetName;
  /** UTC month (CSV) or year (Parquet) of retrieval of its rows, for a time series. */
  period: string | null;
  format: "csv" | "parquet";
}

const MEDIA_TYPES = { csv: "text/csv", parquet: "application/vnd.apache.parquet" } as const;

/**
 * The site's datapackage.json: a Frictionless Data Package whose resources are the files the Data
 * page offers, each named and placed as it downloads (so the package and its downloads in one
 * folder resolve), with its rows, size, sha256 and Table Schema. The stored versions they are made
 * of, each with its source, are in the repository's manifest (data/datapackage.json and
 * data/manifest/): at years of history that list is tens of MB.
 */
export function packageText(descriptor: Descriptor, downloads: readonly Download[]): string {
  const resources = downloads.map((d) => ({
    name: d.file.replace(/\.[a-z]+$/, ""),
    path: d.file,
    format: d.format,
    mediatype: MEDIA_TYPES[d.format],
    ...(d.format === "csv" ? { encoding: "utf-8" } : {}),
    bytes: d.bytes,
    hash: `sha256:${d.sha256}`,
    rows: d.rows,
    dataset: d.dataset,
    period: d.period,
    schema: tableSchema(d.dataset),
  }));
  const { profile, name, title, description, licenses } = descriptor;
  return JSON.stringify({ profile, name, title, description, licenses, resources }, null, 1) + "\n";
}
