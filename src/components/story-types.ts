/** What the story chart draws: compact, pre-filtered rows produced by src/data/story.json.ts. */
export type Qualifier = "exact" | "at-least" | "about" | "at-most" | "range";
export type DatePrecision = "day" | "weekday-inferred" | "week" | "month" | "year";

export interface Sourced {
  id: string;
  date: string;
  dateEnd?: string;
  precision: DatePrecision;
  publisher: string;
  via?: string;
  url: string;
  note?: string;
  caveat?: string;
}

export interface ReportedPoint extends Sourced {
  value: number;
  qualifier: Qualifier;
  valueHigh?: number;
}

export interface RankPoint extends ReportedPoint {
  app: string;
}

/** A stored event as the charts show it (src/data/derive/event-point.ts). */
export interface EventPoint {
  id: string;
  date: string;
  dateEnd?: string;
  precision: DatePrecision;
  category: string;
  title: string;
  publisher: string;
  url: string;
  /** A short label drawn on wide charts; other events are markers with tooltips. */
  label?: string;
}

export type StoryEvent = EventPoint;

export interface StoryApp {
  key: string;
  name: string;
  color: string;
}

export interface StoryData {
  /** Last time any dataset behind the chart was updated (UTC ISO); null when nothing is stored yet. */
  asOf: string | null;
  window: { start: string; end: string };
  apps: StoryApp[];
  ranks: RankPoint[];
  views: ReportedPoint[];
  events: StoryEvent[];
}
