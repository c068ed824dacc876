/**
 * Methodology, `/methodology`: prose, with the counts, the conflicts between sources and the
 * limitations printed from the data at build time. Nothing on it needs the client.
 */
import { formatInstant } from "../components/data-catalog.ts";
import { sourceAnchor } from "../components/dom.ts";
import type { MethodologyConflict, Segment } from "../data/derive/methodology-types.ts";
import { methodology as methodologyFile } from "../data/outputs/methodology.ts";
import { block, htmlDocument, inline } from "../render/html.ts";
import { md } from "../render/markup.ts";
import { pageFile } from "../render/page.ts";

function conflictSection(document: Document, c: MethodologyConflict): HTMLElement {
  // A run of prose from the data: text, or a number linked to the page it was read on.
  const segment = (s: Segment) => (s.href ? sourceAnchor(document, s.text, s.href, s.title) : document.createTextNode(s.text));
  const section = document.createElement("section");
  section.className = "conflict";
  section.id = `conflict-${c.key}`;
  const h3 = document.createElement("h3");
  h3.textContent = c.heading;
  section.append(h3);
  for (const paragraph of c.paragraphs) {
    const p = document.createElement("p");
    p.append(...paragraph.map(segment));
    section.append(p);
  }
  const shown = document.createElement("p");
  shown.className = "shown";
  const label = document.createElement("strong");
  label.textContent = "On the site: ";
  shown.append(label, c.shown);
  section.append(shown);
  const details = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = `The ${c.sources.length === 1 ? "source" : `${c.sources.length} sources`}`;
  const ul = document.createElement("ul");
  for (const s of c.sources) {
    const li = document.createElement("li");
    li.append(sourceAnchor(document, s.via ? `${s.publisher} (read on ${s.via})` : s.publisher, s.url), document.createTextNode(`, ${s.date}: ${s.label}${s.caveat ? ` (${s.caveat})` : ""}.`));
    ul.append(li);
  }
  details.append(summary, ul);
  section.append(details);
  return section;
}

