/**
 * The GitHub Actions workflows, read as data: the scheduled refresh-and-publish job graph, its
 * permissions and guards, that every command they run exists here (npm scripts, .ci/run,
 * refresh's flags), and that both install the CJK font the static images draw Chinese with. GitHub runs them; these checks catch a renamed script or a broken graph first.
 */
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../loaders/config.ts";
import { parseRefreshArgs } from "../../loaders/refresh-args.ts";
import { TEMP_DIR } from "../../loaders/store/atomic.ts";
import { LOCK_FILE } from "../../loaders/store/lock.ts";
import { PENDING_FILE } from "../../loaders/store/pending.ts";
import { CJK_FONT_FILE } from "../../scripts/embed-images.ts";

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  "runs-on": string;
  container?: string | { image: string };
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  environment?: string | { name: string; url?: string };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const read = (name: string) => parse(readFileSync(join(PROJECT_ROOT, ".github/workflows", name), "utf8")) as Workflow;
const refresh = read("refresh.yml");
const test = read("test.yml");
const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; engines: { node: string } };
const scripts = pkg.scripts;

const needs = (job: Job) => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);
const runs = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ? [s.run] : [])));
const stepIndex = (job: Job, match: (s: Step) => boolean) => {
  const i = job.steps.findIndex(match);
  expect(i, "step not found").toBeGreaterThanOrEqual(0);
  return i;
};

