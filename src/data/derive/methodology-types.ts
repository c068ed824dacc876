/** What the Methodology page renders: produced by src/data/methodology.json.ts. */

/** A run of prose: plain text, or a number or date linked to the page it was read on. */
export interface Segment {
  text: string;
  href?: string;
  /** Who published it, shown on hover. */
  title?: string;
}

export interface MethodologySource {
  id: string;
  /** What the row says, e.g. "RedNote · daily active users · Similarweb, US: about 3.4 million". */
  label: string;
  date: string;
  publisher: string;
  via?: string;
  url: string;
  /** Why to be careful, in words ("read on a copy"), when the row has a caveat. */
  caveat?: string;
}

export interface MethodologyConflict {
  key: string;
  heading: string;
  paragraphs: Segment[][];
  /** How the site shows it, in words. */
  shown: string;
  sources: MethodologySource[];
  /** Row ids the text names that are not in the data (none, when the data is complete). */
  missing: string[];
}

export interface Methodology {
  asOf: string | null;
  conflicts: MethodologyConflict[];
  stats: {
    reported: number;
    copies: number;
    estimates: number;
    events: number;
    /** Each measured dataset with the rows stored in it, as read. */
    measured: { name: string; title: string; rows: number }[];
  };
  /** The tracked-apps note on Lemon8's store id, when there is one. */
  lemon8Note: string | null;
  /** The sign-up figure's row, for the limitations section. */
  signups: Segment | null;
}
