/**
 * The story, `/`: printed at build time with every sourced number, the headline cards, the chart
 * and its table in the HTML. In the browser the chart is redrawn at the reader's width, with
 * tooltips (src/components/hydrate.ts).
 */
import { dataTable } from "../components/data-table.ts";
import { dayToDate, formatCount, formatDate, formatDay, formatShortDay } from "../components/format.ts";
import { headlineCard } from "../components/headline.ts";
import { storyChart } from "../components/story-chart.ts";
import type { ReportedPoint, StoryData } from "../components/story-types.ts";
import type { Overview } from "../data/derive/overview.ts";
import { overview as overviewFile } from "../data/outputs/overview.ts";
import { story as storyFile } from "../data/outputs/story.ts";
import { cite, sourceTitle } from "../render/cite.ts";
import { chartFigure } from "../render/figure.ts";
import { block, htmlDocument } from "../render/html.ts";
import { client, md } from "../render/markup.ts";
import { pageFile } from "../render/page.ts";

function headlineCards(document: Document, overview: Overview): HTMLElement {
  const one = overview.rednoteAtNumberOne;
  const attention = overview.attention;
  const update = overview.lastUpdate;
  const cards = document.createElement("div");
  cards.className = "grid grid-cols-4 headlines";
  cards.append(
    one
      ? headlineCard(document, `${one.spanDays} days`, `RedNote was reported #1 among free iPhone apps in the US between ${formatShortDay(dayToDate(one.first.date))} and ${formatDay(dayToDate(one.last.dateEnd ?? one.last.date))}, with a report on ${one.reportedDays} of those days and none placing it lower.`, [
          { text: "first report", url: one.first.url, title: sourceTitle(one.first) },
          { text: "last report", url: one.last.url, title: sourceTitle(one.last) },
        ])
      : headlineCard(document, "–", "No reported #1 of RedNote in the US is stored."),
    overview.peakViews
      ? headlineCard(document, formatCount(overview.peakViews.value), `highest reported view count of "TikTok refugee" posts on Xiaohongshu, ${formatDate(overview.peakViews.date, overview.peakViews.precision)}.`, [
          { text: sourceTitle(overview.peakViews), url: overview.peakViews.url },
        ])
      : headlineCard(document, "–", "No reported view counts are stored."),
    attention
      ? headlineCard(document, `${(attention.peakViews / attention.baseline2024).toFixed(0)}×`, `Wikipedia page views of the ${attention.article} article at their peak (${formatCount(attention.peakViews)} on ${formatDate(attention.peakDate, "day")}) against the 2024 median day (${formatCount(attention.baseline2024)}), measured by us.`, [
          { text: "Wikimedia pageviews", url: "https://wikimedia.org/api/rest_v1/" },
        ])
      : headlineCard(document, "Not yet", "measured Wikipedia attention: the first refresh of Wikipedia page views back-fills daily counts from 2024 and fills this in."),
    headlineCard(
      document,
      overview.asOf ? formatDate(overview.asOf.slice(0, 10), "day") : "No data",
      update
        ? `Data as of this day. The latest update added ${update.newFiles} new snapshot${update.newFiles === 1 ? "" : "s"}${update.confirmed ? ` and saw ${update.confirmed} unchanged` : ""} (${update.datasets.join(", ")}).`
        : "Nothing is stored yet.",
    ),
  );
  return cards;
}

function storyTable(document: Document, story: StoryData): HTMLElement {
  const appName = new Map(story.apps.map((a) => [a.key, a.name]));
  const prefix = { "at-least": "at least ", "at-most": "at most ", about: "about ", exact: "", range: "" };
  const rows: (ReportedPoint & { app?: string })[] = [...story.ranks, ...story.views];
  return dataTable(document, "The reported numbers in this chart as a table", [
    { label: "Date", value: (d) => formatDate(d.date, d.precision, d.dateEnd) },
    { label: "What", value: (d) => (d.app ? `${appName.get(d.app) ?? d.app}, US App Store rank (free apps)` : "#tiktokrefugee views on Xiaohongshu") },
    { label: "Value", value: (d) => `${prefix[d.qualifier]}${d.app ? `#${d.value}` : formatCount(d.value)}`, numeric: true },
    { label: "Source", value: (d) => `${d.publisher}${d.via ? ` (read on ${d.via})` : ""}`, href: (d) => d.url },
    { label: "Note", value: (d) => d.note ?? "" },
  ], rows);
}

export const storyPage = pageFile("index.md", async (store) => {
  const [story, overview] = await Promise.all([storyFile.read(store), overviewFile.read(store)]);
  const document = htmlDocument();
  const rank = (app: string, publisher: string) => cite(document, story.ranks, { app, date: "2025-01-14", publisher }, (d) => `#${d.value}`);
  return md`---
title: The story
toc: false
---

<div class="lede">

# When TikTok users moved to RedNote

In January 2025, as the US law forcing TikTok's sale or ban closed in, American TikTok users went looking for somewhere else to post. Many landed on Xiaohongshu (小红书), the Chinese app they called RedNote. This tracker keeps the record: what was reported at the time, each number with its source, and what our own loaders have measured since.

</div>

On January 14, 2025, Xiaohongshu was ${rank("xiaohongshu", "TheWrap")} among free apps in the US App Store and Lemon8, a photo-sharing app from TikTok's own parent ByteDance, was ${rank("lemon8", "TheWrap")}. That day Bloomberg counted ${cite(document, story.views, { date: "2025-01-14", publisher: "Bloomberg" }, (d) => `more than ${formatCount(d.value)} views`)} of #tiktokrefugee on Xiaohongshu. Some later stories credited those views to #EscapeTikTok; we found no source for that: the count was for #tiktokrefugee.
${block(headlineCards(document, overview))}
${block(chartFigure(document, "story", (width) => storyChart(story, { width, document })))}
${block(storyTable(document, story))}
${client(
  'import {hydrateChart} from "./components/hydrate.js";',
  'import {storyChart} from "./components/story-chart.js";',
  'const story = await FileAttachment("data/story.json").json();',
  'hydrateChart(document.getElementById("story"), (width) => storyChart(story, {width, document}));',
)}`;
});
