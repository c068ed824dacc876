/**
 * Chart summaries kept between builds, keyed by each snapshot file's sha256 in datapackage.json:
 * stored files never change, so a new day reads only the new day's files. One JSON file per
 * summary format and set of tracked apps (which the summaries depend on). A missing, unreadable
 * or corrupt cache is an empty one, and a cache that cannot be saved costs speed, never the build.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChartSummary, TrackedIds } from "../derive/chart-summary.ts";

/** Bump when what a summary holds, or how it is computed, changes: old entries are then ignored. */
const FORMAT = 1;

type Entry = [store: ChartSummary["store"], country: string, chart: ChartSummary["chart"], size: number, ranks: Record<string, number>];

export interface SummaryCache {
  get(hash: string): ChartSummary[] | undefined;
  set(hash: string, charts: ChartSummary[]): void;
  /** Writes the cache if anything was added; returns a warning when it could not. */
  save(): string | null;
}

function cacheKey(ids: TrackedIds): string {
  const tracked = Object.entries(ids).map(([store, map]) => [store, [...map].sort()]);
  return createHash("sha256").update(JSON.stringify([FORMAT, tracked])).digest("hex").slice(0, 16);
}

export function openSummaryCache(dir: string, ids: TrackedIds): SummaryCache {
  const path = join(dir, `chart-summaries-${cacheKey(ids)}.json`);
  let entries: Record<string, Entry[]> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) entries = parsed as Record<string, Entry[]>;
  } catch {
    // No cache yet, or one cut short: start empty.
  }
  let added = 0;
  return {
    get(hash) {
      const found = Object.hasOwn(entries, hash) ? entries[hash] : undefined;
      if (!Array.isArray(found)) return undefined;
      return found.map(([store, country, chart, size, ranks]) => ({ store, country, chart, size, ranks }));
    },
    set(hash, charts) {
      entries[hash] = charts.map((c) => [c.store, c.country, c.chart, c.size, c.ranks]);
      added++;
    },
    save() {
      if (added === 0) return null;
      const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temp, JSON.stringify(entries));
        renameSync(temp, path);
        added = 0;
        return null;
      } catch (error) {
        rmSync(temp, { force: true });
        return `could not save the chart summary cache to ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next build will read every snapshot again.`;
      }
    },
  };
}
