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

/**
 * A parameterized loader's route parameter, `--<name>=<value>` as Framework passes it, when it is
 * one of `values`; otherwise prints what was expected (`expected`, e.g. "a two-digit hex shard, 00
 * to ff") and exits.
 */
export function routeParam(name: string, values: readonly string[], expected: string): string {
  const value = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? "";
  if (!values.includes(value)) {
    console.error(`data loader: expected --${name}=<${expected}>, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return value;
}
