/**
 * Disk faults: a data directory the writer may not write to (EACCES), a read-only file system
 * (EROFS), a path through a file (ENOTDIR) and a full disk (ENOSPC, at every step of a write).
 * Each must fail with a message naming the directory, the cause and what to do, and leave the
 * store verifiable with every stored file byte-identical.
 *
 * Root ignores permission bits, so as root the EACCES case runs the writer in a child process as
 * user nobody. EROFS and ENOSPC need a small tmpfs (`mount -t tmpfs`), which needs root; where
 * mounting is not allowed those cases are skipped, and say so.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, open, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { StorageError } from "../../loaders/store/errors.ts";
import { LOCK_FILE } from "../../loaders/store/lock.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { PENDING_FILE, readPending } from "../../loaders/store/pending.ts";
import { readAll } from "../../loaders/store/read.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { openStore, writeSnapshot, type SnapshotInput } from "../../loaders/store/write.ts";
import { ROOT, WRITE_LOOP } from "../helpers/child.ts";
import { snapshotTree, tempDir } from "../helpers/temp-dir.ts";

const IS_ROOT = process.getuid?.() === 0;

function mountTmpfs(target: string, options: string): boolean {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", target], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

function unmount(target: string): void {
  try {
    execFileSync("umount", [target], { stdio: "pipe" });
  } catch {
    execFileSync("umount", ["-l", target], { stdio: "pipe" });
  }
}

/** Whether this sandbox lets us mount a tmpfs (root with CAP_SYS_ADMIN). */
const CAN_MOUNT = await (async () => {
  const probe = await mkdtemp(join(tmpdir(), "tracker-mount-probe-"));
  try {
    if (!mountTmpfs(probe, "size=64k")) return false;
    unmount(probe);
    return true;
  } finally {
    await rm(probe, { recursive: true, force: true });
  }
})();

/** Whether a child process may be started as user nobody (root with CAP_SETUID). */
const CAN_RUN_AS_NOBODY =
  IS_ROOT && spawnSync(process.execPath, ["-e", "process.exit(process.getuid() === 65534 ? 0 : 1)"], { uid: 65534, gid: 65534 }).status === 0;

const rows = (at: string, count: number, tag: string): ChartSnapshotRow[] =>
  Array.from({ length: count }, (_, i) => ({
    store: "app-store",
    country: "us",
    chart: "top-free",
    rank: i + 1,
    app_id: String(1_000_000 + i),
    name: `${tag} app number ${i} with a name long enough to take some room 小红书`,
    retrieved_at: at,
  }));

const snapshot = (at: string, count = 3, tag = "x"): SnapshotInput<"chart_snapshots"> => ({
  dataset: "chart_snapshots",
  source: "apple-charts",
  scope: "us-top-free",
  retrievedAt: at,
  rows: rows(at, count, tag),
  sources: [{ title: "test feed", path: "http://127.0.0.1/feed.json" }],
});

const quiet = { log: () => {}, waitMs: 1000 };

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the write to fail");
}

async function chmodTree(dir: string, dirMode: number, fileMode: number): Promise<void> {
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    await chmod(join(e.parentPath, e.name), e.isDirectory() ? dirMode : fileMode);
  }
  await chmod(dir, dirMode);
}

/** Every file as it was, no problem, nothing pending: what a refused write must leave. */
async function expectUntouched(dir: string, before: Record<string, string>): Promise<void> {
  expect(await snapshotTree(dir)).toEqual(before);
  const report = await verifyStore(dir);
  expect(report.problems).toEqual([]);
  expect(report.notices).toEqual([]);
}

let root: string;
let cleanup: () => Promise<void>;
const mounts: string[] = [];
beforeEach(async () => ({ path: root, cleanup } = await tempDir("tracker-disk-")));
afterEach(async () => {
  for (const m of mounts.splice(0)) unmount(m);
  await chmod(root, 0o700).catch(() => {});
  await chmodTree(root, 0o755, 0o644).catch(() => {});
  await cleanup();
});

