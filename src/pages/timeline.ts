/**
 * Timeline, `/timeline`: printed at build time with every event and the filters; in the browser
 * the same view is built again with its filters wired, in place of the printed one.
 */
import { formatDay } from "../components/format.ts";
import { timelineView } from "../components/timeline-view.ts";
import { events as eventsFile } from "../data/outputs/events.ts";
import { block, htmlDocument } from "../render/html.ts";
import { client, md } from "../render/markup.ts";
import { pageFile } from "../render/page.ts";

export const timelinePage = pageFile("timeline.md", async (store) => {
  const timeline = await eventsFile.read(store);
  const document = htmlDocument();
  return md`---
title: Timeline
toc: false
---

<div class="lede">

# Timeline

From the bill that forced TikTok's sale to the joint venture that bought it: every event the tracker records, with its date, what happened and who reported it. Where sources disagree, or a date had to be worked out from "on Tuesday", the note says so.

</div>
${block(timelineView(document, timeline))}

<p class="timeline-as-of">${timeline.asOf ? `Events list as of ${formatDay(new Date(timeline.asOf))}. Dates are UTC; "date inferred" means the source gave a weekday and we worked out the date.` : "No events are stored yet."}</p>
${client(
  'import {timelineView} from "./components/timeline-view.js";',
  'document.querySelector(".timeline").replaceWith(timelineView(document, await FileAttachment("data/events.json").json()));',
)}`;
});
