/**
 * Rankings, `/rankings`: printed at build time with the US chart, the table, the small multiples
 * and the sentences built from the data; in the browser the controls choose the storefront and
 * period (src/client/rankings.ts).
 */
import { countryName, countryPhrase } from "../components/countries.ts";
import { sourceAnchor } from "../components/dom.ts";
import { dayToDate, formatDate, formatDay } from "../components/format.ts";
import { availablePeriods, defaultPeriod, PERIOD_LABELS, rankChart, smallMultiples } from "../components/rank-chart.ts";
import { rankTable } from "../components/rank-table.ts";
import type { RankingsData } from "../components/rank-types.ts";
import { rankings as rankingsFile } from "../data/outputs/rankings.ts";
import { chartFigure } from "../render/figure.ts";
import { block, htmlDocument, inline } from "../render/html.ts";
import { client, md } from "../render/markup.ts";
import { pageFile } from "../render/page.ts";

function selectControl(document: Document, id: string, label: string, options: [string, string][], value: string): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "rank-control";
  const labelElement = document.createElement("label");
  labelElement.setAttribute("for", id);
  labelElement.textContent = label;
  const select = document.createElement("select");
  select.id = id;
  select.setAttribute("name", id);
  for (const [optionValue, text] of options) {
    const option = document.createElement("option");
    option.setAttribute("value", optionValue);
    if (optionValue === value) option.setAttribute("selected", "");
    option.textContent = text;
    select.append(option);
  }
  wrapper.append(labelElement, select);
  return wrapper;
}

/** The store absences in words, each date linked to the event that gives it. */
function absenceSentence(document: Document, rankings: RankingsData): HTMLElement {
  const span = document.createElement("span");
  for (const a of rankings.absences) {
    const apps = a.apps.map((k) => rankings.apps.find((x) => x.key === k)?.name ?? k);
    span.append(
      `${apps.slice(0, -1).join(", ")}${apps.length > 1 ? " and " : ""}${apps.at(-1)} were out of ${countryPhrase(a.country)} stores from `,
      sourceAnchor(document, formatDay(dayToDate(a.start)), a.removed.url, `${a.removed.title} (${a.removed.publisher})`),
      " to ",
      sourceAnchor(document, formatDay(dayToDate(a.end)), a.returned.url, `${a.returned.title} (${a.returned.publisher})`),
      `. ${a.note ?? ""} `,
    );
  }
  if (rankings.absences.length === 0) span.textContent = "No store absences are recorded.";
  return span;
}

/** Where outside the US RedNote was reported #1 on the App Store, each country linked to its source. */
function beyondUs(document: Document, rankings: RankingsData): HTMLElement {
  const span = document.createElement("span");
  const firsts = new Map<string, RankingsData["reported"][number]>();
  for (const r of rankings.reported) {
    if (r.app === "xiaohongshu" && r.store === "app-store" && r.country !== "us" && r.value === 1 && r.qualifier === "exact" && !firsts.has(r.country)) firsts.set(r.country, r);
  }
  const list = [...firsts.values()].sort((a, b) => countryName(a.country).localeCompare(countryName(b.country)));
  if (list.length === 0) {
    span.textContent = "Outside the US, no App Store #1 for RedNote has been reported to us yet.";
    return span;
  }
  span.append("RedNote's climb was not only American: it was reported #1 among free iPhone apps in ");
  list.forEach((r, i) => {
    if (i > 0) span.append(i === list.length - 1 ? " and " : ", ");
    span.append(sourceAnchor(document, countryPhrase(r.country), r.url, `${r.publisher}, ${formatDate(r.date, r.precision, r.dateEnd)}`));
  });
  span.append(" too.");
  return span;
}

/** Days of measured ranks in the printed table; the browser shows them all. */
const PRINTED_DAYS = 31;

export const rankingsPage = pageFile("rankings.md", async (store) => {
  const rankings = await rankingsFile.read(store);
  const document = htmlDocument();
  const country = rankings.countries.includes("us") ? "us" : (rankings.countries[0] ?? "us");
  const period = defaultPeriod(rankings);
  const controls = document.createElement("div");
  controls.className = "rank-controls";
  controls.append(
    selectControl(document, "rank-country", "Country", rankings.countries.map((c) => [c, countryName(c)]), country),
    selectControl(document, "rank-period", "Period", availablePeriods(rankings).map((p) => [p, PERIOD_LABELS[p]]), period),
  );
  const status = rankings.measured.length === 0
    ? "No measured snapshots yet: the first refresh will start the series. Until then the charts show the ranks news outlets reported, each linked to its source."
    : `Measured: ${rankings.measured.length} charts, last snapshot ${formatDay(new Date(rankings.measuredAsOf!))}.`;
  return md`---
title: Rankings
toc: false
---

# Rankings

Where RedNote, Lemon8, TikTok and the apps we compare them with stood in the app stores' free-app charts, country by country. Ranks are positions: #1 is the most downloaded free app of the moment. Every mark links to its source; hover or tab to it.

<p class="rank-status">${status}</p>
${block(controls)}
${block(chartFigure(document, "rank-main", (width) => rankChart(rankings, { width, document, country, period, interactive: false }), { className: "rank-figure" }))}
${block(rankTable(document, rankings, country, PRINTED_DAYS))}

## Beyond the US

${inline(beyondUs(document, rankings))} Each panel below has the same axes; a panel with too little data says so.
${block(chartFigure(document, "rank-multiples", (width) => smallMultiples(rankings, { width, document, period, interactive: false }), { className: "rank-figure", bands: "narrowest" }))}

## Measured and reported

<div class="rank-note">

**Measured** ranks are our own: each day the tracker fetches the stores' public top-free charts (for the App Store, Apple's RSS feed of the top 100) and keeps the last snapshot of each UTC day. They are drawn as lines. A day an app was not in the chart sits in the grey band below the chart's last place: we do not know its rank then, only that it was lower.

**Reported** ranks are what news outlets and data firms published at the time, entered by hand with the publisher and the page we read. They are drawn as symbols and never joined by a line, because they come from different sources, at different hours, sometimes from charts the source did not name. A ring means the source said "about"; a triangle points to where the true rank may lie ("at least", "top five"). Faint, dashed symbols come from weak sources.

The shaded weeks are when apps could not be downloaded from a store. ${inline(absenceSentence(document, rankings))}

</div>
${client(
  'import {hydrateRankings} from "./client/rankings.js";',
  'hydrateRankings(await FileAttachment("data/rankings.json").json());',
)}`;
});