export const methodologyPage = pageFile("methodology.md", async (store) => {
  const m = await methodologyFile.read(store);
  const document = htmlDocument();
  const toData = (text: string, anchor?: string) => {
    const a = document.createElement("a");
    a.setAttribute("href", anchor ? `./data#${anchor}` : "./data");
    a.textContent = text;
    return inline(a);
  };
  const measuredTotal = m.stats.measured.reduce((sum, d) => sum + d.rows, 0);
  const count = (n: number) => n.toLocaleString("en-US");
  const copies = toData(`${count(m.stats.copies)} of the ${count(m.stats.reported)} reported numbers`, "reported");
  const estimates = toData(count(m.stats.estimates), "reported");
  const empty = m.stats.measured.filter((d) => d.rows === 0).map((d) => d.title.replace(/ \(measured\)$/, "").toLowerCase());
  const liveData = empty.length === 0
    ? "Every measured dataset has stored readings; the data page says when each was last updated."
    : `Nothing has been measured yet for ${empty.length === m.stats.measured.length ? "any measured dataset" : empty.join(", ")}: those datasets fill up once an editor runs the refresh with network access (and, for TikTok, research credentials). Until then the site shows only reported numbers for them.`;
  const lemon8 = m.lemon8Note ? `“${m.lemon8Note}”` : "(no note stored)";
  return md`---
title: Methodology
toc: true
---

# Methodology

How the tracker gets its numbers, how it keeps what it measured apart from what others reported, where its sources disagree, and what it cannot tell you.

## Sources and how often they are read

**Measured** numbers come from public endpoints, fetched by \`npm run refresh\` (part of \`npm run update\`, which an editor runs; this repository sets up no automatic schedule, so data is as fresh as the last update):

- **Apple's top charts**: the JSON feed of Apple's RSS generator (\`rss.marketingtools.apple.com\`), the top free and top paid apps for each storefront we follow. An app's rank is its position in the feed. A day an app is missing from the feed is drawn below the chart's last place, never given a made-up rank.
- **Apple's iTunes lookup API** (\`itunes.apple.com/lookup\`): for each tracked app and storefront, its rating count, average rating and version, or "absent" when the storefront does not list it. Absent is not zero.
- **Wikipedia page views** (the Wikimedia REST API at \`wikimedia.org/api/rest_v1\`): daily views by people (not bots) of the story's articles. The first run fills in the history back to before the law was passed; later runs fetch only the new days and re-check the last few, which Wikimedia may still revise.
- **TikTok's Research API** (\`open.tiktokapis.com\`): videos per day carrying the hashtags we follow, and their summed views. It needs research credentials; without them the source is skipped and says so.

**Observed** numbers, from pages with no API (a Xiaohongshu topic page, a TikTok hashtag page, a post on X), are typed in by an editor with \`npm run observe\`, with the page's address. They go into the reported numbers, marked as our observation, because a person read them off a screen.

**Reported** numbers and **events** are compiled by the editors from news reports. Each row names the outlet that published it, the page we read it on when that was a copy, how exact the number is (exact, at least, about, at most, a range) and how exact its date is (a day, a day worked out from a weekday, a week, a month, a year). They are imported with \`npm run import\` as a new version; the old version stays on record.

Today the data holds ${toData(`${count(m.stats.reported)} reported numbers`, "reported")} and ${toData(`${count(m.stats.events)} events`, "events")}${measuredTotal === 0 ? ", and no measured data yet: the loaders have not been run with network access." : md`, and ${toData(`${count(measuredTotal)} measured rows`)}.`} Every file, version and checksum is on the ${toData("data page")}.

## Measured or reported: how the site tells them apart

- **Lines are measurements, symbols are reports.** What we measured over time (a chart rank, page views, daily hashtag counts) is drawn as a line. A number someone reported is a single symbol on its date, never joined to other reports by a line.
- **Labels.** Every chart's notes line names its sources and says "data as of" a date; every mark's tooltip (on hover, or on focus with the keyboard) names the publisher and links to the page. Charts that mix the two say which is which in the legend.
- **Shapes for how exact a number is.** A filled circle is an exact number, a ring is "about". A triangle is "at least" or "at most" and points to where the true value may lie: a rank reported as "top five" is a triangle pointing up the chart.
- **Caveats.** Rows read on a copy of the original, rows that conflict with other sources, model estimates, outliers and weak sources carry a caveat. Weak sources and outliers are drawn faint and dashed; estimates say so in their label.
- **Tables.** Every chart has the same rows as a table beneath it, with each source as a link.

## Where the sources disagree

Many of the numbers of January 2025 were reported more than once and not always the same way. We keep every version with its source and say which we think is right and why. Each number below links to the page it was read on.

${m.conflicts.map((c) => block(conflictSection(document, c)))}

## Limitations

- **No official user figures.** Xiaohongshu has published no count of its new American users. The most quoted sign-up figure came from a person close to the company, and the daily-user numbers are estimates by data firms, which model app use from panels and do not publish their methods in full. Where the site shows users, it names who estimated them.
- **Copies, not always originals.** Many reports were read on syndicated, aggregated or machine-reworded copies of the original story. Each such row names the original outlet and the copy we read; the wording on a copy may differ from the original. ${copies} were read on a copy, and ${estimates} are model estimates by data firms.
- **Dates are sometimes worked out.** Many stories say only "on Monday" or "last week". We turned those into dates from the week the story describes and mark each row with how exact its date is.
- **Counts grow by the hour.** Hashtag and view counts were read at different times of day, in different time zones, in different units. Two counts a day apart can differ many times over without either being wrong.
- **What the charts do not show.** Apple's feed lists only the top of each chart, so an app outside it has no rank that day, only "not in the chart". An app a storefront does not list is "absent", not zero.
- **Live data.** ${liveData}
- **Lemon8's App Store id.** Public pages disagree about it, and until a live lookup settles it the ${toData("tracked apps list", "tracked_apps")} says: <span class="lemon8-note">${lemon8}</span>

## Reproduce it

The site is built from the committed data, offline: clone the repository and run

\`\`\`sh
npm ci && npm run build
npm test
\`\`\`

The first line installs the exact package versions and builds the site into \`dist/\` without touching the network; the second runs every test, the built site in headless Chromium included.

To refresh the data, an editor runs \`npm run update\`: it fetches every configured source, checks the result with \`npm run data:verify\`, then builds. A source that fails still lets the site build from what is stored; the command then exits with an error naming it. \`npm run data:verify\` on its own checks every file against the sha256, size and row count in the manifest and every row against its schema. In the repository the manifest is kept in monthly parts (\`data/manifest/\`), each checked against its sha256 in the index \`data/datapackage.json\`, so that a new day rewrites one month of it rather than years; the \`datapackage.json\` offered on the data page is a Frictionless Data Package of the downloads. The [data page](./data) has every file to check against.

<p class="as-of">Reported data as of ${m.asOf ? formatInstant(m.asOf) : "— nothing stored yet"}.</p>
`;
});
