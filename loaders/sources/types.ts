/**
 * What a source is: a module that turns requests to one public endpoint into validated rows, in
 * independent scopes (a country's chart, an article) that succeed or fail alone. Sources do no
 * file I/O; `npm run refresh` writes what they return through the store.
 */
import type { HttpClient } from "../http.ts";
import type { DatasetName, RowOf } from "../schema.ts";

export interface SourceContext {
  http: HttpClient;
  /** The endpoint root, from the source's default or `--base-url <source>=<url>`. */
  baseUrl: string;
  /** Storefronts chosen with --country, else the configured list. */
  countries: string[];
  env: NodeJS.ProcessEnv;
  /** Rows already stored, for sources that fetch only what is missing. */
  readRows<D extends DatasetName>(dataset: D): AsyncIterable<RowOf<D>>;
  now(): Date;
  log(message: string): void;
}

export interface ScopeSnapshot<D extends DatasetName = DatasetName> {
  dataset: D;
  rows: RowOf<D>[];
  /** What was asked, one entry per URL. */
  sources: { title: string; path: string }[];
  /** When the response arrived (UTC ISO). */
  retrievedAt: string;
}

export interface ScopeTask {
  /** Becomes a folder name: lower-case letters, digits and -. */
  scope: string;
  /** Fetches and validates; throws (with a one-line message naming URL and reason) on any failure. Returns no snapshot when there is nothing new. */
  run(): Promise<ScopeSnapshot[]>;
}

export interface Source {
  name: string;
  description: string;
  defaultBaseUrl: string;
  /** A reason to skip the whole source (e.g. no credentials); skipping is not a failure. */
  skipReason?(context: SourceContext): string | undefined;
  tasks(context: SourceContext): ScopeTask[];
}

/** A source's response did not have the shape we expect: the endpoint changed or is not the real one. */
export class ShapeError extends Error {}
