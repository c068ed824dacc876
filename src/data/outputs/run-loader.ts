/**
 * A Framework data loader's body: writes one SiteFile to stdout from TRACKER_DATA_DIR's store. A
 * failure prints its one-line reason and exits non-zero, which fails the build with that message.
 */
import { resolveDataDir } from "../../../loaders/config.ts";
import type { SiteFile, Sink } from "./site-file.ts";
import { openSiteStore } from "./site-store.ts";

const stdout: Sink = {
  write: (chunk) => new Promise((resolve, reject) => process.stdout.write(chunk, (error) => (error ? reject(error) : resolve()))),
};

export async function runLoader(file: SiteFile): Promise<void> {
  try {
    await file.write(openSiteStore(resolveDataDir()), stdout);
  } catch (error) {
    console.error(`${file.path}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
