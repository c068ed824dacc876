/**
 * data/datapackage.json: a Frictionless Data Package listing every snapshot file with its hash,
 * size, rows, schema, source and retrieval time. It is the store's commit record.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DATASETS, isDatasetName, type DatasetName } from "../schema.ts";

export const MANIFEST_FILE = "datapackage.json";
export const SCHEMA_DIR = "schemas";

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

export interface Manifest {
  profile: "data-package";
  name: string;
  title: string;
  description: string;
  licenses: { name: string; path: string; title: string }[];
  resources: Resource[];
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

export async function readManifest(dataDir: string): Promise<Manifest> {
  const path = join(dataDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyManifest();
    throw error;
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch (error) {
    throw new ManifestError(`${path} is not valid JSON (${(error as Error).message}); restore it from git.`);
  }
  if (!Array.isArray(manifest.resources)) throw new ManifestError(`${path} has no "resources" list; restore it from git.`);
  for (const r of manifest.resources) {
    if (!isDatasetName(r.dataset)) throw new ManifestError(`${path}: resource ${r.path} names an unknown dataset "${r.dataset}".`);
  }
  return manifest;
}

export function serializeManifest(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 1) + "\n";
}

export function kindOf(dataset: DatasetName): Resource["kind"] {
  return DATASETS[dataset].kind;
}
