/**
 * The Methodology page's documented conflicts, with every number taken from the reported dataset
 * (or the events) and linked to the page it was read on. The prose is ours; a token {O063} in it
 * becomes that row's value, {O063:date} its date, {E023} an event's title: so no number appears
 * in the text without its source. Pure: rows in, segments out.
 */
import type { EventRow, ReportedObservationRow, TrackedAppRow } from "../../../loaders/schema.ts";
import { dayToDate, formatCount, formatDate, formatDay, qualify } from "../../components/format.ts";
import type { Methodology, MethodologyConflict, MethodologySource, Segment } from "./methodology-types.ts";

interface ConflictText {
  key: string;
  heading: string;
  paragraphs: string[];
  shown: string;
}

/**
 * Headings and `shown` are plain text and must not contain numbers (they would have no source);
 * numbers go in paragraphs as tokens.
 */
export const CONFLICTS: readonly ConflictText[] = [
  {
    key: "first-top-rank",
    heading: "When RedNote first topped Apple's US chart",
    paragraphs: [
      "Outlets disagree on the first day. A Washington Post caption has RedNote on top over the weekend ({O002:date}), an aggregator says {O001} as of {O001:date}, and NBC dates it to Monday, {O004:date}. CNN says Tuesday and CNBC a day later still, and one Chinese outlet gives a weekday and a date that do not match. Bloomberg adds that Lemon8 held the top spot ({O006}) for a while on {O006:date} before RedNote passed it.",
      "Read together, RedNote reached the top over the weekend or on the Monday, and TheWrap still has it there on {O012:date}.",
    ],
    shown: "Each report is its own mark on the home page's chart, at the date its source gives; weak sources are drawn faint and dashed. The timeline puts the event on the day most sources name and says who differs.",
  },
  {
    key: "influx-size",
    heading: "How many people moved: sign-ups, daily users and downloads",
    paragraphs: [
      "These figures count different things. Reuters reported {O063} new users in about two days, from a person close to the company, not from Xiaohongshu. Similarweb estimated {O069a} daily active users in the US on {O069a:date}, a jump of {O070} in a day: a change in daily users, not sign-ups.",
      "Other figures ({O068} from a Reuters explainer, {O083} from Bloomberg, {O107} in a loose paraphrase of Reuters, {O108} from an unsourced Wikipedia text) either measure something else or rest on weaker sources. Some outlets printed the sign-up figure with million in place of thousand.",
    ],
    shown: "Every number keeps its own metric (new users, daily active users, downloads) and is never added to another. Figures that are estimates or rest on loose paraphrase carry that caveat next to the number.",
  },
  {
    key: "dau-date",
    heading: "Which day Similarweb's daily-user figure describes",
    paragraphs: [
      "Reuters, writing on the Thursday, dates the {O069a} daily users to Monday, {O069a:date}. Copies of a TechCrunch story give the same figure ({O073a}) as of {O073a:date}. We follow Reuters, the stronger source, and mark the copy as conflicting.",
    ],
    shown: "Both rows are kept; the later one carries the caveat “conflict” and a note pointing to the other.",
  },
  {
    key: "similarweb-peak",
    heading: "A model estimate: Similarweb's figure for the day TikTok went dark",
    paragraphs: [
      "Similarweb's blog estimated {O074} US daily users of RedNote on {O074:date}, about ten times its own estimate for the Monday before, falling to {O075a} the next day once TikTok was back. A summary of Chinese investor media puts the January peak far lower. These cannot all describe the same measure.",
    ],
    shown: "The number is labelled a model estimate wherever it appears and is never drawn as a count of people.",
  },
  {
    key: "hashtag-counts",
    heading: "Hashtag counts that measure different things",
    paragraphs: [
      "Counts for #tiktokrefugee on Xiaohongshu rose by the hour and came in different units: posts, notes, comments, discussions and views. On {O048:date} alone, reported posts ranged from {O048} to {O051}, and views from {O052} (Bloomberg) to {O054a} (the New York Times). A day later CNN had {O055a} views and AFP {O056}.",
      "A week on, a reworded copy of a Times story counted {O060a} notes and {O060b} views. The notes figure is about a hundred times the post counts of a week earlier, so it may count comments or discussions too. A fan blog's {O058a} views has no method behind it and we treat it as an outlier.",
    ],
    shown: "Each unit is its own series, so posts are never compared with views. Outliers are drawn faint and dashed and left out of the chart's description.",
  },
  {
    key: "escapetiktok",
    heading: "The #EscapeTikTok claim",
    paragraphs: [
      "A claim repeated in many stories says #EscapeTikTok was viewed {O052} times. We found no source for it. The only matching figure is Bloomberg's count of {O052} views on {O052:date}, and it was for #tiktokrefugee on Xiaohongshu: the claim seems to mix the two.",
    ],
    shown: "The site shows that count under its real hashtag, with this note, and nothing under #EscapeTikTok until a source turns up.",
  },
  {
    key: "france-rank",
    heading: "France: third or fourth",
    paragraphs: [
      "For mid-January, Earth Press News puts RedNote {O023} among free iPhone apps in France and Numerama {O024}, behind ChatGPT, Threads and Temu. Neither gives an exact day, and the South China Morning Post only says it was in the top three.",
    ],
    shown: "Both ranks are kept with an approximate date and the caveat “conflict”.",
  },
  {
    key: "live-chat",
    heading: "The “TikTok refugee” live chat",
    paragraphs: [
      "On {O062:date}, Reuters counted {O062} participants in a live chat, Rest of World {O061}. The first is probably a count of people there at once, the second of everyone who came by.",
    ],
    shown: "Both numbers are kept; the larger one carries the caveat “conflict” and our reading of it.",
  },
  {
    key: "tiktok-downloads",
    heading: "TikTok's US downloads in its last year before the ban",
    paragraphs: [
      "For {O096a:date}, Sensor Tower (via Reuters) counted {O096a} US downloads of TikTok; FoxData estimated {O097a}. Data firms model downloads differently and neither publishes its method in full.",
    ],
    shown: "Both are kept, named by the firm that made them.",
  },
  {
    key: "shutdown-return",
    heading: "How long TikTok was dark, and when it came back",
    paragraphs: [
      "TikTok switched off its US service late on {E023:date}. Outlets disagree by a couple of hours on how long it stayed off, and one agency dates the return a day later than everyone else, who give {E028:date}. Its return to Apple's and Google's stores, on {E036:date} in most reports, is dated a day later by others, most likely because of time zones, and the length of its absence from the stores is given two ways.",
    ],
    shown: "The timeline uses the date most sources give and records the others in the event's note.",
  },
];

