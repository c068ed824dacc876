/**
 * Vitest globalSetup of the site tests: builds the site once per run, with the real
 * `node --import tsx bin/build.ts`, what `npm run build` runs (cache cleared, `observable build`, CDN check), into a fresh temporary
 * directory, and hands that directory to the tests as `inject("siteDir")`.
 *
 * Where the machine allows it the build runs in an empty network namespace (`unshare -n`, or
 * `unshare -rn` without root), so a passing run proves the build needs no network. Elsewhere it runs
 * normally and says that offline could not be enforced. A failed build fails the run and shows the
 * build's own output. TRACKER_KEEP_SITE=1 keeps the directory for a look afterwards.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute path of the site built for this run (contains index.html). */
    siteDir: string;
  }
}

export const BUILD_CANARIES = { TIKTOK_CLIENT_KEY: "canary-key-7f3a91", TIKTOK_CLIENT_SECRET: "canary-secret-c0ffee42" };

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** A build that takes longer than this is stuck (it takes seconds); kill it and show what it printed. */
const BUILD_TIMEOUT_MS = 5 * 60_000;
/** How much of the build's output to put in the error: the end is where the reason is. */
const MAX_OUTPUT_CHARS = 20_000;

/** The `unshare` arguments that give a child no network on this machine, or undefined. */
function offlinePrefix(): string[] | undefined {
  for (const flags of [["-n"], ["-r", "-n"]]) {
    const probe = spawnSync("unshare", [...flags, "true"], { stdio: "ignore", timeout: 10_000 });
    if (probe.status === 0) return ["unshare", ...flags];
  }
  return undefined;
}

function run(command: string[], env: NodeJS.ProcessEnv): Promise<{ status: string; ok: boolean; output: string }> {
  const [file, ...args] = command as [string, ...string[]];
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    const child = spawn(file, args, { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_TIMEOUT_MS);
    const finish = (status: string, ok: boolean): void => {
      clearTimeout(timer);
      done({ status, ok, output: Buffer.concat(chunks).toString("utf8") });
    };
    child.on("error", (error) => finish(`could not start: ${error.message}`, false));
    child.on("close", (code, signal) =>
      finish(signal === "SIGKILL" ? `killed after ${BUILD_TIMEOUT_MS / 1000} s` : `exit ${code ?? signal}`, code === 0),
    );
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tmp = await mkdtemp(join(tmpdir(), "rednote-site-"));
  const siteDir = join(tmp, "dist");
  const offline = offlinePrefix();
  const command = [...(offline ?? []), process.execPath, "--import", "tsx", "bin/build.ts"];
  // Canary credentials: the build must never copy a secret from its environment into the site
  // (tests/site/build.test.ts searches every built file for them).
  const env = { ...process.env, ...BUILD_CANARIES, TRACKER_OUTPUT_DIR: siteDir, OBSERVABLE_TELEMETRY_DISABLE: "1", NO_UPDATE_NOTIFIER: "1" };

  const started = performance.now();
  const result = await run(command, env);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  if (!result.ok || !existsSync(join(siteDir, "index.html"))) {
    await rm(tmp, { recursive: true, force: true });
    const output = result.output.length > MAX_OUTPUT_CHARS ? `…\n${result.output.slice(-MAX_OUTPUT_CHARS)}` : result.output;
    const why = result.ok ? "it exited 0 but wrote no index.html" : result.status;
    throw new Error(
      `site build failed (${why}) after ${seconds} s: \`${command.join(" ")}\`` +
        (offline ? " ran without network; a build that reaches the internet fails here." : "") +
        `\n----- build output -----\n${output.trimEnd()}\n----- end of build output -----`,
    );
  }

  console.log(
    `[site] built in ${seconds} s → ${siteDir}; ` +
      (offline
        ? `offline enforced (${offline.join(" ")})`
        : "offline NOT enforced: `unshare -n` is not permitted on this machine, the build ran with network"),
  );
  project.provide("siteDir", siteDir);

  return async () => {
    if (process.env.TRACKER_KEEP_SITE) console.log(`[site] kept ${siteDir}`);
    else await rm(tmp, { recursive: true, force: true });
  };
}
