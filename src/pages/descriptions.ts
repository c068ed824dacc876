/**
 * Each page's one-sentence description, for link previews and search engines (observablehq.config.ts
 * puts it in the page's head; Framework keeps no such field of a page's front matter).
 */
export const PAGE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  "/": "How American TikTok users moved to Xiaohongshu (RedNote) and Lemon8 in January 2025: App Store ranks and hashtag counts as reported, each with its source, and what the tracker has measured since.",
  "/rankings": "Where RedNote, Lemon8 and TikTok stood in the App Store and Google Play free-app charts, country by country: ranks reported by news outlets and measured daily by the tracker.",
  "/attention": "Hashtag counts reported for #tiktokrefugee on Xiaohongshu, and Wikipedia page views of the story's articles, measured daily.",
  "/timeline": "Every event of the TikTok ban and the move to RedNote, from the divest-or-ban law to the joint venture, each with its date and source.",
  "/data": "Every dataset behind RedNote Tracker: versioned CSV downloads, their sha256, rows and versions, and the Frictionless Data Package.",
  "/methodology": "How RedNote Tracker measures and sources its numbers, keeps measured and reported data apart, and where its sources disagree.",
  "/apps": "Search every app that appeared in a top chart the tracker measured, by name in any script or App Store id, and see where it ranked, day by day, with the snapshot behind each point.",
  "/embed": "Embed any RedNote Tracker chart in an article: an iframe, a static SVG or PNG, or a JavaScript module.",
};
