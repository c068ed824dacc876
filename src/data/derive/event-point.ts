/** A stored event as the charts show it: when, how exact, what, and its source. Pure. */
import type { EventRow } from "../../../loaders/schema.ts";
import type { EventPoint } from "../../components/story-types.ts";

/** `label`: the short label a chart draws for its key events. */
export function eventPoint(e: EventRow, label?: string): EventPoint {
  return {
    id: e.id,
    date: e.date,
    ...(e.date_end ? { dateEnd: e.date_end } : {}),
    precision: e.date_precision,
    category: e.category,
    title: e.title,
    publisher: e.publisher,
    url: e.url,
    ...(label ? { label } : {}),
  };
}
