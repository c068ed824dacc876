/**
 * Writing snapshots: write-once CSV files whose path names dataset, source, scope and UTC time,
 * committed through a journal so a crash at any moment leaves a consistent, verifiable store.
 *
 * Order of a write: temp file (fsynced) -> journal naming it -> rename into place -> manifest
 * committed (the changed segments written, then the index replaced atomically: segments.ts) ->
 * journal removed. Whoever next opens the store finishes or drops an interrupted write by reading
 * the journal. `writeMany` commits a batch in the same order: every temp file synced, one journal
 * naming them all, the renames, their folders synced, the manifest committed once.
 */
import { createHash } from "node:crypto";
import { access, mkdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { encodeRows, parseCsv } from "../csv.ts";
import { TOOL_VERSION } from "../config.ts";
import { DATASETS, type DatasetName, type RowOf } from "../schema.ts";
import { columns, tableSchema } from "../table-schema.ts";
import { TEMP_DIR, commitTemp, fsyncDirectory, writeFileAtomic, writeTemp } from "./atomic.ts";
import { acquireLock, type LockOptions } from "./lock.ts";
import { fileHash, MANIFEST_FILE, readManifestState, schemaPath, segmentKey, type Manifest, type Resource, type SegmentRef } from "./manifest.ts";
import { PENDING_FILE, readPendingResources } from "./pending.ts";
import { snapshotPath, SLUG } from "./paths.ts";
import { commitManifest, unreferencedSegments } from "./segments.ts";

export interface SnapshotInput<D extends DatasetName> {
  dataset: D;
  /** Which loader produced it, e.g. apple-charts. */
  source: string;
  /** What part of the source, e.g. us-top-free. */
  scope: string;
  /** When it was fetched: ISO 8601 UTC. */
  retrievedAt: string;
  rows: readonly RowOf<D>[];
  /** What was asked: one entry per URL, with a human title. */
  sources: { title: string; path: string }[];
}

/** A snapshot of any dataset, for `writeMany`, whose batch may mix datasets. */
export type AnySnapshotInput = { [D in DatasetName]: SnapshotInput<D> }[DatasetName];

export interface WriteResult {
  status: "new" | "unchanged";
  path: string;
  rows: number;
}

export class StoreError extends Error {}

const sha256 = (content: string) => createHash("sha256").update(content).digest("hex");

/**
 * When a snapshot was taken is not its content: a chart whose entries did not move is the same
 * snapshot seen again, even though Apple stamps a new `updated` time on every regeneration.
 */
const TIME_FIELDS = new Set(["retrieved_at", "feed_updated"]);

function contentHash<D extends DatasetName>(dataset: D, rows: readonly RowOf<D>[]): string {
  const fields = columns(dataset).filter((c) => !TIME_FIELDS.has(c));
  const canonical = rows.map((row) => fields.map((f) => (row as Record<string, unknown>)[f] ?? null));
  return sha256(JSON.stringify(canonical));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export interface Store {
  readonly dataDir: string;
  write<D extends DatasetName>(input: SnapshotInput<D>): Promise<WriteResult>;
  /**
   * Many snapshots in one commit: the same files, manifest entries and results as calling `write`
   * for each in order, but every file's bytes are fsynced before one journal names them all, and
   * the manifest is committed once, not once per file.
   * Every input is validated before anything is written: one refused input writes nothing, and
   * an error during the commit removes what the batch had put in place. After a crash each file is
   * whole and listed, or absent (the next open finishes or drops it, as for `write`).
   */
  writeMany(inputs: readonly AnySnapshotInput[]): Promise<WriteResult[]>;
  close(): Promise<void>;
}

/** Temp-file writes and directory fsyncs in flight at once in `writeMany` (fsyncs overlap well). */
const BATCH_IO_CONCURRENCY = 8;

async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}

const scopeKey = (r: { dataset: string; source: string; scope: string }) => `${r.dataset}/${r.source}/${r.scope}`;

/** The checks `write` makes before touching the disk; returns the CSV and where it goes. */
function prepareInput<D extends DatasetName>(input: SnapshotInput<D>): { csv: string; path: string } {
  for (const [what, value] of [["source", input.source], ["scope", input.scope]] as const) {
    if (!SLUG.test(value)) throw new StoreError(`${what} "${value}" must be lower-case letters, digits and - (it becomes a folder name)`);
  }
  if (input.rows.length === 0) throw new StoreError(`refusing to store an empty snapshot for ${input.dataset}/${input.source}/${input.scope}`);
  const csv = encodeRows(input.dataset, input.rows);
  return { csv, path: snapshotPath(input.dataset, input.source, input.scope, input.retrievedAt) };
}

function newResource<D extends DatasetName>(input: SnapshotInput<D>, path: string, csv: string): Resource {
  return {
    name: path.replace(/\.csv$/, "").toLowerCase(),
    path,
    profile: "tabular-data-resource",
    format: "csv",
    mediatype: "text/csv",
    encoding: "utf-8",
    hash: fileHash(csv),
    bytes: Buffer.byteLength(csv),
    schema: schemaPath(input.dataset),
    sources: input.sources,
    dataset: input.dataset,
    kind: DATASETS[input.dataset].kind,
    source: input.source,
    scope: input.scope,
    rows: input.rows.length,
    retrieved: input.retrievedAt,
    tool_version: TOOL_VERSION,
  };
}

const writeOnceError = (target: string) => new StoreError(`${target} already exists; snapshots are write-once, so it was not overwritten.`);

/** Opens a data directory for writing: takes the lock and completes any interrupted write. */
export async function openStore(dataDir: string, options: LockOptions = {}): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const release = await acquireLock(dataDir, options);
  let manifest: Manifest;
  let segments: SegmentRef[] | undefined;
  try {
    ({ manifest, segments } = await recover(dataDir, options.log ?? ((m) => console.error(m))));
  } catch (error) {
    await release();
    throw error;
  }
  // Segments whose resources changed since the last commit; kept until a commit succeeds.
  const changed = new Set<string>();
  const contentHashes = new Map<string, string>();
  let closed = false;

  async function latestContentHash(resource: Resource): Promise<string> {
    let hash = contentHashes.get(resource.path);
    if (hash === undefined) {
      const parsed = parseCsv(resource.dataset, await readFile(join(dataDir, resource.path), "utf8"));
      hash = contentHash(resource.dataset, parsed.rows);
      contentHashes.set(resource.path, hash);
    }
    return hash;
  }

  async function saveManifest(touched: readonly Resource[]): Promise<void> {
    for (const resource of touched) changed.add(segmentKey(resource));
    segments = await commitManifest(dataDir, manifest, segments, changed);
    changed.clear();
  }

  async function ensureSchemaFile(dataset: DatasetName): Promise<void> {
    const target = join(dataDir, schemaPath(dataset));
    const wanted = JSON.stringify(tableSchema(dataset), null, 1) + "\n";
    const current = await readFile(target, "utf8").catch(() => undefined);
    if (current !== wanted) await writeFileAtomic(dataDir, target, wanted);
  }

  return {
    dataDir,
    async write<D extends DatasetName>(input: SnapshotInput<D>): Promise<WriteResult> {
      if (closed) throw new StoreError("the store was closed; open it again to write");
      const { csv, path } = prepareInput(input);

      const previous = manifest.resources
        .filter((r) => r.dataset === input.dataset && r.source === input.source && r.scope === input.scope)
        .sort((a, b) => (a.retrieved < b.retrieved ? -1 : 1))
        .at(-1);
      if (previous && (await latestContentHash(previous)) === contentHash(input.dataset, input.rows)) {
        previous.confirmed = [...(previous.confirmed ?? []), input.retrievedAt];
        await saveManifest([previous]);
        return { status: "unchanged", path: previous.path, rows: input.rows.length };
      }

      if (manifest.resources.some((r) => r.path === path) || (await exists(join(dataDir, path)))) {
        throw writeOnceError(join(dataDir, path));
      }
      await ensureSchemaFile(input.dataset);
      const resource = newResource(input, path, csv);
      const temp = await writeTemp(dataDir, path, csv);
      await writeFileAtomic(dataDir, join(dataDir, PENDING_FILE), JSON.stringify({ resource }) + "\n");
      await commitTemp(temp, join(dataDir, path));
      manifest.resources.push(resource);
      await saveManifest([resource]);
      await rm(join(dataDir, PENDING_FILE), { force: true });
      return { status: "new", path, rows: input.rows.length };
    },
    async writeMany(inputs: readonly AnySnapshotInput[]): Promise<WriteResult[]> {
      if (closed) throw new StoreError("the store was closed; open it again to write");
      if (inputs.length === 0) return [];

      // 1. Decide every input, in order, exactly as consecutive `write` calls would; touch nothing.
      const listed = new Set(manifest.resources.map((r) => r.path));
      const latest = new Map<string, Resource>();
      for (const r of manifest.resources) {
        const current = latest.get(scopeKey(r));
        if (current === undefined || current.retrieved <= r.retrieved) latest.set(scopeKey(r), r);
      }
      const batchHashes = new Map<string, string>();
      const fresh: { resource: Resource; csv: string }[] = [];
      const confirmations: { resource: Resource; at: string }[] = [];
      const results: WriteResult[] = [];
      for (const input of inputs) {
        const { csv, path } = prepareInput<DatasetName>(input);
        const hash = contentHash<DatasetName>(input.dataset, input.rows);
        const previous = latest.get(scopeKey(input));
        if (previous && (batchHashes.get(previous.path) ?? (await latestContentHash(previous))) === hash) {
          confirmations.push({ resource: previous, at: input.retrievedAt });
          results.push({ status: "unchanged", path: previous.path, rows: input.rows.length });
          continue;
        }
        if (listed.has(path) || batchHashes.has(path) || (await exists(join(dataDir, path)))) throw writeOnceError(join(dataDir, path));
        const resource = newResource<DatasetName>(input, path, csv);
        fresh.push({ resource, csv });
        batchHashes.set(path, hash);
        if (previous === undefined || previous.retrieved <= resource.retrieved) latest.set(scopeKey(input), resource);
        results.push({ status: "new", path, rows: input.rows.length });
      }

      // 2. Commit: synced temp files -> one journal naming them all -> renames -> synced directories
      //    -> manifest once -> journal removed. An error before the manifest undoes the batch.
      if (fresh.length > 0) {
        for (const dataset of new Set(fresh.map((f) => f.resource.dataset))) await ensureSchemaFile(dataset);
        const temps = new Map<string, string>();
        const placed: string[] = [];
        let journaled = false;
        try {
          await eachLimited(fresh, BATCH_IO_CONCURRENCY, async ({ resource, csv }) => {
            temps.set(resource.path, await writeTemp(dataDir, resource.path, csv));
          });
          await writeFileAtomic(dataDir, join(dataDir, PENDING_FILE), JSON.stringify({ resources: fresh.map((f) => f.resource) }) + "\n");
          journaled = true;
          const made = new Set<string>();
          for (const { resource } of fresh) {
            const target = join(dataDir, resource.path);
            if (!made.has(dirname(target))) {
              await mkdir(dirname(target), { recursive: true });
              made.add(dirname(target));
            }
            await rename(temps.get(resource.path)!, target);
            temps.delete(resource.path);
            placed.push(target);
          }
          await eachLimited([...made], BATCH_IO_CONCURRENCY, fsyncDirectory);
        } catch (error) {
          await Promise.all([...temps.values(), ...placed].map((path) => rm(path, { force: true })));
          if (journaled) await rm(join(dataDir, PENDING_FILE), { force: true });
          throw error;
        }
        manifest.resources.push(...fresh.map((f) => f.resource));
      }
      for (const { resource, at } of confirmations) resource.confirmed = [...(resource.confirmed ?? []), at];
      await saveManifest([...fresh.map((f) => f.resource), ...confirmations.map((c) => c.resource)]);
      await rm(join(dataDir, PENDING_FILE), { force: true });
      for (const { resource } of fresh) contentHashes.set(resource.path, batchHashes.get(resource.path)!);
      return results;
    },
    async close() {
      if (closed) return;
      closed = true;
      await release();
    },
  };
}

