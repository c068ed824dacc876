/**
 * Apps, `/apps`: a search over every app any stored chart snapshot listed, and (`?id=`) one app's
 * rank history. The build prints the search form, what the page is, and how many apps it holds or
 * that no chart has been measured yet; the query is the reader's, so the browser
 * (src/client/apps.ts) runs the search and draws the app.
 */
import { APPS_FILES, snapshotsPath } from "../components/app-shards.ts";
import { formatDay } from "../components/format.ts";
import { appsIndex, appsSnapshotNames } from "../data/outputs/apps.ts";
import { client, md } from "../render/markup.ts";
import { pageFile } from "../render/page.ts";

const REFRESH_COMMAND = "npm run refresh -- --source apple-charts";

/**
 * The page's code for `file(path)`, which fetches any of `paths`: Framework copies only the files a
 * page names literally, so one FileAttachment each; a path the page does not list says so.
 */
export function filesScript(paths: readonly string[]): string {
  return [
    `const files = {${paths.map((path) => `${JSON.stringify(path)}: () => FileAttachment(${JSON.stringify(path)}).json()`).join(", ")}};`,
    "const file = (path) => (files[path] ?? (() => Promise.reject(new Error(`this page lists no ${path}: rebuild the site with npm run build`))))();",
  ].join("\n");
}

export const appsPage = pageFile("apps.md", async (store) => {
  const index = await appsIndex.read(store);
  const status =
    index.apps === 0
      ? md`No chart has been measured yet, so there is no app to search. The tracker stores each chart it fetches; run <code>${REFRESH_COMMAND}</code> (or <code>npm run update</code>), then build the site again.`
      : md`${index.apps.toLocaleString("en-US")} apps have appeared in the charts measured so far (as of ${formatDay(new Date(index.measuredAsOf!))}).`;
  return md`---
title: Apps
toc: false
---

<div class="lede">

# Any app in the charts

Search every app that has appeared in a top chart the tracker stored, in any storefront, by its name in any script or by its App Store id. Each app's page shows its names over time, its developer, and where it ranked, day by day, with the snapshot file behind every point.

</div>

<form class="app-search" action="./apps" method="get" role="search">
<label for="app-q">App name or App Store id</label>
<input id="app-q" name="q" type="search" autocomplete="off" spellcheck="false">
<button type="submit">Search</button>
</form>

<p class="apps-status">${status}</p>

<div id="app-results" aria-live="polite"></div>

<div id="app-view"></div>
${client('import {showApps} from "./client/apps.js";', filesScript([...APPS_FILES, ...(await appsSnapshotNames(store)).map(snapshotsPath)]), "showApps(file);")}`;
});
