/**
 * A reader takes no lock: it may read the index just before a writer replaces it and removes the
 * segments it no longer names. readManifest then finds a segment gone and must read the new index
 * instead of failing. The writer is made to run at exactly that moment, between the reader's index
 * and its segments.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { openStore, type SnapshotInput } from "../../loaders/store/write.ts";
import { tempDir } from "../helpers/temp-dir.ts";

/** Runs once before the next read of a segment file, then clears itself. */
const hook = vi.hoisted(() => ({ beforeSegment: undefined as (() => Promise<void>) | undefined }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...original,
    readFile: (async (path: Parameters<typeof original.readFile>[0], ...rest: unknown[]) => {
      const run = hook.beforeSegment;
      if (run && String(path).includes("/manifest/")) {
        hook.beforeSegment = undefined;
        await run();
      }
      return (original.readFile as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as typeof original.readFile,
  };
});

const chart = (at: string, names: string[]): SnapshotInput<"chart_snapshots"> => ({
  dataset: "chart_snapshots",
  source: "apple-charts",
  scope: "us-top-free",
  retrievedAt: at,
  rows: names.map((name, i): ChartSnapshotRow => ({ store: "app-store", country: "us", chart: "top-free", rank: i + 1, app_id: String(i + 1), name, retrieved_at: at })),
  sources: [],
});

const quiet = { log: () => {} };
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ path: dir, cleanup } = await tempDir("tracker-reader-")));
afterEach(async () => cleanup());

it("reads the new index when a writer removed a segment the old one named", async () => {
  const store = await openStore(dir, quiet);
  await store.write(chart("2025-01-10T06:00:00.000Z", ["A", "B"]));
  hook.beforeSegment = async () => void (await store.write(chart("2025-01-11T06:00:00.000Z", ["B", "A"])));
  const { resources } = await readManifest(dir);
  await store.close();
  expect(hook.beforeSegment).toBeUndefined();
  expect(resources.map((r) => r.retrieved)).toEqual(["2025-01-10T06:00:00.000Z", "2025-01-11T06:00:00.000Z"]);
});

it("still names the missing segment when the index did not change", async () => {
  const store = await openStore(dir, quiet);
  await store.write(chart("2025-01-10T06:00:00.000Z", ["A", "B"]));
  await store.close();
  const { readdir, rm } = await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises");
  const [segment] = await readdir(join(dir, "manifest/chart_snapshots"));
  hook.beforeSegment = () => rm(join(dir, "manifest/chart_snapshots", segment!));
  await expect(readManifest(dir)).rejects.toThrow(`${join(dir, "manifest/chart_snapshots", segment!)} is named in datapackage.json but missing`);
});
