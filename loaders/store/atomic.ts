/**
 * Crash-safe file replacement: write a temp file in the same directory tree, fsync it, rename it
 * over the target, fsync the directory. A reader sees the old bytes or the new, never a mix.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { explainFsError } from "./errors.ts";

export const TEMP_DIR = ".tmp";

/** Makes renames into `dir` durable. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes bytes to a fresh temp file under `<root>/.tmp/` and fsyncs it; returns its path. */
export async function writeTemp(root: string, name: string, content: string | Uint8Array): Promise<string> {
  try {
    return await writeTempFile(root, name, content);
  } catch (error) {
    throw explainFsError(error, root, `writing ${name}`);
  }
}

async function writeTempFile(root: string, name: string, content: string | Uint8Array): Promise<string> {
  const dir = join(root, TEMP_DIR);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${basename(name)}.${process.pid}.${randomBytes(6).toString("hex")}`);
  const handle = await open(path, "wx");
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
  return path;
}

/** Moves a synced temp file into place and makes the rename itself durable. */
export async function commitTemp(tempPath: string, target: string): Promise<void> {
  try {
    await mkdir(dirname(target), { recursive: true });
    await rename(tempPath, target);
    await fsyncDirectory(dirname(target));
  } catch (error) {
    // The temp file lives in <root>/.tmp/, so its grandparent is the data directory.
    const root = dirname(dirname(tempPath));
    throw explainFsError(error, root, `moving ${relative(root, target)} into place`);
  }
}

export async function writeFileAtomic(root: string, target: string, content: string | Uint8Array): Promise<void> {
  const temp = await writeTemp(root, basename(target), content);
  try {
    await commitTemp(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
