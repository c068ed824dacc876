/**
 * Crash consistency of the store, shared by tests/store/crash.test.ts (a few kills) and
 * tests/deep/crash.test.ts (many): a real writer process is SIGKILLed at a random moment while it
 * writes, then the data directory is checked as it was left, and again after the next open.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { LOCK_FILE } from "../../loaders/store/lock.ts";
import { MANIFEST_FILE, readManifest, SEGMENT_DIR } from "../../loaders/store/manifest.ts";
import { PENDING_FILE } from "../../loaders/store/pending.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { openStore } from "../../loaders/store/write.ts";
import { acknowledged, spawnWriter } from "./child.ts";
import { snapshotTree, tempDir } from "./temp-dir.ts";

export interface CrashOptions {
  kills: number;
  /** Kill this long after the writer says "start": uniformly in [min, max] ms. */
  delayMs?: [number, number];
  timeout: number;
}

export interface CrashTally {
  kills: number;
  acknowledged: number;
  completed: number;
  dropped: number;
  staleLocks: number;
  leftJournal: number;
  leftTemp: number;
}

const JUNK = new Set([MANIFEST_FILE, LOCK_FILE, PENDING_FILE]);
/** The manifest's files, replaced by every write (stored files must never change). */
const isJunk = (file: string) => JUNK.has(file) || file.startsWith(".tmp/") || file.startsWith(`${SEGMENT_DIR}/`);

export function crashConsistency({ kills, delayMs = [50, 800], timeout }: CrashOptions): void {
  it(`keeps every stored file and a verifiable store across ${kills} SIGKILLs of a writer`, { timeout }, async () => {
    const { path: root, cleanup } = await tempDir("tracker-crash-");
    const dir = join(root, "data");
    const tally: CrashTally = { kills: 0, acknowledged: 0, completed: 0, dropped: 0, staleLocks: 0, leftJournal: 0, leftTemp: 0 };
    const seed = Date.now() % 1_000_000;
    // Each writer is started one round early and waits at its gate: Node's start-up overlaps the checks.
    const spawnRound = (round: number) => {
      const start = new Date(Date.UTC(2025, 0, 1) + round * 86_400_000).toISOString();
      const mode = round % 3 === 2 ? "each" : "session";
      return spawnWriter(["--dir", dir, "--gate", "stdin", "--start", start, "--seed", String(seed + round), "--mode", mode]);
    };
    let next = spawnRound(0);
    try {
      for (let round = 0; round < kills; round++) {
        const context = `round ${round} (seed ${seed + round})`;
        const before = await snapshotTree(dir);
        const listedBefore = (await readManifest(dir)).resources.map((r) => r.path);
        const writer = next;
        await writer.waitFor(/^ready$/);
        writer.child.stdin!.write("go\n");
        await writer.waitFor(/^start$/);
        const delay = delayMs[0] + Math.random() * (delayMs[1] - delayMs[0]);
        await new Promise((resolve) => setTimeout(resolve, delay));
        writer.child.kill("SIGKILL");
        const exit = await writer.exited;
        if (round + 1 < kills) next = spawnRound(round + 1);
        expect(exit.signal, `${context}: the writer ended by itself: ${writer.stderr()}`).toBe("SIGKILL");
        tally.kills++;

        // 1. As the kill left it: consistent, nothing stored was touched, everything acknowledged is listed.
        const afterKill = await verifyStore(dir);
        expect(afterKill.problems, context).toEqual([]);
        const tree = await snapshotTree(dir);
        for (const [file, hash] of Object.entries(before)) {
          if (isJunk(file)) continue;
          expect(tree[file], `${context}: ${file} changed or vanished`).toBe(hash);
        }
        let manifest = await readManifest(dir);
        const listed = new Set(manifest.resources.map((r) => r.path));
        for (const path of listedBefore) expect(listed.has(path), `${context}: ${path} was unlisted`).toBe(true);
        const acks = acknowledged(writer);
        tally.acknowledged += acks.length;
        const checkAcknowledged = () => {
          for (const ack of acks) {
            const resource = manifest.resources.find((r) => r.path === ack.path);
            expect(resource, `${context}: acknowledged ${ack.path} is not listed`).toBeDefined();
            if (ack.status === "unchanged") expect(resource!.confirmed, `${context}: acknowledged confirmation of ${ack.path}`).toContain(ack.at);
            else expect(resource!.retrieved, context).toBe(ack.at);
          }
        };
        checkAcknowledged();
        const names = await readdir(dir).catch(() => [] as string[]);
        if (names.includes(PENDING_FILE)) tally.leftJournal++;
        if ((await readdir(join(dir, ".tmp")).catch(() => [])).length > 0) tally.leftTemp++;

        // 2. The next open finishes or drops the interrupted write, clears the stale lock and temp files.
        const messages: string[] = [];
        const store = await openStore(dir, { log: (m) => messages.push(m), waitMs: 10_000 });
        await store.close();
        tally.completed += messages.filter((m) => m.startsWith("Completed")).length;
        tally.dropped += messages.filter((m) => m.startsWith("Dropped")).length;
        tally.staleLocks += messages.filter((m) => /stale lock|unreadable lock/.test(m)).length;
        const afterOpen = await verifyStore(dir);
        expect(afterOpen.problems, context).toEqual([]);
        expect(afterOpen.notices, context).toEqual([]);
        expect(await readdir(dir), context).not.toContain(PENDING_FILE);
        expect(await readdir(dir), context).not.toContain(LOCK_FILE);
        expect(await readdir(dir), context).not.toContain(".tmp");
        const reopened = await snapshotTree(dir);
        for (const [file, hash] of Object.entries(tree)) {
          if (isJunk(file)) continue;
          expect(reopened[file], `${context}: ${file} changed during recovery`).toBe(hash);
        }
        manifest = await readManifest(dir);
        checkAcknowledged();
      }
      expect(tally.acknowledged, "the writer never got to write anything").toBeGreaterThan(0);
      console.log(`crash consistency: ${JSON.stringify(tally)}`);
    } finally {
      next.child.kill("SIGKILL");
      await next.exited;
      await cleanup();
    }
  });
}
