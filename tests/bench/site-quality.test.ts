/**
 * The bench's built-site measures (#15) on a tiny fake site: layout shift summed in Chromium at
 * every width and scheme, the gzip the static server sends, how a Lighthouse report is read and
 * how score rows are judged. Lighthouse itself is not run here (the bench installs it on first use,
 * a download); its report is read from a fixture of the same shape. No timing is asserted.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLS_VIEWPORTS, COLOR_SCHEMES, measureLayoutShift } from "../../bench/layout-shift.ts";
import { readLighthouseReport } from "../../bench/lighthouse.ts";
import { checkAtLeast } from "../../bench/run.ts";
import { browserAvailable } from "../helpers/browser.ts";
import { serveStatic } from "../helpers/static-server.ts";
import { tempDir } from "../helpers/temp-dir.ts";

let site: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  let dir: string;
  ({ path: dir, cleanup } = await tempDir("tracker-bench-quality-"));
  site = join(dir, "site");
  await mkdir(site, { recursive: true });
  // A block pushed in above the text after load shifts it; in the dark scheme the block is taller.
  await writeFile(
    join(site, "shift.js"),
    'addEventListener("load", () => setTimeout(() => { const d = document.createElement("div"); d.style.height = matchMedia("(prefers-color-scheme: dark)").matches ? "300px" : "100px"; document.body.prepend(d); }, 50));\n',
  );
  await writeFile(join(site, "shifting.html"), '<!doctype html><title>shift</title><script src="/shift.js"></script><div id="moved" style="height: 400px; background: #ccc"></div>\n');
  await writeFile(join(site, "still.html"), "<!doctype html><title>still</title><p>" + "text ".repeat(400) + "</p>\n");
});
afterAll(async () => cleanup());

describe("bench site measures", () => {
  it.skipIf(!browserAvailable)("sums layout shifts at every width and scheme, names the worst and what moved, and reports a page that does not load", async () => {
    const [shifting, still, absent] = await measureLayoutShift(site, ["/shifting", "/still", "/absent"], { settleMs: 300 });
    expect(shifting!.runs).toHaveLength(CLS_VIEWPORTS.length * COLOR_SCHEMES.length);
    for (const run of shifting!.runs) expect(run.cls, `${run.width} ${run.scheme}`).toBeGreaterThan(0);
    expect(shifting!.worst).toMatchObject({ scheme: "dark", moved: ["div#moved"] });
    expect(Math.max(...shifting!.runs.map((r) => r.cls))).toBe(shifting!.worst!.cls);
    expect(still).toMatchObject({ error: null, worst: { cls: 0, shifts: 0 } });
    expect(absent).toMatchObject({ worst: null, error: expect.stringMatching(/404/) });
  });

  it("serves text gzipped when asked to and the client accepts it", async () => {
    const plain = await serveStatic(site);
    const gzip = await serveStatic(site, { gzip: true });
    const get = (base: string, path: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((done, fail) => {
        request(`${base}${path}`, { headers: { "accept-encoding": "gzip, br" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => done({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
        })
          .on("error", fail)
          .end();
      });
    try {
      const zipped = await get(gzip.url, "/still");
      expect(zipped.encoding).toBe("gzip");
      expect(gunzipSync(zipped.body).toString()).toContain("<title>still</title>");
      expect((await get(plain.url, "/still")).encoding).toBeUndefined();
    } finally {
      await Promise.all([plain.close(), gzip.close()]);
    }
  });

  it("reads scores, CLS, LCP, lost points and other-host requests from a Lighthouse report", () => {
    const scores = readLighthouseReport({
      categories: {
        performance: { score: 0.91, auditRefs: [{ id: "largest-contentful-paint", weight: 25 }, { id: "cumulative-layout-shift", weight: 25 }, { id: "diagnostics", weight: 0 }] },
        accessibility: { score: 0.96, auditRefs: [{ id: "color-contrast", weight: 7 }, { id: "image-alt", weight: 10 }] },
        "best-practices": { score: 1, auditRefs: [] },
      },
      audits: {
        "largest-contentful-paint": { score: 0.8, numericValue: 2400.5 },
        "cumulative-layout-shift": { score: 0.5, numericValue: 0.12 },
        diagnostics: { score: 0 },
        "color-contrast": { score: 0 },
        "image-alt": { score: null },
        "network-requests": { score: null, details: { items: [{ url: "http://127.0.0.1:4000/" }, { url: "data:image/svg+xml,x" }, { url: "https://fonts.example.com/a.woff2" }] } },
      },
      runWarnings: ["slow"],
    });
    expect(scores).toEqual({
      performance: 0.91,
      accessibility: 0.96,
      best_practices: 1,
      cls: 0.12,
      lcp_ms: 2400.5,
      losses: { performance: ["cumulative-layout-shift 0.5", "largest-contentful-paint 0.8"], accessibility: ["color-contrast 0"], best_practices: [] },
      external: ["https://fonts.example.com/a.woff2"],
      warnings: ["slow"],
    });
    expect(() => readLighthouseReport({ categories: {}, audits: {}, runtimeError: { code: "NO_FCP", message: "no paint" } })).toThrow(/NO_FCP/);
  });

  it("judges scores that must reach a target", () => {
    const rows = [checkAtLeast("perf", 0.94, 0.95), checkAtLeast("perf", 0.95, 0.95), checkAtLeast("a11y", 1, 1, "ok", "="), checkAtLeast("a11y", null, 1)];
    expect(rows.map((r) => [r.target, r.result])).toEqual([
      ["≥ 0.95", "FAIL"],
      ["≥ 0.95", "pass"],
      ["= 1", "pass"],
      ["≥ 1", "n/a"],
    ]);
  });
});
