/**
 * The Data page's downloads (loaders/store/export.ts): data/csv/<part>.csv for each month of a time
 * series, data/parquet/<part>.parquet for each year, written by DuckDB from that year's CSV files,
 * and one of each for an editorial dataset; and data/datapackage.json, which lists them all.
 *
 * `npm run build` writes every download into Framework's loader cache first (`writeDownloads`),
 * each file taken from the cache when what it is made of is unchanged (../lib/download-cache.ts);
 * the catalog and datapackage.json then state the facts of those very files. `npm run dev` runs
 * the loaders one by one: each writes its own part, and the two that describe every download
 * write them all into a scratch folder to know their sizes and sha256.
 */
import { closeSync, createReadStream, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createHash } from "node:crypto";
import { DATASETS, type DatasetName } from "../../../loaders/schema.ts";
import { downloadParts, packageText, writePartCsv, type Download, type DownloadFacts, type DownloadPart } from "../../../loaders/store/export.ts";
import { emptyManifest, type Resource } from "../../../loaders/store/manifest.ts";
import { resourcesToRead } from "../../../loaders/store/read.ts";
import { columns } from "../../../loaders/table-schema.ts";
import { version } from "@duckdb/node-api";
import { openParquetWriter, type ParquetWriter } from "../../../loaders/store/parquet.ts";
import { openDownloadCache, type DownloadCache } from "../lib/download-cache.ts";
import { replaceFile } from "../lib/kept-files.ts";
import type { SiteFile } from "./site-file.ts";
import type { SiteStore } from "./site-store.ts";

export type { Download };

/** Bump when what a download holds, or how it is written, changes: kept files are then written anew. */
const FORMAT = 1;
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** The name a download is saved under: the site's name first, so a reader's downloads folder keeps them together. */
export const fileName = (part: { name: string }, format: Download["format"]) => `rednote-tracker-${part.name}.${format}`;
const sitePath = (part: { name: string }, format: Download["format"]) => `data/${format}/${part.name}.${format}`;
const download = (part: Pick<DownloadPart, "name" | "dataset" | "period">, format: Download["format"], facts: DownloadFacts): Download => ({
  ...facts,
  dataset: part.dataset,
  period: part.period,
  path: sitePath(part, format),
  file: fileName(part, format),
  format,
});

/**
 * A download's CSV part (./../../../loaders/store/export.ts) with its stored files read only when it
 * is written: a month kept from the last build needs nothing of the manifest but its segment's sha256.
 */
interface Part extends Omit<DownloadPart, "resources"> {
  /** What it is made of: its columns and its files (a segment's sha256 names them). */
  key: string;
  resources(): Promise<Resource[]>;
}

/** A Parquet part (a year, or all of an editorial dataset) with the CSV parts (its months, or all) it is written from. */
interface YearPart {
  parquet: Omit<Part, "key" | "resources">;
  csv: Part[];
}

const keyOf = (dataset: DatasetName, files: unknown) => sha256(JSON.stringify([FORMAT, columns(dataset), files]));

async function parts(store: SiteStore): Promise<YearPart[]> {
  const segments = await store.segments();
  const years: YearPart[] = [];
  for (const dataset of Object.keys(DATASETS) as DatasetName[]) {
    const mine = segments.filter((s) => s.dataset === dataset);
    if (DATASETS[dataset].reading === "latest") {
      const [part] = downloadParts({ resources: (await Promise.all(mine.map((s) => s.resources()))).flat() }, dataset, "month");
      if (part) years.push({ parquet: part, csv: [{ ...part, key: keyOf(dataset, part.resources.map((r) => [r.path, r.hash])), resources: async () => part.resources }] });
      continue;
    }
    for (const segment of mine) {
      const month: Part = { name: `${dataset}-${segment.month}`, dataset, period: segment.month, key: keyOf(dataset, segment.hash), resources: async () => resourcesToRead(await segment.resources(), dataset) };
      const period = segment.month.slice(0, 4);
      const year = years.at(-1);
      if (year?.parquet.dataset === dataset && year.parquet.period === period) year.csv.push(month);
      else years.push({ parquet: { name: `${dataset}-${period}`, dataset, period }, csv: [month] });
    }
  }
  return years;
}

const writeCsvFile = (store: SiteStore, part: Part, target: string) =>
  replaceFile(target, async (temp) => {
    const fd = openSync(temp, "w");
    try {
      // Synchronous writes: awaiting a stream for each of a year's 7,300 stored files was a third of the time.
      return await writePartCsv(store.dataDir, { ...part, resources: await part.resources() }, (chunk) => {
        for (let offset = 0; offset < chunk.length; ) offset += writeSync(fd, chunk, offset);
      });
    } finally {
      closeSync(fd);
    }
  });

async function writeParquetFile(rows: number, target: string, write: (temp: string) => Promise<void>): Promise<DownloadFacts> {
  await replaceFile(target, write);
  const bytes = readFileSync(target);
  return { rows, bytes: bytes.length, sha256: sha256(bytes) };
}

