/**
 * The command line of `npm run refresh`, parsed and validated apart from running it, so every
 * usage error can be tested without a process. Every problem is a UsageError with a one-line message.
 */
import { listValues as list, parseFlags, UsageError } from "./cli.ts";
import { DEFAULT_COUNTRIES, resolveDataDir } from "./config.ts";
import type { HttpClientOptions } from "./http.ts";
import { SOURCES } from "./sources/index.ts";
import type { Source } from "./sources/types.ts";

export const HELP = `Usage: npm run refresh -- [options]

Fetches each source's public endpoint, validates the answer and stores one versioned snapshot per
scope (a storefront's chart, a storefront's app metrics, ...) in the data directory. A scope that
fails writes nothing; the others are still stored.

Options:
  --source NAME          a source to run (repeatable or comma-separated; default: all)
                         sources: ${SOURCES.map((s) => s.name).join(", ") || "(none registered)"}
  --country CC           a storefront, two-letter code (repeatable or comma-separated)
                         default: ${DEFAULT_COUNTRIES.join(",")}
  --dry-run              fetch and validate, write nothing
  --data-dir DIR         the data directory (default: TRACKER_DATA_DIR, else data/)
  --base-url NAME=URL    send a source's requests to another host, e.g. a mirror or a test server
                         (repeatable)
  --summary-md PATH      also write the summary as Markdown to PATH
  -h, --help             this text

Environment: TRACKER_DATA_DIR, TRACKER_CONTACT (in the User-Agent), and for the HTTP client
TRACKER_HTTP_RETRIES, TRACKER_HTTP_TIMEOUT_MS, TRACKER_HTTP_BASE_DELAY_MS, TRACKER_HTTP_MAX_DELAY_MS,
TRACKER_HTTP_MAX_BYTES (the cap on one response body).
Exit status: 0 all scopes succeeded (skipped sources are fine), 1 some failed, 2 usage error.`;

export function parseSources(values: readonly string[] | undefined, known: readonly Source[] = SOURCES): Source[] {
  const names = list(values);
  if (names.length === 0) return [...known];
  const unknown = names.filter((name) => !known.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new UsageError(`unknown source ${unknown.map((n) => JSON.stringify(n)).join(", ")}: known sources are ${known.map((s) => s.name).join(", ") || "(none)"}.`);
  }
  return known.filter((s) => names.includes(s.name));
}

export function parseCountries(values: readonly string[] | undefined): string[] {
  const codes = list(values).map((c) => c.toLowerCase());
  if (values !== undefined && codes.length === 0) throw new UsageError("--country needs a two-letter code such as us.");
  const bad = codes.filter((c) => !/^[a-z]{2}$/.test(c));
  if (bad.length > 0) throw new UsageError(`--country ${bad.map((c) => JSON.stringify(c)).join(", ")}: a storefront is a two-letter ISO 3166 code such as us or gb.`);
  return codes.length > 0 ? [...new Set(codes)] : [...DEFAULT_COUNTRIES];
}

export function parseBaseUrls(values: readonly string[] | undefined, known: readonly Source[] = SOURCES): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const value of values ?? []) {
    const eq = value.indexOf("=");
    if (eq <= 0) throw new UsageError(`--base-url "${value}" must be NAME=URL, e.g. apple-charts=http://127.0.0.1:8080.`);
    const name = value.slice(0, eq).trim();
    const url = value.slice(eq + 1).trim();
    if (!known.some((s) => s.name === name)) {
      throw new UsageError(`--base-url: unknown source "${name}": known sources are ${known.map((s) => s.name).join(", ") || "(none)"}.`);
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError(`--base-url ${name}: "${url}" is not a URL.`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new UsageError(`--base-url ${name}: "${url}" must be an http or https URL.`);
    if (parsed.search || parsed.hash) throw new UsageError(`--base-url ${name}: "${url}" must not carry a query or fragment.`);
    urls[name] = url.replace(/\/+$/, "");
  }
  return urls;
}

const HTTP_ENV = [
  ["TRACKER_HTTP_RETRIES", "retries", 0],
  ["TRACKER_HTTP_TIMEOUT_MS", "timeoutMs", 1],
  ["TRACKER_HTTP_BASE_DELAY_MS", "baseDelayMs", 0],
  ["TRACKER_HTTP_MAX_DELAY_MS", "maxDelayMs", 0],
  ["TRACKER_HTTP_MAX_BYTES", "maxBytes", 1],
] as const;

/** HTTP client settings from the environment, for slow links and for fast tests. */
export function httpOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<HttpClientOptions> {
  const read = (name: string, min: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return undefined;
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) throw new UsageError(`${name}="${raw}" must be a whole number of at least ${min}.`);
    return Number(raw);
  };
  const options: Partial<HttpClientOptions> = {};
  for (const [name, key, min] of HTTP_ENV) {
    const value = read(name, min);
    if (value !== undefined) options[key] = value;
  }
  return options;
}

export interface RefreshArgs {
  help: boolean;
  sources: Source[];
  countries: string[];
  baseUrls: Record<string, string>;
  dataDir: string;
  dryRun: boolean;
  summaryMd?: string;
  http: Partial<HttpClientOptions>;
}

export function parseRefreshArgs(argv: readonly string[], env: NodeJS.ProcessEnv, known: readonly Source[] = SOURCES): RefreshArgs {
  const { values } = parseFlags({
    args: [...argv],
    options: {
      source: { type: "string", multiple: true },
      country: { type: "string", multiple: true },
      "dry-run": { type: "boolean" },
      "data-dir": { type: "string" },
      "base-url": { type: "string", multiple: true },
      "summary-md": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  return {
    help: values.help ?? false,
    sources: values.help ? [] : parseSources(values.source, known),
    countries: parseCountries(values.country),
    baseUrls: parseBaseUrls(values["base-url"], known),
    dataDir: resolveDataDir(values["data-dir"]),
    dryRun: values["dry-run"] ?? false,
    ...(values["summary-md"] !== undefined ? { summaryMd: values["summary-md"] } : {}),
    http: httpOptionsFromEnv(env),
  };
}