describe("refresh.yml", () => {
  const jobs = refresh.jobs;
  const r = jobs.refresh!;
  const refreshStep = r.steps.find((s) => s.run?.includes("npm run refresh"))!;

  it("runs every 6 hours and on demand, never two at once", () => {
    const schedule = refresh.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    const [minute, hour, dom, month, dow] = schedule[0]!.cron.split(/\s+/);
    expect(minute).toMatch(/^\d{1,2}$/);
    expect(hour).toBe("*/6");
    expect([dom, month, dow]).toEqual(["*", "*", "*"]);
    expect(Object.keys(refresh.on)).toContain("workflow_dispatch");
    expect(refresh.concurrency).toEqual({ group: "refresh-and-publish", "cancel-in-progress": false });
    expect(refresh.env?.OBSERVABLE_TELEMETRY_DISABLE).toBe("1");
  });

  it("has the job graph refresh -> build -> deploy, deploy in the github-pages environment", () => {
    expect(Object.keys(jobs).sort()).toEqual(["build", "deploy", "refresh"]);
    expect(needs(jobs.build!)).toEqual(["refresh"]);
    expect(needs(jobs.deploy!).sort()).toEqual(["build", "refresh"]);
    const env = jobs.deploy!.environment;
    expect(typeof env === "string" ? env : env?.name).toBe("github-pages");
    // Build and deploy still run when refresh failed only at its last step (a failed source)...
    expect(jobs.build!.if).toMatch(/!cancelled\(\)/);
    expect(jobs.build!.if).toContain("needs.refresh.outputs.commit != ''");
    expect(jobs.deploy!.if).toContain("needs.build.result == 'success'");
    // ...and build exactly the commit that refresh verified and pushed.
    expect(r.outputs?.commit).toBe("${{ steps.commit.outputs.sha }}");
    expect(jobs.build!.steps.find((s) => s.uses?.startsWith("actions/checkout@"))?.with?.ref).toBe("${{ needs.refresh.outputs.commit }}");
    for (const job of Object.values(jobs)) expect(job["runs-on"]).toBe("ubuntu-latest");
  });

  it("grants each job only what it needs", () => {
    expect(refresh.permissions).toEqual({ contents: "read" });
    expect(r.permissions).toEqual({ contents: "write" });
    expect(jobs.build!.permissions).toEqual({ contents: "read" });
    expect(jobs.deploy!.permissions).toMatchObject({ pages: "write", "id-token": "write" });
    expect(jobs.deploy!.permissions?.contents).toBeUndefined();
  });

  it("installs with npm ci on Node 24 with the npm cache, builds and uploads dist, deploys with deploy-pages", () => {
    for (const job of [r, jobs.build!]) {
      const node = job.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
      expect(node?.with).toMatchObject({ "node-version": 24, cache: "npm" });
      expect(job.steps.some((s) => /^npm ci\b/.test(s.run ?? ""))).toBe(true);
    }
    const b = jobs.build!;
    expect(stepIndex(b, (s) => s.run === "npm run build")).toBeLessThan(stepIndex(b, (s) => s.uses?.startsWith("actions/upload-pages-artifact@") === true));
    expect(b.steps.some((s) => s.uses?.startsWith("actions/configure-pages@"))).toBe(true);
    expect(b.steps.find((s) => s.uses?.startsWith("actions/upload-pages-artifact@"))?.with?.path).toBe("dist");
    expect(jobs.deploy!.steps.map((s) => s.uses)).toEqual([expect.stringMatching(/^actions\/deploy-pages@/)]);
  });

  it("builds with the chart folds of earlier runs restored, so a build reads only the months that changed", () => {
    const b = jobs.build!;
    const iCache = stepIndex(b, (s) => s.uses?.startsWith("actions/cache@") === true);
    const iBuild = stepIndex(b, (s) => s.run === "npm run build");
    expect(iCache).toBeLessThan(iBuild);
    const cache = b.steps[iCache]!.with!;
    expect(b.steps[iBuild]!.env?.TRACKER_CACHE_DIR).toBe(cache.path);
    expect(String(cache["restore-keys"])).toBe(String(cache.key).replace("${{ github.run_id }}", ""));
  });

  it("installs fonts-noto-cjk before the build when its font file is missing, so the images draw Chinese", () => {
    const b = jobs.build!;
    const iFont = stepIndex(b, (s) => /apt-get install -y[^\n]* fonts-noto-cjk$/m.test(s.run ?? ""));
    expect(iFont).toBeLessThan(stepIndex(b, (s) => s.run === "npm run build"));
    expect(b.steps[iFont]!.run).toContain(`if [ ! -f ${CJK_FONT_FILE} ]; then`);
  });

  it("refreshes, summarises even on failure, verifies, commits what succeeded, then fails visibly", () => {
    const iRefresh = r.steps.indexOf(refreshStep);
    const iSummary = stepIndex(r, (s) => s.run?.includes("$GITHUB_STEP_SUMMARY") === true && s.run.includes("refresh.md"));
    const iVerify = stepIndex(r, (s) => s.run === "npm run data:verify");
    const iCommit = stepIndex(r, (s) => s.run?.includes("git commit") === true);
    const iFail = r.steps.length - 1;
    expect([iRefresh, iSummary, iVerify, iCommit, iFail]).toEqual([...[iRefresh, iSummary, iVerify, iCommit, iFail]].sort((a, b) => a - b));
    expect(new Set([iRefresh, iSummary, iVerify, iCommit, iFail]).size).toBe(5);

    // The exit code is kept, not raised in the step...
    expect(refreshStep.id).toBe("refresh");
    expect(refreshStep.run).toContain('--summary-md "$RUNNER_TEMP/refresh.md"');
    expect(refreshStep.run).toMatch(/set \+e/);
    expect(refreshStep.run).toContain('echo "exit_code=$code" >> "$GITHUB_OUTPUT"');
    // ...the summary is appended whatever happened...
    expect(r.steps[iSummary]!.if).toBe("always()");
    // ...the commit runs after a failure too, but only on a store that verified...
    const commit = r.steps[iCommit]!;
    expect(r.steps[iVerify]!.id).toBe("verify");
    expect(commit.if).toMatch(/always\(\)/);
    expect(commit.if).toContain("steps.verify.outcome == 'success'");
    expect(commit.run).toContain('if [ -n "$(git status --porcelain data/)" ]');
    // Never a lock, journal or temp file: a committed lock would block every later run.
    expect(commit.run).toContain(`find data/${LOCK_FILE} data/${PENDING_FILE} data/${TEMP_DIR} -type f`);
    expect(commit.run).toMatch(/if \[ -n "\$leftovers" \]; then\n[^\n]*\n\s*exit 1/);
    expect(commit.run!.indexOf("leftovers=")).toBeLessThan(commit.run!.indexOf("git add"));
    expect(commit.run).toContain('git config user.name "github-actions[bot]"');
    expect(commit.run).toContain('git config user.email "41898282+github-actions[bot]@users.noreply.github.com"');
    expect(commit.run).toContain("git add data/");
    expect(commit.run).not.toMatch(/git add (-A|--all|\.)/);
    expect(commit.run).toContain("git push");
    expect(commit.id).toBe("commit");
    // ...and the last step fails the job when refresh did not exit 0.
    const fail = r.steps[iFail]!;
    expect(fail.if).toMatch(/always\(\)/);
    expect(fail.if).toContain("steps.refresh.outputs.exit_code != '0'");
    expect(fail.run).toMatch(/exit 1\s*$/);
  });

  it("hands the credentials to the refresh step only", () => {
    expect(refreshStep.env).toEqual({
      TIKTOK_CLIENT_KEY: "${{ secrets.TIKTOK_CLIENT_KEY }}",
      TIKTOK_CLIENT_SECRET: "${{ secrets.TIKTOK_CLIENT_SECRET }}",
      TRACKER_CONTACT: expect.stringMatching(/vars\.TRACKER_CONTACT/),
    });
    const text = JSON.stringify({ ...refresh, jobs: { ...jobs, refresh: { ...r, steps: r.steps.filter((s) => s !== refreshStep) } } });
    expect(text).not.toMatch(/secrets\.|TIKTOK_/);
  });

  it("passes refresh only flags that refresh accepts", () => {
    const args = /npm run refresh -- (.*)$/m.exec(refreshStep.run!)![1]!.replaceAll('"$RUNNER_TEMP/refresh.md"', "/tmp/refresh.md").split(/\s+/);
    expect(parseRefreshArgs(args, {}).summaryMd).toBe("/tmp/refresh.md");
  });
});

