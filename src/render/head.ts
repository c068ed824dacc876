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
