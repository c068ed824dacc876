/**
 * `npm run update`: what an editor runs. Refresh every configured source, verify the store, build
 * the site from what is stored. A failing source does not stop the build; the exit code and the
 * last line still say which part failed. Arguments go to refresh (e.g. `-- --source apple-charts`).
 */
import { spawnSync } from "node:child_process";
import { PROJECT_ROOT } from "../loaders/config.ts";

function step(name: string, script: string, args: string[] = []): boolean {
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: PROJECT_ROOT, stdio: "inherit", env: process.env });
  return result.status === 0;
}

const failed = [
  !step("refresh", "bin/refresh.ts", process.argv.slice(2)) && "refresh (the summary above names the failed sources)",
  !step("data:verify", "bin/verify.ts") && "data:verify",
  !step("build", "bin/build.ts") && "build",
].filter((f): f is string => typeof f === "string");

if (failed.length > 0) {
  console.error(`update: failed: ${failed.join("; ")}.`);
  process.exit(1);
}
console.log("update: refreshed, verified and built.");
