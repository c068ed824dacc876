/**
 * Hashtags and attention, `/attention`: printed at build time with both charts, the table of
 * reported counts and the sentences from the data; the client redraws the charts in place.
 */
import type { HashtagData } from "../components/attention-types.ts";
import { dataTable } from "../components/data-table.ts";
import { formatCount, formatDate, qualify } from "../components/format.ts";
import { hashtagChart, metricLabel, NO_MEASURED_TEXT, platformLabel } from "../components/hashtag-chart.ts";
import { attentionSentences, pageviewsChart } from "../components/pageviews-chart.ts";
import { hashtags as hashtagsFile } from "../data/outputs/hashtags.ts";
import { pageviews as pageviewsFile } from "../data/outputs/pageviews.ts";
import { cite } from "../render/cite.ts";
import { chartFigure } from "../render/figure.ts";
import { block, htmlDocument } from "../render/html.ts";
import { client, md, type Interpolation } from "../render/markup.ts";
import { pageFile } from "../render/page.ts";

type HashtagPoint = HashtagData["reported"][number]["points"][number] & { series: HashtagData["reported"][number] };

function hashtagTable(document: Document, points: HashtagPoint[]): HTMLElement {
  return dataTable(document, "The reported hashtag counts as a table", [
    { label: "Date", value: (d) => formatDate(d.date, d.precision, d.dateEnd) },
    { label: "Hashtag", value: (d) => `${d.series.hashtag} on ${platformLabel(d.series.platform)}` },
    { label: "Measure", value: (d) => metricLabel(d.series.metric) },
    { label: "Value", value: (d) => qualify(d.qualifier, formatCount(d.value), d.valueHigh !== undefined ? formatCount(d.valueHigh) : undefined), numeric: true },
    { label: "Source", value: (d) => `${d.publisher}${d.via ? ` (read on ${d.via})` : ""}`, href: (d) => d.url },
    { label: "Caveat", value: (d) => d.caveat ?? "" },
    { label: "Note", value: (d) => d.note ?? "" },
  ], points);
}

function attentionSummary(sentences: string[]): Interpolation {
  if (sentences.length === 0) return null;
  return md`<div class="attention-summary">

**Attention peak against the 2024 baseline.** The busiest day of each article, against its median day in 2024:

${sentences.map((sentence) => md`- ${sentence}\n`)}
</div>`;
}

export const attentionPage = pageFile("attention.md", async (store) => {
  const [hashtags, pageviews] = await Promise.all([hashtagsFile.read(store), pageviewsFile.read(store)]);
  const document = htmlDocument();
  const points: HashtagPoint[] = hashtags.reported.flatMap((s) => s.points.map((p) => ({ ...p, series: s })));
  return md`---
title: Hashtags and attention
toc: false
---

<div class="lede">

# Hashtags and attention

How much attention did the move to RedNote get? Two kinds of evidence: hashtag counts that news outlets reported in the week it happened, and what the tracker measures itself, from TikTok's research API and from Wikipedia's page views.

</div>

## Hashtag counts

Outlets counted the "TikTok refugee" tag on Xiaohongshu in different ways, and the counts measure different things:

- **Posts** count what people published with the tag. Xiaohongshu calls posts **"notes"**, but one report of 32.6 million "notes" is about a hundred times the post counts of a week earlier and may include comments.
- **Views** count how often those posts were seen: one reader can see many posts many times, so views run a thousand times higher than posts.
- **Comments** count replies under the posts; **discussions** is a figure the platform shows for a topic, and nobody says exactly what it adds up.

So a count of views cannot be set against a count of posts, and counts taken a day apart in a week like that one differ tenfold. The chart gives each measure its own panel and its own log scale (each step up the axis is ten times the one below). Sources also spelled the tag differently (#tiktokrefugee, #TikTokRefugee, #tiktokrefugees, or "TikTok refugee" as a search term); all are shown here as #tiktokrefugee.

<div class="callout">

**#EscapeTikTok had no sourced count.** The often-repeated claim that #EscapeTikTok was viewed more than 25 million times has no source we could find: the 25 million views were counted by ${cite(document, points, { date: "2025-01-14", publisher: "Bloomberg" }, () => "Bloomberg on January 14, 2025")}, for #tiktokrefugee on Xiaohongshu. That count is the lowest mark in the Views panel.

</div>
${block(chartFigure(document, "hashtags", (width) => hashtagChart(hashtags, { width, document })))}
${block(hashtagTable(document, points))}

<p class="measured-note">${hashtags.measured.length === 0 ? `${NO_MEASURED_TEXT} TikTok opens that API only to approved researchers. Once their keys are in the environment, ` : "Measured counts are the number of TikTok videos posted each day with the hashtag and the views those videos had when the tracker fetched them: a daily count, not a running total like the reported numbers, so the two are drawn apart."}${hashtags.measured.length === 0 ? md`<code>npm run refresh -- --source tiktok-research</code> counts the videos posted each day with the tracked hashtags, and they appear in the chart above, apart from the reported numbers.` : null}</p>

## Attention on Wikipedia

Page views of Wikipedia articles are a steadier gauge of attention than hashtag counts: the same measure every day, from one public source, back to 2024. The chart shows daily views by people (Wikimedia filters out known bots) of the articles on Xiaohongshu, TikTok, Lemon8, the 2024 law and the restrictions on TikTok.

${attentionSummary(attentionSentences(pageviews))}
${block(chartFigure(document, "pageviews", (width) => pageviewsChart(pageviews, { width, document })))}
${client(
  'import {hydrateHashtags} from "./client/attention.js";',
  'hydrateHashtags(await FileAttachment("data/hashtags.json").json());',
)}
${client(
  "// Its own cell: the hashtag chart above is taken over without waiting for this file.",
  'import {hydratePageviews} from "./client/attention.js";',
  'hydratePageviews(await FileAttachment("data/pageviews.json").json());',
)}`;
});
