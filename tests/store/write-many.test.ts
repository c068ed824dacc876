/**
 * store.writeMany: many snapshots, one journal, one manifest write. It must leave exactly what
 * consecutive `write` calls leave, refuse a batch as a whole, undo a batch that fails midway, and
 * let the next writer finish or drop a batch interrupted by a crash, file by file.
 */
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChartSnapshotRow, TrackedAppRow } from "../../loaders/schema.ts";
import { readManifest, type Resource } from "../../loaders/store/manifest.ts";
import { PENDING_FILE } from "../../loaders/store/pending.ts";
import { readAll } from "../../loaders/store/read.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { openStore, writeSnapshot, type AnySnapshotInput, type SnapshotInput } from "../../loaders/store/write.ts";
import { keepManifest, snapshotTree, tempDir } from "../helpers/temp-dir.ts";

const quiet = { log: () => {} };

/** Counts manifest replacements; everything else goes to the real atomic writes. */
const manifestWrites = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../loaders/store/atomic.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../loaders/store/atomic.ts")>();
  return {
    ...original,
    writeFileAtomic: (root: string, target: string, content: string | Uint8Array) => {
      if (target.endsWith("datapackage.json")) manifestWrites.count++;
      return original.writeFileAtomic(root, target, content);
    },
  };
});

const chart = (at: string, country = "us", names = ["RedNote", "Lemon8", "TikTok"]): SnapshotInput<"chart_snapshots"> => ({
  dataset: "chart_snapshots",
  source: "apple-charts",
  scope: `${country}-top-free`,
  retrievedAt: at,
  rows: names.map((name, i): ChartSnapshotRow => ({ store: "app-store", country, chart: "top-free", rank: i + 1, app_id: String(100 + name.length * 7 + i), name, retrieved_at: at })),
  sources: [{ title: "test feed", path: `http://127.0.0.1/${country}.json` }],
});

const apps = (at: string, color = "#ff2442"): SnapshotInput<"tracked_apps"> => ({
  dataset: "tracked_apps",
  source: "editorial",
  scope: "apps",
  retrievedAt: at,
  rows: [{ key: "xiaohongshu", name_en: "RedNote", app_store_id: "741292507", color, role: "focus" } satisfies TrackedAppRow],
  sources: [],
});

/** Relative file tree with hashes, without the lock or temp files. */
async function tree(dir: string): Promise<Record<string, string>> {
  const all = await snapshotTree(dir);
  return Object.fromEntries(Object.entries(all).filter(([path]) => !path.startsWith(".tmp") && path !== ".lock"));
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ path: dir, cleanup } = await tempDir("tracker-many-")));
afterEach(async () => cleanup());