const CAVEAT_WORDS: Record<string, string> = {
  conflict: "conflicts with other sources",
  copy: "read on a copy",
  estimate: "a model estimate",
  outlier: "an outlier",
  weak: "a weak source",
};

const PLATFORM_WORDS: Record<string, string> = {
  "app-store": "App Store",
  "google-play": "Google Play",
  similarweb: "Similarweb",
  "sensor-tower": "Sensor Tower",
  appfigures: "Appfigures",
  foxdata: "FoxData",
  xiaohongshu: "Xiaohongshu",
  company: "company figure",
};

const METRIC_WORDS: Record<string, string> = {
  "rank-top-free": "rank among free apps",
  "daily-active-users": "daily active users",
  "daily-active-users-change": "change in daily active users",
  "new-users": "new users",
};

/** The row's number as a reader should read it: "#1", "top 10", "at least 700,000", "about 3.4 million". */
export function valueText(r: Pick<ReportedObservationRow, "metric" | "value" | "qualifier" | "value_high">): string {
  const one = (v: number): string => {
    if (r.metric.startsWith("rank")) return `#${v}`;
    if (r.metric.endsWith("-pct")) return `${r.metric.includes("change") && v > 0 ? "+" : ""}${v}%`;
    if (r.metric.endsWith("-usd")) return `$${formatCount(v)}`;
    if (r.metric.endsWith("-ratio")) return `${v}×`;
    return formatCount(v);
  };
  if (r.metric.startsWith("rank") && r.qualifier === "at-most") return `top ${r.value}`;
  if (r.metric.startsWith("rank") && r.qualifier === "at-least") return `#${r.value} or lower`;
  return qualify(r.qualifier, one(r.value), r.value_high !== undefined ? one(r.value_high) : undefined);
}

