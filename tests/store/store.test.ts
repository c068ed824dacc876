import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { acquireLock, LockedError } from "../../loaders/store/lock.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { PENDING_FILE } from "../../loaders/store/pending.ts";
import { readAll } from "../../loaders/store/read.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { openStore, writeSnapshot, type SnapshotInput } from "../../loaders/store/write.ts";
import { keepManifest, snapshotTree, tempDir } from "../helpers/temp-dir.ts";

const rows = (at: string, names = ["RedNote", "Lemon8"]): ChartSnapshotRow[] =>
  names.map((name, i) => ({ store: "app-store", country: "us", chart: "top-free", rank: i + 1, app_id: String(i + 1), name, retrieved_at: at }));

const input = (at: string, names?: string[]): SnapshotInput<"chart_snapshots"> => ({
  dataset: "chart_snapshots",
  source: "apple-charts",
  scope: "us-top-free",
  retrievedAt: at,
  rows: rows(at, names),
  sources: [{ title: "test feed", path: "http://127.0.0.1/feed.json" }],
});

const quiet = { log: () => {} };
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ path: dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

describe("store writes", () => {
  it("writes a snapshot whose path names dataset, source, scope and UTC time, and lists it in the manifest", async () => {
    const result = await writeSnapshot(dir, input("2025-01-14T12:00:00.000Z"), quiet);
    expect(result).toEqual({ status: "new", path: "chart_snapshots/apple-charts/us-top-free/2025-01-14T12-00-00.000Z.csv", rows: 2 });
    const manifest = await readManifest(dir);
    const resource = manifest.resources[0]!;
    expect(manifest.profile).toBe("data-package");
    expect(resource).toMatchObject({ path: result.path, rows: 2, dataset: "chart_snapshots", kind: "measured", schema: "schemas/chart_snapshots.json", retrieved: "2025-01-14T12:00:00.000Z" });
    expect(resource.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(resource.bytes).toBe((await readFile(join(dir, result.path))).length);
    expect(resource.tool_version).toMatch(/^rednote-tracker@/);
    expect(JSON.parse(await readFile(join(dir, "schemas/chart_snapshots.json"), "utf8")).fields[0].name).toBe("store");
    expect((await verifyStore(dir)).problems).toEqual([]);
  });

  it("records an identical later snapshot as unchanged instead of storing it twice", async () => {
    await writeSnapshot(dir, input("2025-01-14T12:00:00.000Z"), quiet);
    const second = await writeSnapshot(dir, input("2025-01-14T18:00:00.000Z"), quiet);
    expect(second.status).toBe("unchanged");
    const manifest = await readManifest(dir);
    expect(manifest.resources).toHaveLength(1);
    expect(manifest.resources[0]!.confirmed).toEqual(["2025-01-14T18:00:00.000Z"]);
    const third = await writeSnapshot(dir, input("2025-01-15T00:00:00.000Z", ["Lemon8", "RedNote"]), quiet);
    expect(third.status).toBe("new");
    expect(await readAll(dir, "chart_snapshots")).toHaveLength(4);
  });

  it("treats a chart that only got a new feed time as unchanged", async () => {
    const at = (t: string) => ({ ...input(t), rows: input(t).rows.map((r) => ({ ...r, feed_updated: t })) });
    await writeSnapshot(dir, at("2025-01-14T12:00:00.000Z"), quiet);
    expect((await writeSnapshot(dir, at("2025-01-14T13:00:00.000Z"), quiet)).status).toBe("unchanged");
  });

  it("never overwrites a stored file", async () => {
    await writeSnapshot(dir, input("2025-01-14T12:00:00.000Z"), quiet);
    const before = await snapshotTree(dir);
    await expect(writeSnapshot(dir, { ...input("2025-01-14T12:00:00.000Z", ["Other"]) }, quiet)).rejects.toThrow(/write-once/);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it("refuses bad rows and bad scope names without writing", async () => {
    const bad = input("2025-01-14T12:00:00.000Z");
    await expect(writeSnapshot(dir, { ...bad, rows: [{ ...bad.rows[0]!, rank: -1 }] }, quiet)).rejects.toThrow(/rank/);
    await expect(writeSnapshot(dir, { ...bad, scope: "../escape" }, quiet)).rejects.toThrow(/scope/);
    await expect(writeSnapshot(dir, { ...bad, rows: [] }, quiet)).rejects.toThrow(/empty/);
    expect(await readdir(dir)).not.toContain("chart_snapshots");
  });

  it("leaves no temp files behind", async () => {
    await writeSnapshot(dir, input("2025-01-14T12:00:00.000Z"), quiet);
    const files = Object.keys(await snapshotTree(dir));
    expect(files.filter((f) => f.includes(".tmp") || f.includes(".lock") || f.includes(PENDING_FILE))).toEqual([]);
  });
});

describe("interrupted writes", () => {
  it("completes a write whose file reached its place but not the manifest", async () => {
    await writeSnapshot(dir, input("2025-01-14T12:00:00.000Z"), quiet);
    const rollBack = await keepManifest(dir);
    await writeSnapshot(dir, input("2025-01-15T12:00:00.000Z", ["Lemon8"]), quiet);
    const resource = (await readManifest(dir)).resources[1]!;
    // Simulate a crash after the rename: the manifest as before the write, the journal naming it.
    await rollBack();
    await writeFile(join(dir, PENDING_FILE), JSON.stringify({ resource }));
    const report = await verifyStore(dir);
    expect(report.problems).toEqual([]);
    expect(report.notices[0]).toMatch(/interrupted write/);
    const messages: string[] = [];
    const store = await openStore(dir, { log: (m) => messages.push(m) });
    await store.close();
    expect(messages[0]).toMatch(/Completed an interrupted write/);
    expect((await readManifest(dir)).resources).toHaveLength(2);
    expect(await verifyStore(dir)).toMatchObject({ problems: [], notices: [] });
    expect(await readdir(dir)).not.toContain(PENDING_FILE);
  });

  it("drops a journal whose file never arrived and clears temp files", async () => {
    await writeSnapshot(dir, input("2025-01-14T12:00:00.000Z"), quiet);
    const resource = { ...(await readManifest(dir)).resources[0]!, path: "chart_snapshots/apple-charts/us-top-free/2030-01-01T00-00-00.000Z.csv" };
    await writeFile(join(dir, PENDING_FILE), JSON.stringify({ resource }));
    await mkdir(join(dir, ".tmp"), { recursive: true });
    await writeFile(join(dir, ".tmp", "half-written.csv.123"), "store,coun");
    expect((await verifyStore(dir)).problems).toEqual([]);
    const store = await openStore(dir, quiet);
    await store.close();
    expect(await readdir(dir)).not.toContain(".tmp");
    expect((await readManifest(dir)).resources).toHaveLength(1);
  });
});

describe("lock", () => {
  it("lets only one writer in and names the holder", async () => {
    const release = await acquireLock(dir, quiet);
    await expect(acquireLock(dir, { ...quiet, waitMs: 200 })).rejects.toThrow(new RegExp(`locked by process ${process.pid}`));
    await release();
    const again = await acquireLock(dir, quiet);
    await again();
  });

  it("waits for a writer that finishes", async () => {
    const release = await acquireLock(dir, quiet);
    setTimeout(() => void release(), 300);
    const second = await acquireLock(dir, { ...quiet, waitMs: 5000 });
    await second();
  });

  it("clears a lock left by a dead process, with a message", async () => {
    const child = spawn(process.execPath, ["-e", "0"]);
    const pid = child.pid!;
    await new Promise((resolve) => child.on("exit", resolve));
    await writeFile(join(dir, ".lock"), JSON.stringify({ pid, host: (await import("node:os")).hostname(), command: "refresh", since: "2025-01-01T00:00:00Z" }));
    const messages: string[] = [];
    const release = await acquireLock(dir, { log: (m) => messages.push(m), waitMs: 0 });
    await release();
    expect(messages.join("\n")).toMatch(new RegExp(`stale lock .*process ${pid}`));
  });

  it("is a LockedError, so callers can tell it from other failures", async () => {
    const release = await acquireLock(dir, quiet);
    await expect(acquireLock(dir, { ...quiet, waitMs: 0 })).rejects.toBeInstanceOf(LockedError);
    await release();
  });
});
