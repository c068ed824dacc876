/**
 * The Atom 1.0 document of /feed.xml from the newest chart moves (loaders/notable-moves.ts). Pure.
 *
 * Ids are `tag:` URIs that name the move itself (chart, snapshot time, app), never the site's
 * address, so a feed reader keeps them when the site moves or TRACKER_SITE_URL changes. Links go
 * to the app's page, /apps?id=…: absolute with the site's address, else relative to the feed,
 * which is at the site root.
 */
import { moveSentence, moveTitle, type NotableMove } from "../../../loaders/notable-moves.ts";
import { element, serializeXml, type XmlElement } from "../../render/xml.ts";

export const ATOM_NS = "http://www.w3.org/2005/Atom";
export const FEED_PATH = "feed.xml";
export const FEED_TITLE = "RedNote Tracker: chart moves";
/** How many entries the feed keeps. */
export const FEED_ENTRIES = 100;

const TAG = "tag:rednote-tracker,2025:";

export interface FeedInput {
  /** Newest first, at most FEED_ENTRIES. */
  moves: readonly NotableMove[];
  /** The feed's updated time when it has no entry (then nothing has moved yet). */
  emptyUpdated: string;
  /** The site's public address (TRACKER_SITE_URL), or null for links relative to the feed. */
  siteRoot: URL | null;
}

const href = (path: string, root: URL | null) => (root ? new URL(path, root).href : path);

export const appPath = (appId: string) => `apps?id=${encodeURIComponent(appId)}`;

/** A stable id for the move: what moved, where, at which snapshot. */
export function moveId(move: NotableMove): string {
  const chart = `${move.store}/${move.country}/${move.chart}/${move.at}`;
  return move.kind === "first" ? `${TAG}top10/${chart}` : `${TAG}move/${chart}/${encodeURIComponent(move.app_id)}`;
}

function entry(move: NotableMove, root: URL | null): XmlElement {
  const lead = move.kind === "first" ? move.apps[0]! : move;
  // The first top 10 links each of its apps: the first as the entry's link, the others as related.
  const related = move.kind === "first" ? move.apps.slice(1) : [];
  return element(
    "entry",
    {},
    element("id", {}, moveId(move)),
    element("title", { type: "text" }, moveTitle(move)),
    element("updated", {}, move.at),
    element("link", { rel: "alternate", type: "text/html", href: href(appPath(lead.app_id), root), title: lead.name }),
    related.map((app) => element("link", { rel: "related", type: "text/html", href: href(appPath(app.app_id), root), title: app.name })),
    element("summary", { type: "text" }, moveSentence(move)),
  );
}

export function atomFeed({ moves, emptyUpdated, siteRoot }: FeedInput): string {
  const updated = moves.length > 0 ? moves.reduce((a, m) => (m.at > a ? m.at : a), moves[0]!.at) : emptyUpdated;
  return serializeXml(
    element(
      "feed",
      { xmlns: ATOM_NS },
      element("id", {}, `${TAG}feed/chart-moves`),
      element("title", { type: "text" }, FEED_TITLE),
      element("subtitle", { type: "text" }, "Measured App Store top charts: tracked apps' rank changes, apps entering a top 10, and each chart's first measured top 10."),
      element("updated", {}, updated),
      element("link", { rel: "self", type: "application/atom+xml", href: href(FEED_PATH, siteRoot) }),
      element("link", { rel: "alternate", type: "text/html", href: href("./", siteRoot) }),
      element("author", {}, element("name", {}, "RedNote Tracker")),
      moves.map((move) => entry(move, siteRoot)),
    ),
  );
}
