/**
 * Whole UTC days as ISO strings ("2025-01-14"). Plain millisecond arithmetic on UTC midnights:
 * date-fns alone works in the machine's local time zone, where a DST change shifts midnights.
 */
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function parse(day: string): number {
  const ms = ISO_DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms)) throw new Error(`"${day}" is not a YYYY-MM-DD day`);
  return ms;
}

/** The UTC day of an instant. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(parse(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `first` to `last`, both included; empty when last is before first. */
export function daysFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let ms = parse(first), end = parse(last); ms <= end; ms += DAY_MS) out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
}

/** "2025-01-14" -> "20250114", the form Wikimedia and TikTok take in requests. */
export function compactDay(day: string): string {
  parse(day);
  return day.replaceAll("-", "");
}

/** "20250114" or "2025011400" -> "2025-01-14". */
export function dayFromCompact(compact: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:\d{2})?$/.exec(compact);
  if (!m) throw new Error(`"${compact}" is not a YYYYMMDD[HH] timestamp`);
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  parse(day);
  if (new Date(parse(day)).toISOString().slice(0, 10) !== day) throw new Error(`"${compact}" is not a real day`);
  return day;
}
