/**
 * The store's manifest: every snapshot file with its hash, size, rows, schema, source and
 * retrieval time, in Frictionless Data Package resources. On disk it is split so that neither a
 * reader nor a writer handles years of history at once:
 *
 * - data/datapackage.json, the index: the package's descriptor and a list of segments. Replacing
 *   it is the store's commit point.
 * - manifest/<dataset>/<YYYY-MM>.<12 hex>.json, one segment per dataset and UTC month of
 *   retrieval: `{ "resources": [...] }`. Its name carries the start of its sha256, so a write puts
 *   changed months under new names and never overwrites a file the index names; the index records
 *   each segment's full sha256, so a reader can tell which months changed without opening the rest.
 *
 * An older store keeps every resource inline in datapackage.json (no `segments`); it is read as
 * before, and its next write splits it.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DATASETS, isDatasetName, type DatasetName } from "../schema.ts";

export const MANIFEST_FILE = "datapackage.json";
export const SCHEMA_DIR = "schemas";
export const SEGMENT_DIR = "manifest";

export interface Resource {
  name: string;
  path: string;
  profile: "tabular-data-resource";
  format: "csv";
  mediatype: "text/csv";
  encoding: "utf-8";
  hash: string;
  bytes: number;
  schema: string;
  sources: { title: string; path: string }[];
  dataset: DatasetName;
  kind: "measured" | "reported" | "reference";
  source: string;
  scope: string;
  rows: number;
  retrieved: string;
  /** Later retrievals that returned exactly this content, so it was not stored twice. */
  confirmed?: string[];
  tool_version: string;
}

/** The package's own fields: what the index and the whole manifest share. */
export interface Descriptor {
  profile: "data-package";
  name: string;
  title: string;
  description: string;
  licenses: { name: string; path: string; title: string }[];
}

/** The whole manifest: one Frictionless Data Package with every resource inline. */
export interface Manifest extends Descriptor {
  resources: Resource[];
}

/** One segment as the index names it. */
export interface SegmentRef {
  /** manifest/<dataset>/<YYYY-MM>.<first 12 hex of hash>.json */
  path: string;
  dataset: DatasetName;
  /** The UTC month (YYYY-MM) in which its resources were retrieved. */
  month: string;
  /** "sha256:" and the hex digest of the segment file's bytes. */
  hash: string;
  /** How many resources it holds. */
  resources: number;
}

/** data/datapackage.json as stored: the descriptor and the segments, sorted by path. */
export interface ManifestIndex extends Descriptor {
  segments: SegmentRef[];
}

