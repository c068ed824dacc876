/**
 * Checks a data directory against its manifest: every segment the index names present with its
 * recorded hash and count, every listed file present with the recorded size, hash and row count,
 * every row valid, every schema file current, no file unlisted.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { parseCsv } from "../csv.ts";
import { isDatasetName, type DatasetName } from "../schema.ts";
import { tableSchema } from "../table-schema.ts";
import { TEMP_DIR } from "./atomic.ts";
import { LOCK_FILE } from "./lock.ts";
import { fileHash, MANIFEST_FILE, ManifestError, monthOf, readSegment, readStoredManifest, SCHEMA_DIR, schemaPath, SEGMENT_DIR, type Resource } from "./manifest.ts";
import { PENDING_FILE, readPendingResources } from "./pending.ts";
import { unreferencedSegments } from "./segments.ts";

export interface Problem {
  path: string;
  line?: number;
  message: string;
}

export interface VerifyReport {
  files: number;
  rows: number;
  problems: Problem[];
  notices: string[];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"));
}

const IGNORED = new Set([MANIFEST_FILE, LOCK_FILE, PENDING_FILE]);

export async function verifyStore(dataDir: string): Promise<VerifyReport> {
  const report: VerifyReport = { files: 0, rows: 0, problems: [], notices: [] };
  const problem = (path: string, message: string, line?: number) => report.problems.push({ path, message, ...(line ? { line } : {}) });
  let stored;
  try {
    stored = await readStoredManifest(dataDir);
  } catch (error) {
    if (error instanceof ManifestError) {
      problem(MANIFEST_FILE, error.message);
      return report;
    }
    throw error;
  }
  const resources: Resource[] = [];
  const segmentFiles = new Set<string>();
  if (stored.layout === "single-file") {
    resources.push(...stored.manifest.resources);
    report.notices.push(`${MANIFEST_FILE} is the old single-file manifest; the next write splits it into ${SEGMENT_DIR}/ segments.`);
  } else if (stored.layout === "segments") {
    for (const ref of stored.index.segments) {
      segmentFiles.add(ref.path);
      let mine: Resource[];
      try {
        mine = await readSegment(dataDir, ref);
      } catch (error) {
        if (!(error instanceof ManifestError)) throw error;
        problem(ref.path, error.message);
        continue;
      }
      if (mine.length !== ref.resources) problem(ref.path, `holds ${mine.length} resources, ${MANIFEST_FILE} says ${ref.resources}; restore data/ from git`);
      for (const r of mine) {
        if (r.dataset !== ref.dataset || Number.isNaN(Date.parse(r.retrieved)) || monthOf(r.retrieved) !== ref.month) problem(ref.path, `holds ${r.path} (${r.dataset}, retrieved ${r.retrieved}), which belongs in another segment`);
      }
      resources.push(...mine);
    }
  }
  for (const path of await unreferencedSegments(dataDir, stored.layout === "segments" ? stored.index.segments : [])) {
    segmentFiles.add(path);
    report.notices.push(`${path} is not named in ${MANIFEST_FILE}: left by an interrupted write; the next write removes it.`);
  }
  const listed = new Set<string>();
  const datasets = new Set<DatasetName>();
  for (const resource of resources) {
    const path = resource.path;
    if (listed.has(path)) problem(path, "is listed twice in the manifest");
    listed.add(path);
    if (path.split("/").includes("..") || path.startsWith("/")) {
      problem(path, "path leaves the data directory");
      continue;
    }
    datasets.add(resource.dataset);
    if (resource.schema !== schemaPath(resource.dataset)) problem(path, `schema is "${resource.schema}", expected "${schemaPath(resource.dataset)}"`);
    let bytes: Buffer;
    try {
      bytes = await readFile(join(dataDir, path));
    } catch {
      problem(path, "is listed in the manifest but missing; restore it from git (git checkout -- <file>)");
      continue;
    }
    report.files++;
    if (bytes.length !== resource.bytes) problem(path, `has ${bytes.length} bytes, the manifest says ${resource.bytes}: the file was changed after it was stored`);
    if (fileHash(bytes) !== resource.hash) problem(path, `sha256 does not match the manifest: the file was changed after it was stored; restore it from git`);
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    if (!Buffer.from(text, "utf8").equals(bytes)) problem(path, "is not valid UTF-8");
    const { rows, errors } = parseCsv(resource.dataset, text);
    for (const e of errors) problem(path, e.problems.join("; "), e.line);
    report.rows += rows.length;
    if (errors.length === 0 && rows.length !== resource.rows) problem(path, `has ${rows.length} rows, the manifest says ${resource.rows}`);
  }
  for (const dataset of datasets) {
    const path = schemaPath(dataset);
    const wanted = JSON.stringify(tableSchema(dataset), null, 1) + "\n";
    const current = await readFile(join(dataDir, path), "utf8").catch(() => undefined);
    if (current === undefined) problem(path, "schema file is missing; the next write recreates it");
    else if (current !== wanted) problem(path, "schema file differs from loaders/schema.ts; the next write of this dataset regenerates it");
  }
  const pending = new Set((await readPendingResources(dataDir)).map((r) => r.path));
  for (const file of await listFiles(dataDir)) {
    if (IGNORED.has(file) || file.startsWith(`${TEMP_DIR}/`) || listed.has(file) || segmentFiles.has(file)) continue;
    if (file.startsWith(`${SCHEMA_DIR}/`) && isDatasetName(file.slice(SCHEMA_DIR.length + 1).replace(/\.json$/, ""))) continue;
    if (pending.has(file)) {
      report.notices.push(`${file} is an interrupted write; the next refresh completes it.`);
      continue;
    }
    problem(file, "is not listed in the manifest; files get into data/ only through the store (npm run refresh, observe or import)");
  }
  return report;
}
