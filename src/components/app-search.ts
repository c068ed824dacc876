/**
 * Finding an app by what a reader types: its App Store id, or the start of its name or of any word
 * in it, in any script, ignoring case and accents ("cafe" finds "Café", "小红" finds "小红书").
 */
import type { AppSummary } from "./app-types.js";

/** NFKD, combining marks dropped, lower case: the form both names and queries are compared in. */
export function normalise(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();
}

/** The whole name and each word in it; a word ends at anything that is not a letter or number. */
export function searchKeys(name: string): string[] {
  const whole = normalise(name);
  return [whole, ...whole.split(/[^\p{L}\p{N}\p{Extended_Pictographic}]+/u).filter((w) => w.length > 0)];
}

export interface SearchIndex {
  apps: readonly AppSummary[];
  /** Each app's keys, made when a search first reaches it: a one-letter query stops at 50 apps of thousands. */
  keys: (string[] | undefined)[];
}

export function searchIndex(apps: readonly AppSummary[]): SearchIndex {
  return { apps, keys: [] };
}

/**
 * Whether a normalised query could be a whole store id: an App Store id is digits, a Google Play id
 * a package name (words joined by dots). Only then does /apps fetch the id's file.
 */
export function mayBeId(q: string): boolean {
  return /^(\d+|[\p{L}\p{N}_]+(\.[\p{L}\p{N}_]+)+)$/u.test(q);
}

/**
 * The apps matching `query`, in index order, at most `limit`; an exact id comes first, looked up in
 * `ids` (the apps of the id's own file) when given, else in `index`.
 */
export function searchApps(index: SearchIndex, query: string, limit = 50, ids: SearchIndex = index): AppSummary[] {
  const q = normalise(query);
  if (!q) return [];
  const found: AppSummary[] = [];
  const byId = ids.apps.find((app) => app.id === q);
  if (byId) found.push(byId);
  for (let i = 0; i < index.apps.length && found.length < limit; i++) {
    const app = index.apps[i]!;
    if (app.id !== byId?.id && (index.keys[i] ??= app.names.flatMap(searchKeys)).some((key) => key.startsWith(q))) found.push(app);
  }
  return found;
}
