/**
 * Two real processes writing to one data directory: the lock makes the second wait and then
 * succeed, or give up naming the holder's pid when its wait (--wait-ms) runs out; a lock left by
 * a SIGKILLed writer is cleared with a message. Children are tests/helpers/write-loop.ts.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readManifest } from "../../loaders/store/manifest.ts";
import { verifyStore } from "../../loaders/store/verify.ts";
import { acknowledged, spawnWriter, type Writer } from "../helpers/child.ts";
import { snapshotTree, tempDir } from "../helpers/temp-dir.ts";

let dir: string;
let cleanup: () => Promise<void>;
const writers: Writer[] = [];
const writer = (args: string[]) => {
  const w = spawnWriter(["--dir", dir, ...args]);
  writers.push(w);
  return w;
};

beforeEach(async () => {
  const temp = await tempDir("tracker-concurrency-");
  dir = join(temp.path, "data");
  cleanup = temp.cleanup;
});
afterEach(async () => {
  for (const w of writers.splice(0)) {
    w.child.kill("SIGKILL");
    await w.exited;
  }
  await cleanup();
});

async function expectAllListed(ws: Writer[]): Promise<void> {
  const manifest = await readManifest(dir);
  for (const w of ws) {
    for (const ack of acknowledged(w)) {
      const resource = manifest.resources.find((r) => r.path === ack.path);
      expect(resource, ack.path).toBeDefined();
      if (ack.status === "unchanged") expect(resource!.confirmed).toContain(ack.at);
    }
  }
  const report = await verifyStore(dir);
  expect(report.problems).toEqual([]);
  expect(report.notices).toEqual([]);
}

describe("two writer processes on one data directory", { timeout: 120_000 }, () => {
  it("the second waits for the first to close, then succeeds", async () => {
    const first = writer(["--mode", "session", "--hold", "stdin", "--count", "3", "--start", "2025-01-01T00:00:00Z", "--scope-prefix", "first"]);
    await first.waitFor(/^opened /);
    const second = writer(["--mode", "session", "--count", "3", "--wait-ms", "60000", "--start", "2025-02-01T00:00:00Z", "--scope-prefix", "second"]);
    // Once the second is trying to open (and finds the lock taken), let the first write and close.
    await second.waitFor(/^opening$/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(second.lines.map((l) => l.text)).not.toContain(`opened ${second.pid}`);
    first.child.stdin!.write("go\n");
    const [a, b] = await Promise.all([first.exited, second.exited]);
    expect(a.code, first.stderr()).toBe(0);
    expect(b.code, second.stderr()).toBe(0);
    const firstClosed = (await first.waitFor(/^closed$/)).at;
    const secondOpened = (await second.waitFor(/^opened /)).at;
    expect(secondOpened).toBeGreaterThanOrEqual(firstClosed);
    expect(acknowledged(first)).toHaveLength(3);
    expect(acknowledged(second)).toHaveLength(3);
    await expectAllListed([first, second]);
  });

  it("both finish when they contend for the lock on every write", async () => {
    const args = ["--mode", "each", "--count", "12", "--wait-ms", "60000"];
    const a = writer([...args, "--start", "2025-01-01T00:00:00Z", "--seed", "1", "--scope-prefix", "a"]);
    const b = writer([...args, "--start", "2025-03-01T00:00:00Z", "--seed", "2", "--scope-prefix", "b"]);
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(ea.code, a.stderr()).toBe(0);
    expect(eb.code, b.stderr()).toBe(0);
    expect(acknowledged(a)).toHaveLength(12);
    expect(acknowledged(b)).toHaveLength(12);
    await expectAllListed([a, b]);
  });

  it("the second gives up when its wait runs out, naming the holder's pid, and changes nothing", async () => {
    const holder = writer(["--mode", "session", "--hold", "stdin", "--count", "1", "--scope-prefix", "holder"]);
    await holder.waitFor(/^opened /);
    const before = await snapshotTree(dir);
    const late = writer(["--mode", "session", "--count", "1", "--wait-ms", "300", "--scope-prefix", "late"]);
    const exit = await late.exited;
    expect(exit.code).toBe(2);
    expect(late.stderr()).toMatch(new RegExp(`^error .*${dir.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&")} is locked by process ${holder.pid}\\b`, "m"));
    expect(late.stderr()).toMatch(/Wait for it to finish/);
    expect(await snapshotTree(dir)).toEqual(before);
    holder.child.stdin!.write("go\n");
    expect((await holder.exited).code, holder.stderr()).toBe(0);
    await expectAllListed([holder]);
  });

  it("a lock left by a SIGKILLed writer is cleared with a message naming it", async () => {
    const victim = writer(["--mode", "session", "--hold", "stdin", "--scope-prefix", "victim"]);
    await victim.waitFor(/^opened /);
    victim.child.kill("SIGKILL");
    await victim.exited;
    const next = writer(["--mode", "session", "--count", "2", "--wait-ms", "5000", "--scope-prefix", "next"]);
    const exit = await next.exited;
    expect(exit.code, next.stderr()).toBe(0);
    expect(next.stderr()).toMatch(new RegExp(`^log Removed a stale lock .*: process ${victim.pid} .* is no longer running`, "m"));
    expect(acknowledged(next)).toHaveLength(2);
    await expectAllListed([next]);
  });
});
