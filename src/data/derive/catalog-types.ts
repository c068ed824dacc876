/** What the Data page shows about each dataset: produced by src/data/catalog.json.ts. */
export type DatasetKind = "measured" | "reported" | "reference";

export interface CatalogColumn {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface CatalogVersion {
  /** Path inside the data package, e.g. reported/editorial/story/2026-11-25T11-26-11.157Z.csv. */
  path: string;
  source: string;
  scope: string;
  /** When the snapshot was taken (UTC ISO). */
  retrieved: string;
  /** Later retrievals that returned exactly this content (UTC ISO), oldest first. */
  confirmed: string[];
  rows: number;
  bytes: number;
  /** Hex sha256 of the file. */
  sha256: string;
  /** Whether its rows are in the dataset as read (false: superseded by a newer version of its scope). */
  current: boolean;
}

export interface CatalogDownload {
  /** Where the site serves it, e.g. data/parquet/chart_snapshots-2025.parquet. */
  path: string;
  /** The name it is saved under. */
  file: string;
  format: "csv" | "parquet";
  /** UTC month (CSV, YYYY-MM) or year (Parquet, YYYY) of retrieval of its rows, for a time series. */
  period: string | null;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface CatalogDataset {
  name: string;
  title: string;
  description: string;
  kind: DatasetKind;
  reading: "append" | "latest";
  /** Files stored, every version. */
  files: number;
  /** Files whose rows a reader gets. */
  currentFiles: number;
  scopes: number;
  /** Rows a reader gets: the CSV downloads' data rows. */
  rows: number;
  /** Latest retrieval or re-observation of any file (UTC ISO), or null when nothing is stored. */
  lastUpdate: string | null;
  /** Its downloads: Parquet files (a year each, or all of it) and then CSV files (a month each, or all of it); none while nothing is stored. */
  downloads: CatalogDownload[];
  columns: CatalogColumn[];
  /** Newest first, at most VERSION_LIMIT of them. */
  versions: CatalogVersion[];
  /** Versions stored but not listed here (they are in datapackage.json). */
  olderVersions: number;
}

export interface Catalog {
  /** Latest update of any dataset (UTC ISO), or null. */
  asOf: string | null;
  license: { name: string; title: string; path: string } | null;
  /** Every file in the data package. */
  package: { files: number; bytes: number; toolVersions: string[] };
  datasets: CatalogDataset[];
}
