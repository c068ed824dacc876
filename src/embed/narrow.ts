/** The part of a chart's data that an embed's query asks for. Pure. */
import type { RankingsData } from "../components/rank-types.js";
import type { StoryData } from "../components/story-types.js";
import type { ChartQuery } from "./define.js";

/** The story for a query: one app's ranks, a narrower window. */
export function storyForQuery(data: StoryData, query: ChartQuery): StoryData {
  const start = query.from ?? data.window.start;
  const end = query.to ?? data.window.end;
  const overlaps = (p: { date: string; dateEnd?: string }) => p.date <= end && (p.dateEnd ?? p.date) >= start;
  // The views panel is RedNote's (drawn in its colour), so RedNote stays in the legend.
  const apps = query.app ? data.apps.filter((a) => a.key === query.app || a.key === "xiaohongshu") : data.apps;
  return {
    ...data,
    window: { start, end: end < start ? start : end },
    apps,
    ranks: data.ranks.filter((r) => (!query.app || r.app === query.app) && overlaps(r)),
    views: data.views.filter(overlaps),
    events: data.events.filter(overlaps),
  };
}

/** The rankings of one app (its measured ranks, reported ranks and store absences). */
export function rankingsForApp(data: RankingsData, app: string | undefined): RankingsData {
  if (!app) return data;
  return {
    ...data,
    apps: data.apps.filter((a) => a.key === app),
    measured: data.measured.map((m) => ({ ...m, ranks: Object.fromEntries(Object.entries(m.ranks).filter(([key]) => key === app)) })),
    reported: data.reported.filter((r) => r.app === app),
    absences: data.absences.filter((a) => a.apps.includes(app)).map((a) => ({ ...a, apps: [app] })),
  };
}

/** The country a rankings embed shows without `country`: the US when it has ranks. */
export const defaultCountry = (data: RankingsData) => (data.countries.includes("us") ? "us" : (data.countries[0] ?? "us"));
