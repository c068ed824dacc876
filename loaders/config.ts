/** Where data lives and who we say we are: settings shared by every command and by the build. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const pkg = JSON.parse(readFileSync(resolve(PROJECT_ROOT, "package.json"), "utf8")) as { name: string; version: string };

export const TOOL_VERSION = `${pkg.name}@${pkg.version}`;

/** `--data-dir`, else TRACKER_DATA_DIR, else data/ in the project; relative paths from the working directory. */
export function resolveDataDir(explicit?: string): string {
  const chosen = explicit ?? process.env.TRACKER_DATA_DIR;
  return chosen ? resolve(chosen) : resolve(PROJECT_ROOT, "data");
}

/**
 * Where derived results that are slow to recompute are kept between builds (TRACKER_CACHE_DIR, else
 * node_modules/.cache/rednote-tracker, which git ignores and `npm ci` clears). Only a speed-up:
 * entries are keyed by the sha256 of what they were derived from.
 */
export function resolveCacheDir(): string {
  const chosen = process.env.TRACKER_CACHE_DIR;
  return chosen ? resolve(chosen) : resolve(PROJECT_ROOT, "node_modules/.cache/rednote-tracker");
}

/**
 * Who we are to the APIs we call. Wikimedia and Apple ask for a User-Agent with a way to reach
 * the operator: set TRACKER_CONTACT to your newsroom's URL or e-mail before live refreshes.
 */
export const CONTACT = process.env.TRACKER_CONTACT ?? "https://github.com/rednote-tracker";
export const USER_AGENT = `RedNoteTracker/${pkg.version} (+${CONTACT})`;

/** Storefronts whose charts and metrics are fetched; the story's #1 countries first. */
export const DEFAULT_COUNTRIES = ["us", "gb", "ca", "au", "ie", "it", "fr", "de", "jp", "tw"];
