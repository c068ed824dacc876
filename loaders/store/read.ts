/**
 * Reading the store: a dataset's rows, file by file, each validated against its schema. "append"
 * datasets union every file; "latest" datasets take the newest file of each source and scope.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../csv.ts";
import { DATASETS, type DatasetName, type RowOf } from "../schema.ts";
import { readManifest, type Manifest, type Resource } from "./manifest.ts";

export class DataError extends Error {}

/** The resources a reader of `dataset` should see, oldest first. */
export function resourcesToRead(resources: readonly Resource[], dataset: DatasetName): Resource[] {
  const mine = resources.filter((r) => r.dataset === dataset).sort((a, b) => (a.retrieved < b.retrieved ? -1 : a.retrieved > b.retrieved ? 1 : 0));
  if (DATASETS[dataset].reading === "append") return mine;
  const latest = new Map<string, Resource>();
  for (const r of mine) latest.set(`${r.source}/${r.scope}`, r);
  return [...latest.values()];
}

export interface ReadFile<D extends DatasetName> {
  resource: Resource;
  rows: RowOf<D>[];
}

export interface ReadOptions {
  /**
   * Narrows the files to read before any is opened: it gets what `resourcesToRead` chose (oldest
   * first) and returns the ones wanted, e.g. only the two snapshots a comparison needs out of years.
   */
  select?(resources: Resource[]): Resource[];
  /** The manifest, when the caller has read it already (at years of history it takes a while to parse). */
  manifest?: Manifest;
}

const unreadable = (path: string, error: unknown) =>
  new DataError(`${path} is listed in the manifest but cannot be read (${(error as NodeJS.ErrnoException).code}); run npm run data:verify.`);

/** A stored file's bytes, or a DataError naming it when the manifest lists a file that cannot be read. */
export function readStoredFile(dataDir: string, resource: Resource): Buffer {
  const path = join(dataDir, resource.path);
  try {
    return readFileSync(path);
  } catch (error) {
    throw unreadable(path, error);
  }
}

/**
 * readStoredFile for many files in a row: each is read into one reused buffer, sized by the
 * manifest's `bytes`, which saves an allocation and a stat per file (years of snapshots are tens of
 * thousands of files). The bytes returned are valid until the next call. A file whose size is not
 * the manifest's is read whole with readStoredFile, never cut to the manifest's size.
 */
export function storedFileReader(): (dataDir: string, resource: Resource) => Buffer {
  let buffer = Buffer.alloc(0);
  return (dataDir, resource) => {
    const path = join(dataDir, resource.path);
    // One byte more than expected, to tell a file that grew.
    const wanted = resource.bytes + 1;
    if (buffer.length < wanted) buffer = Buffer.allocUnsafe(Math.max(wanted, 2 * buffer.length));
    let read = 0;
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch (error) {
      throw unreadable(path, error);
    }
    try {
      for (let n = -1; n !== 0 && read < wanted; read += n) n = readSync(fd, buffer, read, wanted - read, read);
    } catch (error) {
      throw unreadable(path, error);
    } finally {
      closeSync(fd);
    }
    return read === resource.bytes ? buffer.subarray(0, read) : readStoredFile(dataDir, resource);
  };
}

/** A stored file's validated rows, from its bytes (`content`, read here when not given); a bad row throws a DataError with its file and line. */
export function storedRows<D extends DatasetName>(dataDir: string, dataset: D, resource: Resource, content: Buffer = readStoredFile(dataDir, resource)): RowOf<D>[] {
  const { rows, errors } = parseCsv(dataset, content.toString("utf8"));
  if (errors.length > 0) throw new DataError(`${join(dataDir, resource.path)}:${errors[0]!.message}; run npm run data:verify for every problem.`);
  return rows;
}

/** Yields each file's validated rows; a bad row stops the read with its file and line. */
export async function* readDatasetFiles<D extends DatasetName>(dataDir: string, dataset: D, options: ReadOptions = {}): AsyncGenerator<ReadFile<D>> {
  const manifest = options.manifest ?? (await readManifest(dataDir));
  const chosen = resourcesToRead(manifest.resources, dataset);
  for (const resource of options.select ? options.select(chosen) : chosen) yield { resource, rows: storedRows(dataDir, dataset, resource) };
}

export async function* readRows<D extends DatasetName>(dataDir: string, dataset: D, options: ReadOptions = {}): AsyncGenerator<RowOf<D>> {
  for await (const file of readDatasetFiles(dataDir, dataset, options)) yield* file.rows;
}

export async function readAll<D extends DatasetName>(dataDir: string, dataset: D, options: ReadOptions = {}): Promise<RowOf<D>[]> {
  const rows: RowOf<D>[] = [];
  for await (const row of readRows(dataDir, dataset, options)) rows.push(row);
  return rows;
}
