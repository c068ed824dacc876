/**
 * The one polite HTTP client every source goes through (Node's global fetch underneath):
 * a User-Agent with a contact, a timeout per attempt, retries with exponential backoff and full
 * jitter, Retry-After, a response size cap and a per-host concurrency limit.
 * Failures are one HttpError whose message is a single line a person can act on.
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface HttpClientOptions {
  /** Identifies us and says how to reach us, e.g. "RedNoteTracker/0.1 (+https://example.org/contact)". */
  userAgent: string;
  /** Per attempt, covering the headers and the whole body. */
  timeoutMs?: number;
  /** Retries after the first attempt, so at most retries + 1 requests. */
  retries?: number;
  baseDelayMs?: number;
  /** Cap on any single wait, including one a server asks for with Retry-After. */
  maxDelayMs?: number;
  /** Cap on the (decoded) body size. */
  maxBytes?: number;
  perHostConcurrency?: number;
}

/** What fetch's init offers, except that a body must be replayable because retries resend it. */
export type HttpRequestInit = Pick<RequestInit, "method" | "headers"> & { body?: string | URLSearchParams };

export interface HttpResponse<T> {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  body: T;
  bytes: number;
  /** UTC ISO 8601 time the response arrived. */
  retrievedAt: string;
}

export interface HttpClient {
  getJson(url: string, init?: HttpRequestInit): Promise<HttpResponse<unknown>>;
  getText(url: string, init?: HttpRequestInit): Promise<HttpResponse<string>>;
}

export type HttpErrorReason = "timeout" | "network" | "too-large" | "not-json" | "bad-json" | `http-${number}`;

export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | undefined,
    readonly reason: HttpErrorReason,
    readonly attempts: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Why one attempt failed; `retry` says whether another attempt could help. */
interface Failure {
  reason: HttpErrorReason;
  status?: number;
  detail: string;
  advice: string;
  retry: boolean;
  /** The wait the server asked for with Retry-After, in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

interface Fetched {
  method: string;
  response: Response;
  bytes: Uint8Array;
  retrievedAt: string;
  attempts: number;
}

const MB = 1024 * 1024;

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter so a newcomer cannot overtake it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const {
    userAgent,
    timeoutMs = 15_000,
    retries = 3,
    baseDelayMs = 500,
    maxDelayMs = 30_000,
    maxBytes = 20 * MB,
    perHostConcurrency = 2,
  } = options;
  if (!userAgent.trim()) throw new Error("createHttpClient: userAgent is required (name, version and a contact URL)");
  const hosts = new Map<string, Semaphore>();

  function limiter(url: string): Semaphore {
    const host = new URL(url).host;
    let semaphore = hosts.get(host);
    if (!semaphore) hosts.set(host, (semaphore = new Semaphore(perHostConcurrency)));
    return semaphore;
  }

  async function attempt(url: string, init: HttpRequestInit | undefined, accept: string): Promise<Failure | Omit<Fetched, "method" | "attempts">> {
    const headers = new Headers(init?.headers);
    headers.set("user-agent", userAgent);
    if (!headers.has("accept")) headers.set("accept", accept);
    let response: Response | undefined;
    try {
      response = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
      const retrievedAt = new Date().toISOString();
      const failure = statusFailure(response);
      if (failure) {
        await response.body?.cancel().catch(() => {});
        return failure;
      }
      const declared = Number(response.headers.get("content-length"));
      if (declared > maxBytes) {
        await response.body?.cancel().catch(() => {});
        return tooLarge(maxBytes, response.status, `Content-Length ${declared}`);
      }
      const bytes = await readCapped(response, maxBytes);
      return bytes ? { response, bytes, retrievedAt } : tooLarge(maxBytes, response.status, "while streaming");
    } catch (error) {
      return thrownFailure(error, timeoutMs, response?.status);
    }
  }

  async function request(url: string, init: HttpRequestInit | undefined, accept: string): Promise<Fetched> {
    const method = (init?.method ?? "GET").toUpperCase();
    // The slot is held across retries and their waits, so a struggling host does not get
    // fresh requests from us while we are backing off from it.
    return limiter(url).run(async () => {
      for (let attempts = 1; ; attempts++) {
        const outcome = await attempt(url, init, accept);
        if (!("reason" in outcome)) return { ...outcome, method, attempts };
        const fail = (failure: Failure) => httpError(method, url, failure, attempts);
        if (!outcome.retry || attempts > retries) throw fail(outcome);
        if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > maxDelayMs) {
          // Sleeping for hours inside a refresh helps nobody: say when to come back instead.
          const when = new Date(Date.now() + outcome.retryAfterMs).toISOString();
          throw fail({
            ...outcome,
            detail: `HTTP ${outcome.status} with Retry-After of ${Math.ceil(outcome.retryAfterMs / 1000)} s (more than the ${Math.round(maxDelayMs / 1000)} s this client waits)`,
            advice: `The server asked us to wait; run the refresh again after ${when}.`,
          });
        }
        // Full jitter: a random wait up to the exponential ceiling spreads out clients that failed together.
        const delay = outcome.retryAfterMs ?? Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1));
        await sleep(delay);
      }
    });
  }

  return {
    async getText(url, init) {
      const { response, bytes, retrievedAt } = await request(url, init, "text/*, */*;q=0.5");
      return { url: response.url, status: response.status, headers: response.headers, body: decode(bytes), bytes: bytes.byteLength, retrievedAt };
    },

    async getJson(url, init) {
      const { method, response, bytes, retrievedAt, attempts } = await request(url, init, "application/json");
      const text = decode(bytes);
      const fail = (reason: "not-json" | "bad-json", detail: string, advice: string, cause?: unknown) =>
        httpError(method, url, { reason, status: response.status, detail: `HTTP ${response.status} with ${detail}`, advice, retry: false, cause }, attempts);
      // The content type is not trusted either way (the iTunes API sends JSON as text/javascript),
      // but a body starting with "<" is an HTML or XML page: an error page, a portal or a moved endpoint.
      if (text.trimStart().startsWith("<")) {
        const type = response.headers.get("content-type") ?? "no content type";
        throw fail("not-json", `HTML/XML instead of JSON (${type})`, "The endpoint may have moved or be showing an error page; check the URL.");
      }
      try {
        return { url: response.url, status: response.status, headers: response.headers, body: JSON.parse(text) as unknown, bytes: bytes.byteLength, retrievedAt };
      } catch (error) {
        const parseMessage = error instanceof Error ? oneLine(error.message) : String(error);
        throw fail(
          "bad-json",
          `a ${bytes.byteLength}-byte body that is not valid JSON, possibly truncated (${parseMessage})`,
          "Try again later; if it persists the API may have changed its format.",
          error,
        );
      }
    },
  };
}

