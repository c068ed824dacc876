/** Storefront codes (ISO 3166-1 alpha-2, lower case) as readers say them. */
const SHORT: Record<string, string> = { us: "US", gb: "UK", ae: "UAE" };
/** Names that take "the" in running text. */
const WITH_THE = new Set(["us", "gb", "ae", "nl", "ph", "cz", "do", "bs", "gm"]);

let displayNames: Intl.DisplayNames | undefined;

/** "gb" -> "United Kingdom"; an unknown code is shown as it is, upper-cased. */
export function countryName(code: string): string {
  try {
    displayNames ??= new Intl.DisplayNames(["en"], { type: "region" });
    return displayNames.of(code.toUpperCase()) ?? code.toUpperCase();
  } catch {
    return code.toUpperCase();
  }
}

/** The short name, for titles and labels: "US", "UK", "Canada". */
export function countryShort(code: string): string {
  return SHORT[code] ?? countryName(code);
}

/** For running text: "the US", "the UK", "Canada". */
export function countryPhrase(code: string): string {
  return `${WITH_THE.has(code) ? "the " : ""}${countryShort(code)}`;
}