/** A date for running text: "Jan 13, 2025", "the week of …", "January 2025". */
export function proseDate(day: string, precision: ReportedObservationRow["date_precision"]): string {
  if (precision === "month" || precision === "year") return formatDate(day, precision);
  const text = formatDay(dayToDate(day));
  return precision === "week" ? `the week of ${text}` : text;
}

const attribution = (r: { publisher: string; via?: string | undefined }) => (r.via ? `${r.publisher}, read on ${r.via}` : r.publisher);

export function deriveMethodology(input: {
  reported: readonly ReportedObservationRow[];
  events: readonly EventRow[];
  apps: readonly TrackedAppRow[];
  measured: { name: string; title: string; rows: number }[];
  asOf: string | null;
}): Methodology {
  const reported = new Map(input.reported.map((r) => [r.id, r]));
  const events = new Map(input.events.map((e) => [e.id, e]));
  const appName = new Map(input.apps.map((a) => [a.key, a.name_en]));

  const conflicts: MethodologyConflict[] = CONFLICTS.map((c) => {
    const missing = new Set<string>();
    const used: string[] = [];
    const paragraphs = c.paragraphs.map((text) => {
      const segments: Segment[] = [];
      let last = 0;
      for (const match of text.matchAll(/\{([A-Z][0-9]{3,}[a-z]?)(?::(date))?\}/g)) {
        if (match.index > last) segments.push({ text: text.slice(last, match.index) });
        last = match.index + match[0].length;
        const id = match[1]!;
        const row = reported.get(id);
        const event = events.get(id);
        if (!used.includes(id) && (row || event)) used.push(id);
        if (row) {
          const t = match[2] === "date" ? proseDate(row.date, row.date_precision) : valueText(row);
          segments.push({ text: t, href: row.url, title: attribution(row) });
        } else if (event) {
          const t = match[2] === "date" ? proseDate(event.date, event.date_precision) : event.title;
          segments.push({ text: t, href: event.url, title: attribution(event) });
        } else {
          missing.add(id);
          segments.push({ text: "(source missing)" });
        }
      }
      if (last < text.length) segments.push({ text: text.slice(last) });
      // Neighbouring plain runs merge, so the page writes fewer text nodes.
      return segments.reduce<Segment[]>((out, s) => {
        const prev = out.at(-1);
        if (prev && !prev.href && !s.href) prev.text += s.text;
        else out.push({ ...s });
        return out;
      }, []);
    });
    const sources: MethodologySource[] = used.map((id) => {
      const row = reported.get(id);
      if (row) {
        const subject = appName.get(row.subject) ?? row.subject;
        const metric = METRIC_WORDS[row.metric] ?? row.metric.replaceAll("-", " ");
        const where = `${PLATFORM_WORDS[row.platform] ?? row.platform}${row.country ? `, ${row.country.toUpperCase()}` : ""}`;
        return {
          id,
          label: `${subject} · ${metric} · ${where}: ${valueText(row)}`,
          date: formatDate(row.date, row.date_precision, row.date_end),
          publisher: row.publisher,
          ...(row.via ? { via: row.via } : {}),
          url: row.url,
          ...(row.caveat ? { caveat: CAVEAT_WORDS[row.caveat] ?? row.caveat } : {}),
        };
      }
      const event = events.get(id)!;
      return {
        id,
        label: event.title,
        date: formatDate(event.date, event.date_precision, event.date_end),
        publisher: event.publisher,
        ...(event.via ? { via: event.via } : {}),
        url: event.url,
      };
    });
    return { key: c.key, heading: c.heading, paragraphs, shown: c.shown, sources, missing: [...missing] };
  });

  const signupRow = reported.get("O063");
  return {
    asOf: input.asOf,
    conflicts,
    stats: {
      reported: input.reported.length,
      copies: input.reported.filter((r) => r.caveat === "copy").length,
      estimates: input.reported.filter((r) => r.caveat === "estimate").length,
      events: input.events.length,
      measured: input.measured,
    },
    lemon8Note: input.apps.find((a) => a.key === "lemon8")?.note ?? null,
    signups: signupRow ? { text: valueText(signupRow), href: signupRow.url, title: attribution(signupRow) } : null,
  };
}