describe("test.yml", () => {
  const job = Object.values(test.jobs)[0]!;

  it("runs on every push and pull request, in Debian bookworm with Node 24, through .ci/run", () => {
    expect(Object.keys(test.on).sort()).toEqual(["pull_request", "push"]);
    expect(Object.keys(test.jobs)).toHaveLength(1);
    const image = typeof job.container === "string" ? job.container : job.container?.image;
    expect(image).toBe("node:24-bookworm");
    expect(job.steps.map((s) => s.run).filter(Boolean)).toEqual(["bash .ci/run"]);
    expect(job.env?.OBSERVABLE_TELEMETRY_DISABLE).toBe("1");
    expect(test.permissions).toEqual({ contents: "read" });
  });

  it("tests and publishes on the Node that package.json's engines names, a supported LTS", () => {
    const image = typeof job.container === "string" ? job.container : job.container?.image;
    const published = Object.values(refresh.jobs).flatMap((j) => j.steps.filter((s) => s.uses?.startsWith("actions/setup-node@")).map((s) => s.with?.["node-version"]));
    expect(new Set([image?.match(/^node:(\d+)-/)?.[1], ...published.map(String)])).toEqual(new Set(["24"]));
    expect(pkg.engines.node).toBe(">=24");
  });

  it(".ci/run installs Debian's chromium and fonts-noto-cjk, each when missing, and runs the README's test command", () => {
    const ci = readFileSync(join(PROJECT_ROOT, ".ci/run"), "utf8");
    expect(ci).toMatch(/apt-get install -y[^\n]* "\$\{packages\[@\]\}"/);
    expect(ci.split("\n")).toEqual(expect.arrayContaining(["[ -x /usr/bin/chromium ] || packages+=(chromium)", `[ -f ${CJK_FONT_FILE} ] || packages+=(fonts-noto-cjk)`]));
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    const readmeTest = /^(npm test)\b/m.exec(readme.split("```sh")[1] ?? "")?.[1];
    expect(readmeTest).toBe("npm test");
    expect(ci.split("\n")).toContain(readmeTest);
  });
});

describe("both workflows", () => {
  const all = [...runs(refresh), ...runs(test)];

  it("run only npm scripts that package.json defines and scripts that exist", () => {
    const named = all.flatMap((run) => [...run.matchAll(/\bnpm run ([\w:.-]+)/g)].map((m) => m[1]!));
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(scripts, `npm run ${name}`).toHaveProperty([name]);
    if (all.some((run) => /\bnpm (test|t)\b/.test(run))) expect(scripts).toHaveProperty(["test"]);
    const files = all.flatMap((run) => [...run.matchAll(/\bbash ([\w./-]+)/g)].map((m) => m[1]!));
    expect(files).toEqual([".ci/run"]);
    for (const file of files) {
      expect(existsSync(join(PROJECT_ROOT, file)), file).toBe(true);
      accessSync(join(PROJECT_ROOT, file), constants.R_OK);
    }
  });

  it("pin every action to a major version or a commit", () => {
    const uses = [refresh, test].flatMap((wf) => Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : []))));
    expect(uses.length).toBeGreaterThan(5);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})$/);
  });
});
