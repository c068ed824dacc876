/** A stored reported number as the charts draw it: value, qualifier, date precision and source. */
import type { ReportedObservationRow } from "../../../loaders/schema.ts";
import type { ReportedPoint } from "../../components/story-types.ts";

export function reportedPoint(r: ReportedObservationRow): ReportedPoint {
  return {
    id: r.id,
    date: r.date,
    ...(r.date_end ? { dateEnd: r.date_end } : {}),
    precision: r.date_precision,
    publisher: r.publisher,
    ...(r.via ? { via: r.via } : {}),
    url: r.url,
    ...(r.note ? { note: r.note } : {}),
    ...(r.caveat ? { caveat: r.caveat } : {}),
    value: r.value,
    qualifier: r.qualifier,
    ...(r.value_high !== undefined ? { valueHigh: r.value_high } : {}),
  };
}
