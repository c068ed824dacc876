/** The write journal: names the snapshot(s) being committed, so an interrupted commit can be finished. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Resource } from "./manifest.ts";

export const PENDING_FILE = ".pending.json";

/**
 * Every snapshot the journal names: one for `write` (`{"resource": ...}`), the whole batch for
 * `writeMany` (`{"resources": [...]}`). Empty when there is no journal.
 */
export async function readPendingResources(dataDir: string): Promise<Resource[]> {
  const text = await readFile(join(dataDir, PENDING_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return [];
  try {
    const parsed = JSON.parse(text) as { resource?: Resource; resources?: Resource[] };
    if (Array.isArray(parsed.resources)) return parsed.resources;
    return parsed.resource ? [parsed.resource] : [];
  } catch {
    // The journal is replaced atomically, so this is damage from outside; nothing to finish.
    return [];
  }
}

/** The first snapshot the journal names (the only one, for a single write). */
export async function readPending(dataDir: string): Promise<Resource | undefined> {
  return (await readPendingResources(dataDir))[0];
}
