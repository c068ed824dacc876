/**
 * Writing snapshots: write-once CSV files whose path names dataset, source, scope and UTC time,
 * committed through a journal so a crash at any moment leaves a consistent, verifiable store.
 *
 * Order of a write: temp file (fsynced) -> journal naming it -> rename into place -> manifest
 * replaced atomically -> journal removed. Whoever next opens the store finishes or drops an
 * interrupted write by reading the journal.
 */
import { createHash } from "node:crypto";
import { access, mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { encodeRows, parseCsv } from "../csv.ts";
import { TOOL_VERSION } from "../config.ts";
import { DATASETS, type DatasetName, type RowOf } from "../schema.ts";
import { columns, tableSchema } from "../table-schema.ts";
import { TEMP_DIR, commitTemp, writeFileAtomic, writeTemp } from "./atomic.ts";
import { acquireLock, type LockOptions } from "./lock.ts";
import { MANIFEST_FILE, readManifest, schemaPath, serializeManifest, type Manifest, type Resource } from "./manifest.ts";
import { PENDING_FILE, readPending } from "./pending.ts";
import { snapshotPath, SLUG } from "./paths.ts";

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

export interface WriteResult {
  status: "new" | "unchanged";
  path: string;
  rows: number;
}

export class StoreError extends Error {}

const sha256 = (content: string) => createHash("sha256").update(content).digest("hex");

/** The snapshot time is not content: a chart that did not move is the same snapshot, seen again. */
function contentHash<D extends DatasetName>(dataset: D, rows: readonly RowOf<D>[]): string {
  const fields = columns(dataset).filter((c) => c !== "retrieved_at");
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
  close(): Promise<void>;
}

/** Opens a data directory for writing: takes the lock and completes any interrupted write. */
export async function openStore(dataDir: string, options: LockOptions = {}): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const release = await acquireLock(dataDir, options);
  let manifest: Manifest;
  try {
    manifest = await recover(dataDir, options.log ?? ((m) => console.error(m)));
  } catch (error) {
    await release();
    throw error;
  }
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

  async function saveManifest(): Promise<void> {
    manifest.resources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    await writeFileAtomic(dataDir, join(dataDir, MANIFEST_FILE), serializeManifest(manifest));
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
      for (const [what, value] of [["source", input.source], ["scope", input.scope]] as const) {
        if (!SLUG.test(value)) throw new StoreError(`${what} "${value}" must be lower-case letters, digits and - (it becomes a folder name)`);
      }
      if (input.rows.length === 0) throw new StoreError(`refusing to store an empty snapshot for ${input.dataset}/${input.source}/${input.scope}`);
      const csv = encodeRows(input.dataset, input.rows);
      const path = snapshotPath(input.dataset, input.source, input.scope, input.retrievedAt);

      const previous = manifest.resources
        .filter((r) => r.dataset === input.dataset && r.source === input.source && r.scope === input.scope)
        .sort((a, b) => (a.retrieved < b.retrieved ? -1 : 1))
        .at(-1);
      if (previous && (await latestContentHash(previous)) === contentHash(input.dataset, input.rows)) {
        previous.confirmed = [...(previous.confirmed ?? []), input.retrievedAt];
        await saveManifest();
        return { status: "unchanged", path: previous.path, rows: input.rows.length };
      }

      if (manifest.resources.some((r) => r.path === path) || (await exists(join(dataDir, path)))) {
        throw new StoreError(`${join(dataDir, path)} already exists; snapshots are write-once, so it was not overwritten.`);
      }
      await ensureSchemaFile(input.dataset);
      const resource: Resource = {
        name: path.replace(/\.csv$/, "").toLowerCase(),
        path,
        profile: "tabular-data-resource",
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        hash: `sha256:${sha256(csv)}`,
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
      const temp = await writeTemp(dataDir, path, csv);
      await writeFileAtomic(dataDir, join(dataDir, PENDING_FILE), JSON.stringify({ resource }) + "\n");
      await commitTemp(temp, join(dataDir, path));
      manifest.resources.push(resource);
      await saveManifest();
      await rm(join(dataDir, PENDING_FILE), { force: true });
      return { status: "new", path, rows: input.rows.length };
    },
    async close() {
      if (closed) return;
      closed = true;
      await release();
    },
  };
}

/** Finishes a write that was interrupted after its file was in place, or drops one that was not. */
async function recover(dataDir: string, log: (message: string) => void): Promise<Manifest> {
  const manifest = await readManifest(dataDir);
  const pending = await readPending(dataDir);
  if (pending) {
    const listed = manifest.resources.some((r) => r.path === pending.path);
    const content = await readFile(join(dataDir, pending.path), "utf8").catch(() => undefined);
    if (!listed && content !== undefined && `sha256:${sha256(content)}` === pending.hash) {
      manifest.resources.push(pending);
      manifest.resources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      await writeFileAtomic(dataDir, join(dataDir, MANIFEST_FILE), serializeManifest(manifest));
      log(`Completed an interrupted write: ${pending.path} is now listed in ${MANIFEST_FILE}.`);
    } else if (!listed) {
      log(`Dropped an interrupted write of ${pending.path}: its file never reached its place.`);
    }
    await rm(join(dataDir, PENDING_FILE), { force: true });
  }
  // Temp files of killed writers; nothing refers to them.
  await rm(join(dataDir, TEMP_DIR), { recursive: true, force: true });
  return manifest;
}

export async function writeSnapshot<D extends DatasetName>(dataDir: string, input: SnapshotInput<D>, options: LockOptions = {}): Promise<WriteResult> {
  const store = await openStore(dataDir, options);
  try {
    return await store.write(input);
  } finally {
    await store.close();
  }
}
