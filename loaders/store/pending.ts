/** The write journal: names the one snapshot being committed, so an interrupted commit can be finished. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Resource } from "./manifest.ts";

export const PENDING_FILE = ".pending.json";

export async function readPending(dataDir: string): Promise<Resource | undefined> {
  const text = await readFile(join(dataDir, PENDING_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return (JSON.parse(text) as { resource: Resource }).resource;
  } catch {
    // The journal is replaced atomically, so this is damage from outside; nothing to finish.
    return undefined;
  }
}
