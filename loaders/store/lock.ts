/**
 * An exclusive lock on a data directory, so two writers never interleave. The lock file names its
 * holder; a lock whose process is gone (crash, SIGKILL) is cleared with a message.
 */
import { hostname } from "node:os";
import { open, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { explainFsError } from "./errors.ts";

export const LOCK_FILE = ".lock";

interface Holder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class LockedError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as Partial<Holder>;
    return typeof parsed.pid === "number" ? (parsed as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/** A lock file with no readable holder is a writer killed between creating and filling it. */
const UNREADABLE_GRACE_MS = 2000;

async function clearIfStale(path: string, log: (message: string) => void): Promise<Holder | undefined> {
  const holder = await readHolder(path);
  if (holder === undefined) {
    const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age < UNREADABLE_GRACE_MS) return { pid: 0, host: hostname(), command: "(starting)", since: "" };
    await rm(path, { force: true });
    log(`Removed an unreadable lock file ${path} left by an interrupted writer.`);
    return undefined;
  }
  if (holder.host === hostname() && !isAlive(holder.pid)) {
    await rm(path, { force: true });
    log(`Removed a stale lock ${path}: process ${holder.pid} (${holder.command}, since ${holder.since}) is no longer running.`);
    return undefined;
  }
  return holder;
}

export interface LockOptions {
  /** How long to wait for another writer before giving up. */
  waitMs?: number;
  log?: (message: string) => void;
}

export async function acquireLock(dataDir: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  const log = options.log ?? ((m: string) => console.error(m));
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  const me: Holder = { pid: process.pid, host: hostname(), command: process.argv.slice(1).join(" "), since: new Date().toISOString() };
  for (;;) {
    let handle;
    try {
      handle = await open(path, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw explainFsError(error, dataDir, "creating its lock file");
    }
    if (handle !== undefined) {
      try {
        await handle.writeFile(JSON.stringify(me));
        await handle.sync();
      } catch (error) {
        // A full disk: do not leave an empty lock file that makes the next run wait.
        await handle.close().catch(() => {});
        await rm(path, { force: true });
        throw explainFsError(error, dataDir, "writing its lock file");
      }
      await handle.close();
      return async () => {
        await rm(path, { force: true });
      };
    }
    const holder = await clearIfStale(path, log);
    if (holder === undefined) continue;
    if (Date.now() >= deadline) {
      throw new LockedError(
        `${dataDir} is locked by process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.since}). ` +
          `Wait for it to finish; if that process is gone, delete ${path}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