export function emptyManifest(): Manifest {
  return {
    profile: "data-package",
    name: "rednote-tracker",
    title: "RedNote Tracker data",
    description:
      "Versioned snapshots behind the RedNote Tracker: app-store charts and metrics, page views and hashtag counts we measured, and numbers and events others reported, each with its source.",
    licenses: [{ name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/", title: "Creative Commons Attribution 4.0" }],
    resources: [],
  };
}

/** A file's `hash` as the manifest records it: "sha256:" and the hex digest of its bytes. */
export function fileHash(content: string | Uint8Array): string {
  return `sha256:${createHash("sha256").update(content).digest("hex")}`;
}

export function schemaPath(dataset: DatasetName): string {
  return `${SCHEMA_DIR}/${dataset}.json`;
}

export class ManifestError extends Error {}

export function kindOf(dataset: DatasetName): Resource["kind"] {
  return DATASETS[dataset].kind;
}

const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

function descriptorOf(d: Descriptor): Descriptor {
  return { profile: d.profile, name: d.name, title: d.title, description: d.description, licenses: d.licenses };
}

// --- Segments: pure layout -------------------------------------------------------------------

/** A time already in UTC ISO form, whose month is its first 7 characters (a Date costs 1 µs per resource). */
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?Z$/;

/** The UTC month (YYYY-MM) a resource's segment is named by. */
export function monthOf(retrieved: string): string {
  return UTC_TIME.test(retrieved) ? retrieved.slice(0, 7) : new Date(retrieved).toISOString().slice(0, 7);
}

/** "<dataset>/<YYYY-MM>": which segment holds a resource. */
export function segmentKey(resource: Pick<Resource, "dataset" | "retrieved">): string {
  return `${resource.dataset}/${monthOf(resource.retrieved)}`;
}

/** Resources by the segment that holds them ("<dataset>/<YYYY-MM>"), in the order met. */
export function groupBySegment(resources: Iterable<Resource>): Map<string, Resource[]> {
  const groups = new Map<string, Resource[]>();
  for (const resource of resources) {
    const key = segmentKey(resource);
    const group = groups.get(key);
    if (group) group.push(resource);
    else groups.set(key, [resource]);
  }
  return groups;
}

const SEGMENT_NAME = /^manifest\/([a-z_]+)\/(\d{4}-\d{2})\.([0-9a-f]{12})\.json$/;

/** Whether a data-directory path has the shape of a segment file (referenced or not). */
export function isSegmentPath(path: string): boolean {
  return SEGMENT_NAME.test(path);
}

/** One segment's file: its resources sorted by path, and the reference the index keeps to it. */
export function buildSegment(dataset: DatasetName, month: string, resources: readonly Resource[]): { ref: SegmentRef; text: string } {
  const text = JSON.stringify({ resources: [...resources].sort(byPath) }, null, 1) + "\n";
  const hash = fileHash(text);
  const path = `${SEGMENT_DIR}/${dataset}/${month}.${hash.slice("sha256:".length, "sha256:".length + 12)}.json`;
  return { ref: { path, dataset, month, hash, resources: resources.length }, text };
}

export function serializeIndex(index: ManifestIndex): string {
  return JSON.stringify({ ...descriptorOf(index), segments: [...index.segments].sort(byPath) }, null, 1) + "\n";
}

/** The whole manifest from its descriptor and every segment's resources. */
function assembleManifest(descriptor: Descriptor, segments: readonly Resource[][]): Manifest {
  return { ...descriptorOf(descriptor), resources: segments.flat().sort(byPath) };
}

const restoreAdvice = "restore data/ from git (git checkout -- data/)";

function checkSegmentRef(ref: unknown, where: string): SegmentRef {
  const r = ref as Partial<SegmentRef> | null;
  const name = typeof r?.path === "string" ? SEGMENT_NAME.exec(r.path) : null;
  if (
    !r ||
    !name ||
    name[1] !== r.dataset ||
    name[2] !== r.month ||
    !isDatasetName(name[1]!) ||
    typeof r.hash !== "string" ||
    !/^sha256:[0-9a-f]{64}$/.test(r.hash) ||
    !r.hash.startsWith(`sha256:${name[3]}`) ||
    !Number.isInteger(r.resources)
  ) {
    throw new ManifestError(`${where} has a malformed segment entry ${JSON.stringify(ref)}; ${restoreAdvice}.`);
  }
  return r as SegmentRef;
}

function checkResources(resources: unknown, where: string): Resource[] {
  if (!Array.isArray(resources)) throw new ManifestError(`${where} has no "resources" list; ${restoreAdvice}.`);
  for (const r of resources as Resource[]) {
    if (!isDatasetName(r?.dataset)) throw new ManifestError(`${where}: resource ${r?.path} names an unknown dataset "${r?.dataset}"; ${restoreAdvice}.`);
  }
  return resources as Resource[];
}

function parseJson(text: string, where: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${where} is not valid JSON (${(error as Error).message}); ${restoreAdvice}.`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new ManifestError(`${where} is not a JSON object; ${restoreAdvice}.`);
  return parsed as Record<string, unknown>;
}

/** What data/datapackage.json holds: nothing yet, the old single file, or the index. */
export type StoredManifest = { layout: "none" } | { layout: "single-file"; manifest: Manifest } | { layout: "segments"; index: ManifestIndex; text: string };

/** Parses datapackage.json's text; `where` names the file in errors. */
function parseStoredManifest(text: string, where: string): StoredManifest {
  const parsed = parseJson(text, where);
  if (Array.isArray(parsed.segments)) {
    const segments = parsed.segments.map((ref) => checkSegmentRef(ref, where));
    return { layout: "segments", index: { ...descriptorOf(parsed as unknown as Descriptor), segments }, text };
  }
  if ("resources" in parsed) return { layout: "single-file", manifest: { ...(parsed as unknown as Manifest), resources: checkResources(parsed.resources, where) } };
  throw new ManifestError(`${where} has neither a "segments" nor a "resources" list; ${restoreAdvice}.`);
}

/** A segment's resources from its bytes, which must be the ones the index names. */
function parseSegment(bytes: Uint8Array, ref: SegmentRef, where: string): Resource[] {
  if (fileHash(bytes) !== ref.hash) {
    throw new ManifestError(`${where} does not match its sha256 in ${MANIFEST_FILE}: it changed after it was written; ${restoreAdvice}.`);
  }
  return checkResources(parseJson(Buffer.from(bytes).toString("utf8"), where).resources, where);
}

// --- Reading ---------------------------------------------------------------------------------

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** data/datapackage.json as it is now, whichever layout. */
export async function readStoredManifest(dataDir: string): Promise<StoredManifest> {
  const path = join(dataDir, MANIFEST_FILE);
  const bytes = await readIfExists(path);
  return bytes === undefined ? { layout: "none" } : parseStoredManifest(bytes.toString("utf8"), path);
}

/**
 * The index alone: cheap, whatever the store's size. A store still in the old single-file layout
 * has no index; its next write creates one.
 */
export async function readManifestIndex(dataDir: string): Promise<ManifestIndex> {
  const stored = await readStoredManifest(dataDir);
  if (stored.layout === "none") return { ...descriptorOf(emptyManifest()), segments: [] };
  if (stored.layout === "single-file") {
    throw new ManifestError(
      `${join(dataDir, MANIFEST_FILE)} uses the old single-file manifest (every resource inline, no segments); any write to the store (e.g. npm run refresh) upgrades it. Until then, use readManifest.`,
    );
  }
  return stored.index;
}

/**
 * One segment's resources; its bytes must match `ref.hash`. A segment the index no longer names
 * was replaced by a write after `ref` was read (a writer removes what its new index drops): the
 * reader must start again from the index.
 */
export async function readSegment(dataDir: string, ref: SegmentRef): Promise<Resource[]> {
  const path = join(dataDir, ref.path);
  const bytes = await readIfExists(path);
  if (bytes === undefined) {
    const now = await readStoredManifest(dataDir).catch(() => undefined);
    if (now?.layout === "segments" && !now.index.segments.some((s) => s.path === ref.path)) {
      throw new ManifestError(`${path} was replaced by a write to the store after its index was read; read the store again (run the build again).`);
    }
    throw new ManifestError(`${path} is named in ${MANIFEST_FILE} but missing; ${restoreAdvice}.`);
  }
  return parseSegment(bytes, ref, path);
}

/**
 * A writer replaces the index and then removes the segments it no longer names, so a reader that
 * read the old index may find one gone: it reads the new index and tries again.
 */
const READ_ATTEMPTS = 5;

/**
 * The manifest with the resources of the datasets `pick` chooses (only their segments are read),
 * and its index unless the store is still a single file (or empty).
 */
async function readPicked(dataDir: string, pick: (dataset: DatasetName) => boolean): Promise<{ manifest: Manifest; index: ManifestIndex | undefined }> {
  for (let attempt = 1; ; attempt++) {
    const stored = await readStoredManifest(dataDir);
    if (stored.layout === "none") return { manifest: emptyManifest(), index: undefined };
    if (stored.layout === "single-file") return { manifest: { ...stored.manifest, resources: stored.manifest.resources.filter((r) => pick(r.dataset)) }, index: undefined };
    const { index } = stored;
    const refs = index.segments.filter((ref) => pick(ref.dataset));
    const segments = await Promise.all(refs.map(async (ref) => ({ ref, bytes: await readIfExists(join(dataDir, ref.path)) })));
    const missing = segments.find((s) => s.bytes === undefined);
    if (missing) {
      const now = await readIfExists(join(dataDir, MANIFEST_FILE));
      if (attempt < READ_ATTEMPTS && now?.toString("utf8") !== stored.text) continue;
      throw new ManifestError(`${join(dataDir, missing.ref.path)} is named in ${MANIFEST_FILE} but missing; ${restoreAdvice}.`);
    }
    const resources = segments.map(({ ref, bytes }) => parseSegment(bytes!, ref, join(dataDir, ref.path)));
    return { manifest: assembleManifest(index, resources), index };
  }
}

/** The whole manifest and, unless the store is still a single file (or empty), its index. */
export async function readManifestState(dataDir: string): Promise<{ manifest: Manifest; index: ManifestIndex | undefined }> {
  return readPicked(dataDir, () => true);
}

/** Every resource, sorted by path, under the package's descriptor. Empty when nothing is stored. */
export async function readManifest(dataDir: string): Promise<Manifest> {
  return (await readManifestState(dataDir)).manifest;
}

/** The manifest with only the resources of `datasets`: their segments are all that is read. */
export async function readManifestOf(dataDir: string, datasets: readonly DatasetName[]): Promise<Manifest> {
  return (await readPicked(dataDir, (dataset) => datasets.includes(dataset))).manifest;
}
