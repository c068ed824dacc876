/** The real build (`npm run build`'s command) on another data directory, for tests that need a site built from their own data. */
import { spawnSync } from "node:child_process";
import { PROJECT_ROOT } from "../../loaders/config.ts";

/** Builds from `dataDir` into `output`; throws with the build's own output when it fails. */
export function buildSiteFrom(dataDir: string, output: string, env: Record<string, string> = {}): void {
  const build = spawnSync(process.execPath, ["--import", "tsx", "bin/build.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, TRACKER_DATA_DIR: dataDir, TRACKER_OUTPUT_DIR: output, OBSERVABLE_TELEMETRY_DISABLE: "1" },
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`the build from ${dataDir} failed:\n${build.stdout}\n${build.stderr}`);
}
