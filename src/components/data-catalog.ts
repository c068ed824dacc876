/**
 * The Data page's dataset sections, built with DOM APIs from the catalogue (src/data/catalog.json):
 * every string from the data is set as text, and the only links are the download files the page
 * passes in and http(s) addresses.
 */
import { utcFormat } from "d3-time-format";
import type { CatalogDataset, CatalogDownload, CatalogVersion } from "../data/derive/catalog-types.js";
import { safeHref } from "./svg.js";

const formatTime = utcFormat("%b %-d, %Y, %H:%M UTC");
const formatDayOnly = utcFormat("%b %-d, %Y");
const formatYear = utcFormat("%Y");

export function formatInstant(iso: string): string {
  return formatTime(new Date(iso));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

const KIND_WORDS: Record<CatalogDataset["kind"], string> = {
  measured: "fetched by our own loaders",
  reported: "published by others, each row with its source",
  reference: "our own list",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** How the dataset's rows combine, in the words a reader needs to know what the CSV holds. */
export function rowsText(d: Pick<CatalogDataset, "rows" | "reading" | "currentFiles" | "scopes" | "files">): string {
  if (d.files === 0) return "no snapshots yet";
  if (d.reading === "append") return `${plural(d.rows, "row")}: every row of all ${plural(d.files, "snapshot")}`;
  const superseded = d.files - d.currentFiles;
  const newest = d.scopes === 1 ? "the newest version" : `the newest version of each of its ${plural(d.scopes, "part")} (a part is one source and scope)`;
  return `${plural(d.rows, "row")}: ${newest}` + (superseded > 0 ? `; ${plural(superseded, "older version")} kept on record` : "");
}

/** "RedNote Tracker (2026). Reported numbers, version of Nov 25, 2026. <url>" */
export function citationText(d: Pick<CatalogDataset, "title" | "lastUpdate">, url: string): string | null {
  if (!d.lastUpdate) return null;
  const when = new Date(d.lastUpdate);
  return `RedNote Tracker (${formatYear(when)}). ${d.title}, version of ${formatDayOnly(when)}. ${url}`;
}

export interface DatasetLinks {
  /** A download's address from its path in the site (data/csv/…), or undefined when the page links none. */
  href: ((path: string) => string) | undefined;
  /** The page's own address, for the citation, e.g. location's origin and path. */
  pageUrl: string;
}

function el<K extends keyof HTMLElementTagNameMap>(document: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function hash(document: Document, sha256: string): HTMLElement {
  const p = el(document, "p", "hash");
  p.append(el(document, "span", "hash-label", "sha256 "), el(document, "code", "sha256", sha256));
  return p;
}

function versionItem(document: Document, v: CatalogVersion, showScope: boolean): HTMLLIElement {
  const li = el(document, "li", `version${v.current ? " current" : ""}`);
  const head = el(document, "p", "version-head");
  const time = el(document, "time", undefined, formatInstant(v.retrieved));
  time.dateTime = v.retrieved;
  head.append(time);
  const facts = [showScope ? `${v.source}/${v.scope}` : undefined, plural(v.rows, "row"), formatBytes(v.bytes), v.current ? "current" : "superseded"];
  head.append(document.createTextNode(` · ${facts.filter(Boolean).join(" · ")}`));
  li.append(head);
  if (v.confirmed.length > 0) {
    li.append(el(document, "p", "seen-again", `Seen again, unchanged, on ${v.confirmed.map(formatInstant).join("; ")}.`));
  }
  li.append(hash(document, v.sha256));
  return li;
}

const FORMAT_NAMES: Record<CatalogDownload["format"], string> = { csv: "CSV", parquet: "Parquet" };
const formatMonthOnly = utcFormat("%B %Y");
/** "2025" or "January 2025". */
const periodText = (period: string) => (period.length === 4 ? period : formatMonthOnly(new Date(`${period}-01T00:00:00Z`)));

function downloadItem(document: Document, f: CatalogDownload, href: string, versions: readonly CatalogVersion[]): HTMLLIElement {
  const li = el(document, "li", `download-file download-${f.format}-file`);
  const p = el(document, "p");
  const a = el(document, "a", `download-${f.format}`, f.file);
  a.href = href;
  a.setAttribute("download", f.file);
  a.dataset.rows = String(f.rows);
  a.dataset.bytes = String(f.bytes);
  const same = versions.some((v) => v.current && v.sha256 === f.sha256);
  const facts = [FORMAT_NAMES[f.format], f.period === null ? undefined : `fetched in ${periodText(f.period)}`, plural(f.rows, "row"), formatBytes(f.bytes)];
  p.append(a, document.createTextNode(` (${facts.filter(Boolean).join(", ")}${same ? "; the same bytes as the current stored file" : ""})`));
  li.append(p, hash(document, f.sha256));
  return li;
}

export function datasetSection(document: Document, d: CatalogDataset, links: DatasetLinks): HTMLElement {
  const section = el(document, "section", `dataset kind-${d.kind}`);
  section.id = d.name;
  section.dataset.rows = String(d.rows);
  const h2 = el(document, "h2", undefined, d.title);
  section.append(h2);
  const kind = el(document, "p", "kind");
  kind.append(el(document, "span", `badge badge-${d.kind}`, d.kind), document.createTextNode(` ${KIND_WORDS[d.kind]}`));
  section.append(kind, el(document, "p", "description", d.description));

  const facts = el(document, "dl", "facts");
  const fact = (term: string, value: string | Node, className?: string) => {
    const dd = el(document, "dd", className);
    dd.append(value);
    facts.append(el(document, "dt", undefined, term), dd);
  };
  fact("Rows", rowsText(d), "rows");
  fact("Last update", d.lastUpdate ? formatInstant(d.lastUpdate) : "no snapshots yet", "last-update");
  fact("Stored files", d.files === 0 ? "none" : plural(d.files, "file"));
  section.append(facts);

  if (d.downloads.length > 0 && links.href) {
    const href = links.href;
    const list = (files: CatalogDownload[]) => {
      const ul = el(document, "ul", "download");
      for (const f of files) ul.append(downloadItem(document, f, href(f.path), d.versions));
      return ul;
    };
    const parquet = d.downloads.filter((f) => f.format === "parquet");
    const csv = d.downloads.filter((f) => f.format === "csv");
    section.append(list(parquet));
    // A time series is a CSV file a month: years of them stay folded.
    if (csv.length <= 3) section.append(list(csv));
    else {
      const more = el(document, "details", "csv-files");
      more.append(el(document, "summary", undefined, `CSV, a file per month (${csv.length} files, ${formatBytes(csv.reduce((sum, f) => sum + f.bytes, 0))})`), list(csv));
      section.append(more);
    }
  } else if (d.rows === 0) {
    section.append(el(document, "p", "empty", d.kind === "measured" ? "No snapshots yet: nothing to download until the loaders have stored some." : "Nothing stored yet."));
  }

  const citation = citationText(d, `${links.pageUrl}#${d.name}`);
  if (citation) {
    const cite = el(document, "div", "citation");
    cite.append(el(document, "p", "citation-label", "Cite as"), el(document, "p", "citation-text", citation));
    section.append(cite);
  }

  const columns = el(document, "details", "columns");
  columns.append(el(document, "summary", undefined, `Columns (${d.columns.length})`));
  const list = el(document, "dl", "column-list");
  for (const c of d.columns) {
    const dt = el(document, "dt");
    dt.append(el(document, "code", undefined, c.name), el(document, "span", "column-type", ` ${c.type}${c.required ? ", required" : ", optional"}`));
    list.append(dt, el(document, "dd", undefined, c.description));
  }
  columns.append(list);
  section.append(columns);

  if (d.versions.length > 0) {
    const versions = el(document, "details", "versions");
    // Short lists open; long ones stay folded so the page stays a page.
    if (d.versions.length <= 3) versions.setAttribute("open", "");
    versions.append(el(document, "summary", undefined, `Versions (${d.files})`));
    const showScope = d.scopes > 1;
    const ol = el(document, "ol", "version-list");
    for (const v of d.versions) ol.append(versionItem(document, v, showScope));
    versions.append(ol);
    if (d.olderVersions > 0) {
      versions.append(el(document, "p", "older", `${plural(d.olderVersions, "older version")} not listed here: every file, with its sha256, is in the repository's manifest (data/manifest/) and its data/ folder.`));
    }
    section.append(versions);
  }
  return section;
}

/** A link to an http(s) address, or plain text when it is anything else. */
export function externalLink(document: Document, text: string, url: string): HTMLElement {
  const href = safeHref(url);
  if (!href) return el(document, "span", undefined, text);
  const a = el(document, "a", undefined, text);
  a.href = href;
  a.rel = "noopener noreferrer";
  return a;
}