describe("writeMany", () => {
  it("leaves exactly what consecutive writes leave: files, manifest, results", async () => {
    const batch: AnySnapshotInput[] = [
      chart("2025-01-14T06:00:00.000Z"),
      chart("2025-01-14T06:00:01.000Z", "gb"),
      apps("2025-01-14T06:00:02.000Z"),
      chart("2025-01-14T12:00:00.000Z"), // identical content: a confirmation, not a file
      chart("2025-01-15T06:00:00.000Z", "us", ["Lemon8", "RedNote", "TikTok"]),
      chart("2025-01-15T12:00:00.000Z", "us", ["Lemon8", "RedNote", "TikTok"]),
      apps("2025-01-15T06:00:00.000Z", "#000000"),
    ];
    const other = await tempDir("tracker-seq-");
    try {
      // Both stores start from the same first snapshot, so "unchanged" is also checked against a stored file.
      await writeSnapshot(dir, chart("2025-01-13T06:00:00.000Z", "gb"), quiet);
      await writeSnapshot(other.path, chart("2025-01-13T06:00:00.000Z", "gb"), quiet);
      const sequential = [];
      const one = await openStore(other.path, quiet);
      for (const input of batch) sequential.push(await one.write(input as SnapshotInput<"chart_snapshots">));
      await one.close();

      const store = await openStore(dir, quiet);
      const results = await store.writeMany(batch);
      await store.close();

      expect(results).toEqual(sequential);
      expect(results.map((r) => r.status)).toEqual(["new", "unchanged", "new", "unchanged", "new", "unchanged", "new"]);
      expect(await tree(dir)).toEqual(await tree(other.path));
      expect(await readManifest(dir)).toEqual(await readManifest(other.path));
      const confirmed = (await readManifest(dir)).resources.filter((r) => r.confirmed).map((r) => [r.scope, r.confirmed]);
      expect(confirmed).toEqual([
        ["gb-top-free", ["2025-01-14T06:00:01.000Z"]],
        ["us-top-free", ["2025-01-14T12:00:00.000Z"]],
        ["us-top-free", ["2025-01-15T12:00:00.000Z"]],
      ]);
      expect((await verifyStore(dir)).problems).toEqual([]);
      expect(await readdir(dir)).not.toContain(PENDING_FILE);
      expect(await readAll(dir, "tracked_apps")).toEqual([expect.objectContaining({ color: "#000000" })]);
    } finally {
      await other.cleanup();
    }
  });

  it("replaces the manifest once per batch, not once per file", async () => {
    const store = await openStore(dir, quiet);
    const batch = Array.from({ length: 50 }, (_, i) => chart(new Date(Date.UTC(2025, 0, 1 + i, 6)).toISOString(), "us", i % 2 ? ["A", "B"] : ["B", "A"]));
    const before = manifestWrites.count;
    await store.writeMany(batch);
    expect(manifestWrites.count - before).toBe(1);
    await store.close();
    expect((await readManifest(dir)).resources).toHaveLength(50);
    expect((await verifyStore(dir)).problems).toEqual([]);
  });

  it("refuses the whole batch, writing nothing, when one input is bad or would overwrite", async () => {
    await writeSnapshot(dir, chart("2025-01-14T06:00:00.000Z"), quiet);
    const before = await tree(dir);
    const store = await openStore(dir, quiet);
    const badRank = chart("2025-01-16T06:00:00.000Z", "gb");
    const cases: [AnySnapshotInput[], RegExp][] = [
      [[chart("2025-01-15T06:00:00.000Z", "gb"), { ...badRank, rows: [{ ...badRank.rows[0]!, rank: 0 }] }], /rank/],
      [[chart("2025-01-15T06:00:00.000Z", "gb"), { ...chart("2025-01-15T07:00:00.000Z"), scope: "../up" }], /scope/],
      [[chart("2025-01-15T06:00:00.000Z", "gb"), { ...chart("2025-01-15T07:00:00.000Z"), rows: [] }], /empty/],
      // Same time as the stored file, other content: write-once.
      [[chart("2025-01-15T06:00:00.000Z", "gb"), chart("2025-01-14T06:00:00.000Z", "us", ["X", "Y"])], /write-once/],
      // Two inputs of the batch for the same file with different content.
      [[chart("2025-01-15T06:00:00.000Z", "gb"), chart("2025-01-15T06:00:00.000Z", "gb", ["X"])], /write-once/],
    ];
    for (const [batch, message] of cases) {
      await expect(store.writeMany(batch)).rejects.toThrow(message);
      expect(await tree(dir)).toEqual(before);
    }
    // The store is still usable after a refused batch.
    expect((await store.writeMany([chart("2025-01-15T06:00:00.000Z", "gb")]))[0]!.status).toBe("new");
    await store.close();
    expect((await verifyStore(dir)).problems).toEqual([]);
  });

  it("undoes a batch that fails while committing, and keeps the store usable", async () => {
    await writeSnapshot(dir, chart("2025-01-14T06:00:00.000Z"), quiet);
    const before = await tree(dir);
    // A file where the batch needs the gb scope's folder: the rename into it fails midway.
    await mkdir(join(dir, "chart_snapshots/apple-charts"), { recursive: true });
    await writeFile(join(dir, "chart_snapshots/apple-charts/gb-top-free"), "in the way");
    const store = await openStore(dir, quiet);
    await expect(store.writeMany([chart("2025-01-15T06:00:00.000Z", "us", ["A"]), chart("2025-01-15T06:00:01.000Z", "gb")])).rejects.toThrow();
    await rm(join(dir, "chart_snapshots/apple-charts/gb-top-free"));
    expect(await tree(dir)).toEqual(before);
    expect(await readdir(dir)).not.toContain(PENDING_FILE);
    const results = await store.writeMany([chart("2025-01-15T06:00:00.000Z", "us", ["A"]), chart("2025-01-15T06:00:01.000Z", "gb")]);
    await store.close();
    expect(results.map((r) => r.status)).toEqual(["new", "new"]);
    expect((await verifyStore(dir)).problems).toEqual([]);
  });

  it("returns [] for an empty batch and refuses to write after close", async () => {
    await writeSnapshot(dir, chart("2025-01-14T06:00:00.000Z"), quiet);
    const before = await tree(dir);
    const store = await openStore(dir, quiet);
    expect(await store.writeMany([])).toEqual([]);
    await store.close();
    expect(await tree(dir)).toEqual(before);
    await expect(store.writeMany([chart("2025-01-15T06:00:00.000Z")])).rejects.toThrow(/closed/);
  });
});