/**
 * Finishes a write that was interrupted after its file was in place, or drops one that was not, and
 * removes what an interrupted write left that nothing refers to: temp files and manifest segments.
 */
async function recover(dataDir: string, log: (message: string) => void): Promise<{ manifest: Manifest; segments: SegmentRef[] | undefined }> {
  const { manifest, index } = await readManifestState(dataDir);
  let segments = index?.segments;
  // One resource after `write`, a whole batch after `writeMany`: each is finished or dropped alone.
  const pending = await readPendingResources(dataDir);
  if (pending.length > 0) {
    const listed = new Set(manifest.resources.map((r) => r.path));
    const completed: string[] = [];
    const keys = new Set<string>();
    const dropped: string[] = [];
    for (const resource of pending) {
      if (listed.has(resource.path)) continue;
      const content = await readFile(join(dataDir, resource.path), "utf8").catch(() => undefined);
      if (content !== undefined && fileHash(content) === resource.hash) {
        manifest.resources.push(resource);
        listed.add(resource.path);
        completed.push(resource.path);
        keys.add(segmentKey(resource));
      } else {
        dropped.push(resource.path);
      }
    }
    if (completed.length > 0) {
      segments = await commitManifest(dataDir, manifest, segments, keys);
      log(
        completed.length === 1
          ? `Completed an interrupted write: ${completed[0]} is now listed in ${MANIFEST_FILE}.`
          : `Completed an interrupted write of ${completed.length} files: ${completed[0]} and ${completed.length - 1} more are now listed in ${MANIFEST_FILE}.`,
      );
    }
    if (dropped.length > 0) {
      log(
        dropped.length === 1
          ? `Dropped an interrupted write of ${dropped[0]}: its file never reached its place.`
          : `Dropped an interrupted write of ${dropped.length} files (${dropped[0]} and ${dropped.length - 1} more): their files never reached their place.`,
      );
    }
    await rm(join(dataDir, PENDING_FILE), { force: true });
  }
  // Segments a killed writer wrote before its index, or whose removal it did not reach.
  await Promise.all((await unreferencedSegments(dataDir, segments ?? [])).map((path) => rm(join(dataDir, path), { force: true })));
  // Temp files of killed writers; nothing refers to them.
  await rm(join(dataDir, TEMP_DIR), { recursive: true, force: true });
  return { manifest, segments };
}

export async function writeSnapshot<D extends DatasetName>(dataDir: string, input: SnapshotInput<D>, options: LockOptions = {}): Promise<WriteResult> {
  const store = await openStore(dataDir, options);
  try {
    return await store.write(input);
  } finally {
    await store.close();
  }
}
