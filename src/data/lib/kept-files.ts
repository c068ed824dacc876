/**
 * Files kept between builds in one folder of the cache, each named for what it is made of (a
 * sha256), so an entry is never stale, only unused. Each is written under a temp name and renamed
 * into place: a reader finds a whole file or none. Entries a build did not use that are older than
 * a day are removed (another build may be using newer ones).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const STALE_MS = 24 * 3_600_000;

/** Writes `target` through `write(temp)` and renames the temp file over it; the temp file never stays. */
export async function replaceFile<T>(target: string, write: (temp: string) => T | Promise<T>): Promise<T> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const result = await write(temp);
    renameSync(temp, target);
    return result;
  } finally {
    rmSync(temp, { force: true });
  }
}

export interface KeptFiles {
  /** The path of entry `name`, which this build uses (whether it is kept yet or not). */
  use(name: string): string;
  /** Writes entry `name` through `write(temp)`. */
  put(name: string, write: (temp: string) => unknown): Promise<void>;
  /** Best effort: an entry another build is writing or removing at the same time is left to it. */
  prune(): void;
}

export function openKeptFiles(dir: string): KeptFiles {
  const used = new Set<string>();
  const use = (name: string) => (used.add(name), join(dir, name));
  return {
    use,
    async put(name, write) {
      mkdirSync(dir, { recursive: true });
      await replaceFile(use(name), write);
    },
    prune() {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      const now = Date.now();
      for (const name of names) {
        if (used.has(name)) continue;
        try {
          const path = join(dir, name);
          if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
        } catch {
          // Gone already.
        }
      }
    },
  };
}