describe("an interrupted batch", () => {
  /** What a crash after the renames but before the manifest leaves: files in place, a batch journal, the old manifest. */
  async function crashAfterRenames(): Promise<{ placed: Resource[]; missing: Resource }> {
    await writeSnapshot(dir, chart("2025-01-13T06:00:00.000Z"), quiet);
    const rollBack = await keepManifest(dir);
    const store = await openStore(dir, quiet);
    await store.writeMany([chart("2025-01-14T06:00:00.000Z", "us", ["A"]), chart("2025-01-14T06:00:01.000Z", "gb"), chart("2025-01-14T06:00:02.000Z", "ca")]);
    await store.close();
    const all = (await readManifest(dir)).resources.filter((r) => r.retrieved.startsWith("2025-01-14"));
    const missing = all.find((r) => r.scope === "ca-top-free")!;
    // Roll the manifest back, and take the ca file away as if its rename never happened.
    await rollBack();
    await rm(join(dir, missing.path));
    await writeFile(join(dir, PENDING_FILE), JSON.stringify({ resources: all }) + "\n");
    return { placed: all.filter((r) => r !== missing), missing };
  }

  it("is reported by data:verify as interrupted writes, not as problems", async () => {
    const { placed } = await crashAfterRenames();
    const report = await verifyStore(dir);
    expect(report.problems).toEqual([]);
    const [segments, journal] = [report.notices.filter((n) => n.startsWith("manifest/")), report.notices.filter((n) => !n.startsWith("manifest/"))];
    expect(journal).toHaveLength(placed.length);
    for (const r of placed) expect(journal.join("\n")).toContain(r.path);
    // The batch's new segment, written before the index that never came.
    expect(segments).toEqual([expect.stringMatching(/^manifest\/chart_snapshots\/2025-01\.[0-9a-f]{12}\.json is not named in datapackage\.json: left by an interrupted write/)]);
  });

  it("is finished file by file by the next writer: files in place are listed, the rest dropped", async () => {
    const { placed, missing } = await crashAfterRenames();
    const messages: string[] = [];
    const store = await openStore(dir, { log: (m) => messages.push(m) });
    await store.close();
    const listed = (await readManifest(dir)).resources.map((r) => r.path);
    for (const r of placed) expect(listed).toContain(r.path);
    expect(listed).not.toContain(missing.path);
    expect(messages.join("\n")).toMatch(/Completed an interrupted write of 2 files/);
    expect(messages.join("\n")).toMatch(new RegExp(`Dropped an interrupted write of ${missing.path}`));
    expect(await readdir(dir)).not.toContain(PENDING_FILE);
    expect((await verifyStore(dir)).problems).toEqual([]);
  });

  it("does not list a file whose bytes differ from the journal's hash", async () => {
    const { placed } = await crashAfterRenames();
    const damaged = placed[0]!;
    await writeFile(join(dir, damaged.path), "store,country\n");
    const store = await openStore(dir, quiet);
    await store.close();
    expect((await readManifest(dir)).resources.map((r) => r.path)).not.toContain(damaged.path);
  });
});
