/**
 * What a link preview or a search engine reads of a page before anything else: its description
 * (src/pages/descriptions.ts) and Open Graph title, description and type.
 */
const escapeAttribute = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function previewHead(title: string | null, description: string | undefined, siteTitle: string): string {
  const tags = [`<meta property="og:type" content="website">`, `<meta property="og:site_name" content="${escapeAttribute(siteTitle)}">`];
  if (title) tags.push(`<meta property="og:title" content="${escapeAttribute(title)}">`);
  if (description) {
    tags.push(`<meta name="description" content="${escapeAttribute(description)}">`, `<meta property="og:description" content="${escapeAttribute(description)}">`);
  }
  return tags.join("");
}

/**
 * The feed's <link rel="alternate"> for the page at `path` (Framework's page path, "/index" for
 * "/"): relative to the page, so it works at any site address, or absolute with the site's. The
 * chrome-less /embed/<chart> pages live inside other sites' articles and get none. The build adds
 * it to the HTML Framework wrote (scripts/html-fixes.ts): in Framework's head a local href would be
 * taken for a file and pointed at a content-hashed copy (_file/feed.<hash>.xml), a new address with
 * every build.
 */
export function feedLinkHead(path: string, root: URL | null, feedPath: string, title: string): string {
  if (path.startsWith("/embed/")) return "";
  const href = root ? new URL(feedPath, root).href : "../".repeat(Math.max(0, path.split("/").length - 2)) + feedPath;
  return `<link rel="alternate" type="application/atom+xml" title="${escapeAttribute(title)}" href="${escapeAttribute(href)}">`;
}
