/**
 * The Data page's downloads: for each part of each dataset (loaders/store/export.ts: a year of a
 * time series, or all of an editorial dataset) data/csv/<part>.csv and data/parquet/<part>.parquet,
 * the Parquet written by DuckDB from that CSV; and data/datapackage.json, which lists them all.
 *
 * `npm run build` writes every download into Framework's loader cache first (`writeDownloads`),
 * each file taken from the cache when what it is made of is unchanged (../lib/download-cache.ts);
 * the catalog and datapackage.json then state the facts of those very files. `npm run dev` runs
 * the loaders one by one: each writes its own part, and the two that describe every download
 * write them all into a scratch folder to know their sizes and sha256.
 */
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createHash } from "node:crypto";
import { DATASETS, type DatasetName } from "../../../loaders/schema.ts";
import { downloadParts, manifestText, writePartCsv, type Download, type DownloadFacts, type DownloadPart } from "../../../loaders/store/export.ts";
import { columns } from "../../../loaders/table-schema.ts";
import { version } from "@duckdb/node-api";
import { openParquetWriter } from "../../../loaders/store/parquet.ts";
import { openDownloadCache } from "../lib/download-cache.ts";
import type { SiteFile, Sink } from "./site-file.ts";
import type { SiteStore } from "./site-store.ts";

export type { Download };

/** Bump when what a download holds, or how it is written, changes: kept files are then written anew. */
const FORMAT = 1;
/** What a part's CSV is made of: its columns and the stored files, each named by its sha256. */
const partKey = (part: DownloadPart) => createHash("sha256").update(JSON.stringify([FORMAT, columns(part.dataset), part.resources.map((r) => [r.path, r.hash])])).digest("hex");

const csvPath = (part: DownloadPart) => `data/csv/${part.name}.csv`;
const parquetPath = (part: DownloadPart) => `data/parquet/${part.name}.parquet`;
/** The name a download is saved under: the site's name first, so a reader's downloads folder keeps them together. */
export const fileName = (part: { name: string }, format: Download["format"]) => `rednote-tracker-${part.name}.${format}`;

async function parts(store: SiteStore): Promise<DownloadPart[]> {
  const manifest = await store.manifest();
  return (Object.keys(DATASETS) as DatasetName[]).flatMap((dataset) => downloadParts(manifest, dataset));
}

async function writeCsvFile(store: SiteStore, part: DownloadPart, target: string) {
  const temp = `${target}.${process.pid}.tmp`;
  const fd = openSync(temp, "w");
  try {
    const facts = await writePartCsv(store.dataDir, part, (chunk) => {
      for (let offset = 0; offset < chunk.length; ) offset += writeSync(fd, chunk, offset);
    });
    closeSync(fd);
    await rename(temp, target);
    return facts;
  } catch (error) {
    closeSync(fd);
    await rm(temp, { force: true });
    throw error;
  }
}

const written = new WeakMap<SiteStore, Promise<Download[]>>();

/** Writes every download under `root` (as data/csv/… and data/parquet/…); their facts, in the order of the datasets and years. */
export function writeDownloads(store: SiteStore, root: string): Promise<Download[]> {
  const done = (async () => {
    const writer = await openParquetWriter();
    const kept = openDownloadCache(store.cacheDir);
    const downloads: Download[] = [];
    try {
      for (const part of await parts(store)) {
        const csv = join(root, csvPath(part));
        const parquet = join(root, parquetPath(part));
        await mkdir(dirname(csv), { recursive: true });
        await mkdir(dirname(parquet), { recursive: true });
        const keep = async (name: string, source: string, about: unknown) => {
          const warning = await kept.put(name, source, about);
          if (warning) console.error(`downloads: ${warning}`);
        };
        const csvName = `${partKey(part)}.csv`;
        let facts = await kept.get<DownloadFacts>(csvName, csv);
        if (!facts) await keep(csvName, csv, (facts = await writeCsvFile(store, part, csv)));
        const parquetName = `${facts.sha256}-duckdb-${version()}.parquet`;
        let parquetFacts = await kept.get<DownloadFacts>(parquetName, parquet);
        if (!parquetFacts) {
          const temp = `${parquet}.${process.pid}.tmp`;
          try {
            await writer.write(part.dataset, csv, temp);
            await rename(temp, parquet);
          } finally {
            await rm(temp, { force: true });
          }
          const bytes = await readFile(parquet);
          await keep(parquetName, parquet, (parquetFacts = { rows: facts.rows, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") }));
        }
        const common = { dataset: part.dataset, year: part.year };
        downloads.push({ ...common, ...facts, path: csvPath(part), file: fileName(part, "csv"), format: "csv" });
        downloads.push({ ...common, ...parquetFacts, path: parquetPath(part), file: fileName(part, "parquet"), format: "parquet" });
      }
    } finally {
      writer.close();
    }
    await kept.prune();
    return downloads;
  })();
  written.set(store, done);
  return done;
}

/** Every download's facts: those the build wrote, else from writing them all into a scratch folder. */
export function downloadsOf(store: SiteStore): Promise<Download[]> {
  const known = written.get(store);
  if (known) return known;
  return (async () => {
    const scratch = await mkdtemp(join(tmpdir(), "rednote-downloads-"));
    try {
      return await writeDownloads(store, scratch);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  })();
}

async function partNamed(store: SiteStore, name: string): Promise<DownloadPart> {
  const part = (await parts(store)).find((p) => p.name === name);
  if (!part) throw new Error(`no download named ${JSON.stringify(name)}: the store has ${(await parts(store)).map((p) => p.name).join(", ") || "no files"}.`);
  return part;
}

/** data/csv/<name>.csv alone, for Framework's loader in `npm run dev`. */
export function csvDownload(name: string): SiteFile {
  return { path: `data/csv/${name}.csv`, write: async (store, sink) => void (await writePartCsv(store.dataDir, await partNamed(store, name), (chunk) => sink.write(chunk))) };
}

/** data/parquet/<name>.parquet alone, for Framework's loader in `npm run dev`. */
export function parquetDownload(name: string): SiteFile {
  return {
    path: `data/parquet/${name}.parquet`,
    async write(store, sink: Sink) {
      const part = await partNamed(store, name);
      const scratch = await mkdtemp(join(tmpdir(), "rednote-parquet-"));
      const writer = await openParquetWriter();
      try {
        await writeCsvFile(store, part, join(scratch, "part.csv"));
        await writer.write(part.dataset, join(scratch, "part.csv"), join(scratch, "part.parquet"));
        for await (const chunk of createReadStream(join(scratch, "part.parquet"))) await sink.write(chunk as Buffer);
      } finally {
        writer.close();
        await rm(scratch, { recursive: true, force: true });
      }
    },
  };
}

export const datapackage: SiteFile = {
  path: "data/datapackage.json",
  write: async (store, sink) => sink.write(manifestText(await store.manifest(), await downloadsOf(store))),
};
