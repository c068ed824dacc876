/**
 * The Data page in Chromium, served from 127.0.0.1 as a static host would: at phone, tablet and
 * desktop widths every dataset of loaders/schema.ts is listed with its rows, sha256, columns and
 * versions, and every download link answers 200 with what the page says it is (each CSV parses to
 * its stated row count, each file has its stated size and sha256, datapackage.json parses and lists
 * every download; the versions are the store's).
 * Screenshots: test-results/screenshots/data-<width>.png.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, inject, it } from "vitest";
import { DATASETS, type DatasetName } from "../../loaders/schema.ts";
import { columns } from "../../loaders/table-schema.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { VERSION_LIMIT } from "../../src/data/derive/store-summary.ts";
import { axe, describeBrowser, openPage } from "../helpers/browser.ts";
import { FRAMEWORK_CHROME, horizontalOverflow, AXE_VIEWS } from "../helpers/site-page.ts";
import { SCREENSHOTS, useSite, WIDTHS } from "../helpers/site-session.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

interface ShownDataset {
  id: string;
  title: string;
  rows: number;
  rowsText: string;
  hashes: string[];
  versions: number;
  versionsSummary: string;
  columns: number;
  downloads: { href: string; file: string; format: string; rows: number; bytes: number; sha256: string }[];
  citation: string | null;
}

describe("data page source", () => {
  it("links every download by a local <a download>, which Framework copies and points at the copy", async () => {
    const page = await readFile(join(ROOT, "src/pages/data.ts"), "utf8");
    expect(page).toContain("href: (path) => `./${path}`");
    const built = await readFile(join(inject("siteDir"), "data.html"), "utf8");
    const links = [...built.matchAll(/download="rednote-tracker-([a-z_0-9-]+)\.(csv|parquet)" href="([^"]*)"/g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, name, format, href] of links) expect(href).toMatch(new RegExp(`^\\./_file/data/${format}/${name}\\.[0-9a-f]{8}\\.${format}$`));
  });
});

describeBrowser("data page in Chromium", () => {
  const site = useSite();

  const get = async (href: string) => {
    const response = await fetch(href);
    return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
  };

  it.each(WIDTHS)("at %i px: lists every dataset with rows, sha256, versions, and downloads that are what they say", async (width) => {
    const opened = await openPage(site.browser, `${site.url}/data`, { width });
    try {
      const { page } = opened;
      await page.waitForSelector("section.dataset", { timeout: 10_000 });
      await page.screenshot({ path: join(SCREENSHOTS, `data-${width}.png`), fullPage: true });
      expect(opened.consoleErrors, "console errors").toEqual([]);
      expect(opened.externalRequests, "requests to other hosts").toEqual([]);
      expect(await horizontalOverflow(page), "horizontal overflow in px").toBeLessThanOrEqual(1);

      const shown: ShownDataset[] = await page.locator("section.dataset").evaluateAll((sections) =>
        sections.map((s) => {
          return {
            id: s.id,
            title: s.querySelector("h2")?.textContent ?? "",
            rows: Number(s.getAttribute("data-rows")),
            rowsText: s.querySelector(".rows")?.textContent ?? "",
            hashes: [...s.querySelectorAll("code.sha256")].map((c) => c.textContent ?? ""),
            versions: s.querySelectorAll("li.version").length,
            versionsSummary: s.querySelector("details.versions summary")?.textContent ?? "",
            columns: s.querySelectorAll("dl.column-list dt").length,
            downloads: [...s.querySelectorAll<HTMLAnchorElement>("li.download-file a")].map((a) => ({
              href: a.href,
              file: a.getAttribute("download") ?? "",
              format: a.className.replace("download-", ""),
              rows: Number(a.dataset.rows),
              bytes: Number(a.dataset.bytes),
              sha256: a.closest("li")?.querySelector("code.sha256")?.textContent ?? "",
            })),
            citation: s.querySelector(".citation-text")?.textContent ?? null,
          };
        }),
      );
      expect(shown.map((d) => d.id)).toEqual(Object.keys(DATASETS));

      const manifestHref = await page.locator("a.download-manifest").evaluate((a: HTMLAnchorElement) => a.href);
      const manifestResponse = await get(manifestHref);
      expect(manifestResponse.status).toBe(200);
      // The site's package lists the downloads as its resources; every stored version is in the store's manifest.
      const offered = JSON.parse(new TextDecoder().decode(manifestResponse.body)) as { profile: string; resources: { path: string; bytes: number; hash: string }[] };
      expect(offered.profile).toBe("data-package");
      expect(offered.resources.map((d) => [d.path, d.bytes, d.hash])).toEqual(shown.flatMap((d) => d.downloads.map((f) => [f.file, f.bytes, `sha256:${f.sha256}`])));
      const manifest = await readManifest(join(ROOT, "data"));

      for (const d of shown) {
        const definition = DATASETS[d.id as DatasetName];
        const resources = manifest.resources.filter((r) => r.dataset === d.id);
        expect(d.title).toBe(definition.title);
        expect(d.columns, `${d.id} columns`).toBeGreaterThan(0);
        if (resources.length === 0) {
          expect(d.rowsText, d.id).toBe("no snapshots yet");
          expect(d.downloads, d.id).toEqual([]);
          continue;
        }
        // Every listed version with its sha256, as the store's manifest has it.
        expect(d.versions, `${d.id} versions`).toBe(Math.min(resources.length, VERSION_LIMIT));
        expect(d.versionsSummary).toBe(`Versions (${resources.length})`);
        for (const h of d.hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
        const listed = new Set(d.hashes);
        const newest = [...resources].sort((a, b) => (a.retrieved > b.retrieved ? -1 : 1)).slice(0, VERSION_LIMIT);
        for (const r of newest) expect(listed.has(r.hash.replace("sha256:", "")), `${d.id}: ${r.path} hash shown`).toBe(true);
        expect(d.citation, d.id).toMatch(new RegExp(`^RedNote Tracker \\(\\d{4}\\)\\. .+, version of .+\\. ${site.url}/data#${d.id}$`));

        // Each download: 200, the size and sha256 the page states; each CSV parses to its rows, which add up to the dataset's.
        // Parquet first (a file a year), then the CSV files (a file a month for a time series).
        const formats = d.downloads.map((f) => f.format);
        expect(formats, d.id).toEqual([...formats.filter((f) => f === "parquet"), ...formats.filter((f) => f === "csv")]);
        expect(new Set(formats), d.id).toEqual(new Set(["parquet", "csv"]));
        let csvRows = 0;
        for (const f of d.downloads) {
          const file = await get(f.href);
          expect(file.status, f.href).toBe(200);
          expect([file.body.length, sha256(file.body)], f.file).toEqual([f.bytes, f.sha256]);
          if (f.format !== "csv") continue;
          const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(file.body), { header: true, skipEmptyLines: true });
          expect(parsed.errors, `${f.file} parse errors`).toEqual([]);
          expect(parsed.data.length, `${f.file} rows`).toBe(f.rows);
          expect(parsed.meta.fields).toEqual(columns(d.id as DatasetName));
          csvRows += f.rows;
        }
        expect(csvRows, d.id).toBe(d.rows);
        expect(d.rowsText.startsWith(`${d.rows.toLocaleString("en-US")} row`), d.rowsText).toBe(true);
      }

      expect(opened.externalRequests, "requests to other hosts").toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it.each(AXE_VIEWS)("at %i px, %s theme: axe finds no violations", async (width, colorScheme) => {
    const opened = await openPage(site.browser, `${site.url}/data`, { width, colorScheme });
    try {
      await opened.page.waitForSelector("section.dataset", { timeout: 10_000 });
      // Open every folded list so axe sees all of it.
      await opened.page.evaluate(() => document.querySelectorAll("details").forEach((d) => d.setAttribute("open", "")));
      expect(await axe(opened.page, { ignore: FRAMEWORK_CHROME })).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
