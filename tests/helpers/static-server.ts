/**
 * Serves a built site from 127.0.0.1 on a random port, the way a static host serves Framework's
 * output: `/` and `/dir/` -> index.html, clean URLs (`/foo` -> foo.html), 404 for anything else,
 * nothing outside the site's directory. With `gzip`, text types go out gzipped to a client that
 * accepts it, as GitHub Pages and other static hosts send them (Lighthouse times what it receives).
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".xml": "application/xml",
  ".pdf": "application/pdf",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".wasm": "application/wasm",
};

/** Types a static host sends gzipped; the rest (PNG, fonts, wasm) go out as they are. */
const COMPRESSIBLE = /\.(html|js|mjs|css|json|csv|tsv|txt|svg|xml|md|map)$/i;

export const compressible = (file: string): boolean => COMPRESSIBLE.test(file);

export interface StaticServer {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:54321". */
  url: string;
  close(): Promise<void>;
}

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** The file that answers `pathname`, or undefined: never a path outside `root`. */
export async function resolveSitePath(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const base = resolve(root);
  const target = resolve(base, `.${decoded.startsWith("/") ? decoded : `/${decoded}`}`);
  if (target !== base && !target.startsWith(base + sep)) return undefined;
  const candidates = decoded.endsWith("/") ? [join(target, "index.html")] : [target, `${target}.html`, join(target, "index.html")];
  for (const candidate of candidates) if (await isFile(candidate)) return candidate;
  return undefined;
}

export async function serveStatic(root: string, options: { gzip?: boolean } = {}): Promise<StaticServer> {
  const gzipped = new Map<string, Promise<Buffer>>();
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" }).end();
        return;
      }
      const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      const file = await resolveSitePath(root, pathname);
      if (!file) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`not found: ${pathname}\n`);
        return;
      }
      const headers = { "content-type": contentType(file), "cache-control": "no-store", vary: "accept-encoding" };
      if (options.gzip && compressible(file) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
        let body = gzipped.get(file);
        if (!body) gzipped.set(file, (body = readFile(file).then((bytes) => gzipSync(bytes, { level: 6 }))));
        const bytes = await body;
        res.writeHead(200, { ...headers, "content-encoding": "gzip", "content-length": bytes.length });
        res.end(req.method === "HEAD" ? undefined : bytes);
        return;
      }
      const { size } = await stat(file);
      res.writeHead(200, { ...headers, "content-length": size });
      if (req.method === "HEAD") res.end();
      else createReadStream(file).on("error", () => res.destroy()).pipe(res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ready);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}
