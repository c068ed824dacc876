/**
 * Data, `/data`: printed at build time with every dataset, its downloads, versions and checksums.
 * The citations name the page's address: TRACKER_SITE_URL's when the build has it; the client
 * writes in the address the reader has in any case.
 */
import { datasetSection, externalLink, formatBytes, formatInstant } from "../components/data-catalog.ts";
import { catalog as catalogFile } from "../data/outputs/catalog.ts";
import { fileName } from "../data/outputs/downloads.ts";
import { siteRootFromEnv } from "../embed/config.ts";
import { block, htmlDocument } from "../render/html.ts";
import { client, md } from "../render/markup.ts";
import { pageFile } from "../render/page.ts";

/** The DuckDB query the page offers: an app's best rank in each storefront's charts, over the chart snapshots' Parquet files as downloaded. */
export function bestRankQuery(appId: string): string {
  const files = fileName({ name: "chart_snapshots-*" }, "parquet");
  return `SELECT store, country, chart, min(rank) AS best_rank, min(retrieved_at) AS first_seen FROM '${files}' WHERE app_id = '${appId.replaceAll("'", "''")}' GROUP BY ALL ORDER BY best_rank, country, chart;`;
}

function readerQuery(document: Document, sql: string): HTMLElement {
  const div = document.createElement("div");
  const pre = document.createElement("pre");
  pre.className = "reader-query";
  const code = document.createElement("code");
  code.textContent = sql;
  pre.append(code);
  div.append(pre);
  return div;
}

export const dataPage = pageFile("data.md", async (store) => {
  const catalog = await catalogFile.read(store);
  const app = (await store.rows("tracked_apps")).find((a) => a.app_store_id);
  const charts = catalog.datasets.find((d) => d.name === "chart_snapshots")!;
  const document = htmlDocument();
  const site = siteRootFromEnv();
  const pageUrl = site ? new URL("data", site).href : "/data";
  const downloads = document.createElement("ul");
  downloads.className = "package-downloads";
  const item = document.createElement("li");
  const manifest = document.createElement("a");
  // Framework copies a file named by an <a download> and points the link at the copy.
  manifest.setAttribute("href", "./data/datapackage.json");
  manifest.setAttribute("download", "datapackage.json");
  manifest.className = "download-manifest";
  manifest.textContent = "datapackage.json";
  item.append(manifest, `: every file below with its rows, size, sha256 and columns, as a Frictionless Data Package (saved in one folder with the downloads, it opens in any Data Package tool). Every stored file (${catalog.package.files.toLocaleString("en-US")} files, ${formatBytes(catalog.package.bytes)} of CSV), with its sha256, source addresses, retrieval time and tool version, is in the repository's manifest (data/datapackage.json and data/manifest/), beside the files in data/.`);
  downloads.append(item);
  const asOf = document.createElement("p");
  asOf.className = "as-of";
  asOf.append(`Data as of ${catalog.asOf ? formatInstant(catalog.asOf) : "— nothing stored yet"}.`);
  if (catalog.license) asOf.append(" Licence: ", externalLink(document, catalog.license.title, catalog.license.path), ".");
  const index = document.createElement("nav");
  index.className = "dataset-index";
  index.setAttribute("aria-label", "Datasets");
  const ol = document.createElement("ol");
  for (const d of catalog.datasets) {
    const a = document.createElement("a");
    a.setAttribute("href", `#${d.name}`);
    a.textContent = d.title;
    ol.append(document.createElement("li"));
    ol.lastElementChild!.append(a);
  }
  index.append(ol);
  return md`---
title: Data
toc: false
---

# Data

Everything on this site comes from the datasets below. Each is kept as CSV files that are written once and never changed: a correction or a new fetch is a new file, and the old one stays on record. The list of every file with its size, row count, sha256 and sources is the repository's manifest, a [Frictionless Data Package](https://specs.frictionlessdata.io/data-package/) (\`data/datapackage.json\`, an index of monthly parts under \`data/manifest/\`); each dataset below lists its newest versions, and the \`datapackage.json\` offered here describes the downloads.

**Measured** datasets are what our own loaders fetched from public endpoints. **Reported** datasets are numbers and events that news outlets, platforms and data firms published, each row with its publisher and the address it was read on. **Reference** data is our own list of the apps we follow. How they are made is on the [methodology page](./methodology).

## Download everything
${block(downloads)}

Each dataset below comes as CSV and as [Parquet](https://parquet.apache.org/) (zstd-compressed, with dates as dates, times as UTC timestamps, ranks and counts as integers and ids as text; the columns as in the CSV). Time series are cut into one file per year in which their rows were fetched, so no file grows past what a static host serves. ${
    app && charts.downloads.length > 0
      ? md`Saved into one folder, the Parquet files answer a question where they lie; in [DuckDB](https://duckdb.org/), for example, ${app.name_en}'s best rank in each storefront's charts:`
      : md`Once chart snapshots are stored, their Parquet files can be queried where they lie, with [DuckDB](https://duckdb.org/) for example.`
  }
${app && charts.downloads.length > 0 ? block(readerQuery(document, bestRankQuery(app.app_store_id!))) : ""}
${block(asOf)}
${block(index)}
${catalog.datasets.map((d) => block(datasetSection(document, d, { href: (path) => `./${path}`, pageUrl })))}
${client(
  'import {citationText} from "./components/data-catalog.js";',
  'const catalog = await FileAttachment("data/catalog.json").json();',
  "for (const d of catalog.datasets) {",
  '  const citation = document.querySelector(`#${d.name} .citation-text`);',
  "  if (citation) citation.textContent = citationText(d, `${location.origin}${location.pathname}#${d.name}`);",
  "}",
)}`;
});