/** `name` from the cache at `target`, else written there by `write` and kept. */
async function cached(kept: DownloadCache, name: string, target: string, write: () => Promise<DownloadFacts>): Promise<DownloadFacts> {
  mkdirSync(dirname(target), { recursive: true });
  const known = kept.get<DownloadFacts>(name, target);
  if (known) return known;
  const facts = await write();
  const warning = await kept.put(name, target, facts);
  if (warning) console.error(`downloads: ${warning}`);
  return facts;
}

/**
 * Writes a year's CSV files and its Parquet file under `root`, each from the cache when what it is
 * made of is kept. The year's Parquet is its months' Parquet files joined (kept, not published; in
 * `scratch`): after a new day DuckDB reads one month's CSV, not the year's, and the bytes are the same.
 */
async function writeYear(store: SiteStore, writer: ParquetWriter, kept: DownloadCache, root: string, scratch: string, { parquet, csv }: YearPart): Promise<{ parquet: Download; csv: Download[] }> {
  const months: Download[] = [];
  for (const month of csv) {
    const target = join(root, sitePath(month, "csv"));
    months.push(download(month, "csv", await cached(kept, `${month.key}.csv`, target, () => writeCsvFile(store, month, target))));
  }
  const monthName = (m: Download) => `${m.sha256}-duckdb-${version()}.month.parquet`;
  const target = join(root, sitePath(parquet, "parquet"));
  const name = `${sha256(months.map((m) => m.sha256).join(","))}-duckdb-${version()}.parquet`;
  const facts = await cached(kept, name, target, async () => {
    const parts: string[] = [];
    for (const month of months) {
      const part = join(scratch, `${month.sha256}.parquet`);
      await cached(kept, monthName(month), part, () => writeParquetFile(month.rows, part, (temp) => writer.write(month.dataset, [join(root, month.path)], temp)));
      parts.push(part);
    }
    return writeParquetFile(months.reduce((sum, m) => sum + m.rows, 0), target, (temp) => writer.join(parts, temp));
  });
  // The next day's year is joined from these again.
  for (const month of months) kept.keep(monthName(month));
  return { parquet: download(parquet, "parquet", facts), csv: months };
}

const written = new WeakMap<SiteStore, Promise<Download[]>>();

/** Writes every download under `root` (as data/csv/… and data/parquet/…); their facts, per dataset its Parquet files and then its CSV files, oldest first. */
export function writeDownloads(store: SiteStore, root: string): Promise<Download[]> {
  const done = (async () => {
    const writer = await openParquetWriter();
    const kept = openDownloadCache(store.cacheDir);
    const scratch = await mkdtemp(join(tmpdir(), "rednote-parquet-months-"));
    const years: { parquet: Download; csv: Download[] }[] = [];
    try {
      for (const part of await parts(store)) years.push(await writeYear(store, writer, kept, root, scratch, part));
    } finally {
      writer.close();
      await rm(scratch, { recursive: true, force: true });
    }
    kept.prune();
    return (Object.keys(DATASETS) as DatasetName[]).flatMap((dataset) => {
      const mine = years.filter((y) => y.parquet.dataset === dataset);
      return [...mine.map((y) => y.parquet), ...mine.flatMap((y) => y.csv)];
    });
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

function named<T>(all: readonly T[], nameOf: (part: T) => string, name: string): T {
  const found = all.find((part) => nameOf(part) === name);
  if (!found) throw new Error(`no download named ${JSON.stringify(name)}: the store has ${all.map(nameOf).join(", ") || "no files"}.`);
  return found;
}

/** data/csv/<name>.csv alone, for Framework's loader in `npm run dev`: streamed as the build writes it. */
export function csvDownload(name: string): SiteFile {
  return {
    path: `data/csv/${name}.csv`,
    async write(store, sink) {
      const part = named((await parts(store)).flatMap((p) => p.csv), (p) => p.name, name);
      await writePartCsv(store.dataDir, { ...part, resources: await part.resources() }, (chunk) => sink.write(chunk));
    },
  };
}

/** data/parquet/<name>.parquet alone, for Framework's loader in `npm run dev`: its year written as the build does, from the same cache. */
export function parquetDownload(name: string): SiteFile {
  return {
    path: `data/parquet/${name}.parquet`,
    async write(store, sink) {
      const part = named(await parts(store), (p) => p.parquet.name, name);
      const scratch = await mkdtemp(join(tmpdir(), "rednote-parquet-"));
      const writer = await openParquetWriter();
      try {
        const { parquet } = await writeYear(store, writer, openDownloadCache(store.cacheDir), scratch, join(scratch, "months"), part);
        for await (const chunk of createReadStream(join(scratch, parquet.path))) await sink.write(chunk as Buffer);
      } finally {
        writer.close();
        await rm(scratch, { recursive: true, force: true });
      }
    },
  };
}

export const datapackage: SiteFile = {
  path: "data/datapackage.json",
  write: async (store, sink) => sink.write(packageText(emptyManifest(), await downloadsOf(store))),
};