async function tmpfs(options: string): Promise<string> {
  const target = join(root, "mnt");
  await mkdir(target);
  if (!mountTmpfs(target, options)) throw new Error(`mount -t tmpfs -o ${options} failed`);
  mounts.push(target);
  return target;
}

describe("a data directory that cannot be written", () => {
  it.skipIf(IS_ROOT && !CAN_RUN_AS_NOBODY)(
    "permission denied (chmod 0555): a clear error naming the directory, nothing changed" +
      (IS_ROOT ? " [as root: the writer runs as user nobody, since root ignores permission bits]" : ""),
    { timeout: 60_000 },
    async () => {
      const dir = join(root, "data");
      await writeSnapshot(dir, snapshot("2025-01-14T12:00:00.000Z"), quiet);
      const before = await snapshotTree(dir);
      await chmodTree(dir, 0o555, 0o444);
      // Is chmod enough to stop us? Not as root (or with CAP_DAC_OVERRIDE).
      const probe = join(dir, "probe");
      const privileged = await writeFile(probe, "x").then(
        () => true,
        () => false,
      );
      await rm(probe, { force: true });
      let message: string;
      if (!privileged) {
        const error = await caught(writeSnapshot(dir, snapshot("2025-01-14T18:00:00.000Z", 3, "y"), quiet));
        expect(error).toBeInstanceOf(StorageError);
        message = error.message;
      } else {
        await chmod(root, 0o755); // nobody must reach the data directory to be refused by it
        const child = spawnSync(process.execPath, ["--import", "tsx", WRITE_LOOP, "--dir", dir, "--count", "1", "--mode", "each", "--start", "2025-01-14T18:00:00.000Z"], {
          cwd: ROOT,
          uid: 65534,
          gid: 65534,
          encoding: "utf8",
          env: { ...process.env, HOME: tmpdir() },
        });
        expect(child.status, child.stderr).toBe(2);
        message = child.stderr.split("\n").find((l) => l.startsWith("error "))!.slice("error ".length);
      }
      expect(message).toContain(`cannot write to ${dir}`);
      expect(message).toMatch(/permission denied \(EACCES\)/);
      expect(message).toMatch(/Check the directory's owner and permissions, or choose another --data-dir/);
      await chmodTree(dir, 0o755, 0o644);
      await expectUntouched(dir, before);
    },
  );

  it.skipIf(!CAN_MOUNT)(
    "read-only file system (tmpfs remounted ro): a clear error naming the directory; reading still works" +
      (CAN_MOUNT ? "" : " [skipped: mount -t tmpfs is not allowed here]"),
    async () => {
      const mnt = await tmpfs("size=1m");
      const dir = join(mnt, "data");
      await writeSnapshot(dir, snapshot("2025-01-14T12:00:00.000Z"), quiet);
      const before = await snapshotTree(dir);
      execFileSync("mount", ["-o", "remount,ro", mnt], { stdio: "pipe" });
      await expect(writeFile(join(mnt, "probe"), "x")).rejects.toMatchObject({ code: "EROFS" });

      for (const attempt of [() => writeSnapshot(dir, snapshot("2025-01-14T18:00:00.000Z", 3, "y"), quiet), () => openStore(dir, quiet)]) {
        const error = await caught(attempt());
        expect(error).toBeInstanceOf(StorageError);
        expect(error.message).toContain(`cannot write to ${dir}`);
        expect(error.message).toMatch(/read-only file system \(EROFS\)/);
        expect(error.message).toMatch(/Remount it read-write, or choose another --data-dir/);
      }
      await expectUntouched(dir, before);
      expect(await readAll(dir, "chart_snapshots")).toHaveLength(3);
    },
  );

  it("a data directory path that runs through a file (ENOTDIR): the error names the path", async () => {
    const file = join(root, "not-a-dir");
    await writeFile(file, "x");
    const dir = join(file, "data");
    const error = await caught(writeSnapshot(dir, snapshot("2025-01-14T12:00:00.000Z"), quiet));
    expect((error as NodeJS.ErrnoException).code).toBe("ENOTDIR");
    expect(error.message).toContain(dir);
    expect(await readFile(file, "utf8")).toBe("x");
  });
});

describe.skipIf(!CAN_MOUNT)(`a full disk${CAN_MOUNT ? "" : " [skipped: mount -t tmpfs is not allowed here]"}`, () => {
  const PAGE = 4096;

  /** Fills the file system with `path`, then frees `pages` pages: the next write runs out there. */
  async function fillLeaving(path: string, pages: number): Promise<void> {
    const handle = await open(path, "w");
    const chunk = Buffer.alloc(PAGE, 0x61);
    let written = 0;
    try {
      for (;;) {
        await handle.write(chunk, 0, PAGE, written);
        written += PAGE;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
    } finally {
      await handle.close();
    }
    await truncate(path, Math.max(0, written - pages * PAGE));
  }

  it("fails each step of a write cleanly (ENOSPC named, what to do), keeps the store verifiable, and the next run recovers", { timeout: 60_000 }, async () => {
    const mnt = await tmpfs("size=256k");
    const dir = join(mnt, "data");
    const filler = join(mnt, "filler");
    await writeSnapshot(dir, snapshot("2025-01-01T00:00:00.000Z"), quiet);
    const steps: string[] = [];
    let successes = 0;
    for (let pages = 0; pages <= 8; pages++) {
      const at = new Date(Date.UTC(2025, 0, 2 + pages)).toISOString();
      const before = await snapshotTree(dir);
      await fillLeaving(filler, pages);
      let error: Error | undefined;
      try {
        await writeSnapshot(dir, snapshot(at, 60, `p${pages}`), quiet);
        successes++;
      } catch (e) {
        error = e as Error;
      }
      const pending = await readPending(dir);
      if (error) {
        const context = `${pages} free page(s): ${error.message}`;
        expect(error, context).toBeInstanceOf(StorageError);
        expect(error.message, context).toContain(`cannot write to ${dir}: disk full (ENOSPC) while `);
        expect(error.message, context).toMatch(/Free some space on that disk and run the command again/);
        steps.push(/ while (.*?)(?: \(|\. )/.exec(error.message)![1]!);
        // Nothing stored changed; the only new files are a journal and the whole file it names.
        const after = await snapshotTree(dir);
        for (const [file, hash] of Object.entries(before)) expect(after[file], `${context}: ${file}`).toBe(hash);
        const added = Object.keys(after).filter((f) => !(f in before) && !f.startsWith(".tmp/"));
        expect(added.sort(), context).toEqual(pending ? [PENDING_FILE, pending.path].sort() : []);
        expect(added, context).not.toContain(LOCK_FILE);
        const report = await verifyStore(dir);
        expect(report.problems, context).toEqual([]);
      }
      // Space again: the next open finishes or drops what was interrupted.
      await rm(filler);
      const store = await openStore(dir, quiet);
      await store.close();
      const report = await verifyStore(dir);
      expect(report.problems).toEqual([]);
      expect(report.notices).toEqual([]);
      expect(await readdir(dir)).not.toContain(PENDING_FILE);
      expect(await readdir(dir)).not.toContain(".tmp");
      const listed = (await readManifest(dir)).resources.map((r) => r.path);
      if (pending) expect(listed).toContain(pending.path);
      const recovered = await snapshotTree(dir);
      // The manifest's index and segments change with every write; stored files never do.
      for (const [file, hash] of Object.entries(before)) if (file !== "datapackage.json" && !file.startsWith("manifest/")) expect(recovered[file], file).toBe(hash);
    }
    console.log(`full disk: ${successes} write(s) fit; failed while: ${steps.join(" | ")}`);
    // On tmpfs the steps run out in order: lock file, snapshot file, journal, manifest.
    expect(new Set(steps.map((s) => s.replace(/ .*\.csv$/, " <snapshot>"))).size, steps.join(" | ")).toBeGreaterThanOrEqual(3);
    expect(successes).toBeGreaterThan(0);
  });
});