/** One line: what was asked, what happened, how often we tried, what to do next. Never the request headers. */
function httpError(method: string, url: string, failure: Failure, attempts: number): HttpError {
  return new HttpError(
    `${method} ${url} failed: ${failure.detail} after ${attempts} attempt${attempts === 1 ? "" : "s"}. ${failure.advice}`,
    url,
    failure.status,
    failure.reason,
    attempts,
    { cause: failure.cause },
  );
}

function statusFailure(response: Response): Failure | undefined {
  const { status } = response;
  if (status < 400) return undefined;
  const reason = `http-${status}` as const;
  if (status === 429 || status >= 500) {
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.headers.get("retry-after")) : undefined;
    return {
      reason,
      status,
      detail: status === 429 ? "HTTP 429 (rate limited)" : `HTTP ${status}`,
      advice: status === 429 ? "The server is rate-limiting us; wait before refreshing again." : "The server is failing; try again later.",
      retry: true,
      retryAfterMs,
    };
  }
  const advice =
    status === 401 || status === 403
      ? "Check the credentials and that this client is allowed to use the endpoint."
      : status === 404 || status === 410
        ? "Check the URL; the endpoint may have moved or the item may no longer exist."
        : "The server rejected the request; check the URL and parameters.";
  return { reason, status, detail: `HTTP ${status}`, advice, retry: false };
}

/** Retry-After is either delay-seconds or an HTTP-date; anything else is ignored. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function tooLarge(maxBytes: number, status: number, how: string): Failure {
  return {
    reason: "too-large",
    status,
    detail: `response exceeds the ${maxBytes >= MB ? `${+(maxBytes / MB).toFixed(1)} MB` : `${maxBytes}-byte`} cap (${how})`,
    advice: "The endpoint returned far more than expected; check the URL, or raise maxBytes if the data really grew.",
    retry: false,
  };
}

function thrownFailure(error: unknown, timeoutMs: number, status: number | undefined): Failure {
  // AbortSignal.timeout aborts with a TimeoutError, whether fetch was waiting for headers or body.
  if (error instanceof Error && error.name === "TimeoutError") {
    return {
      reason: "timeout",
      status,
      detail: `no complete response within ${timeoutMs} ms`,
      advice: "The server is slow or unreachable; try again later.",
      retry: true,
      cause: error,
    };
  }
  // fetch reports network failures as a TypeError whose cause carries the socket error and its code.
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.name) : undefined;
  const what = cause instanceof Error ? `${code}: ${oneLine(cause.message)}` : error instanceof Error ? oneLine(error.message) : String(error);
  // A status means the headers arrived and the body was cut off.
  const detail = status === undefined ? `network error (${what})` : `connection lost mid-body, response truncated (HTTP ${status}, ${what})`;
  return {
    reason: "network",
    status,
    detail,
    advice: "Check the network connection and that the host is reachable, then try again.",
    retry: true,
    cause: error,
  };
}

/** Reads the body, giving up (undefined) as soon as it exceeds maxBytes rather than buffering it all. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
