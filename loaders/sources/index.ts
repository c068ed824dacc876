/** Every source `npm run refresh` knows, by name. */
import type { Source } from "./types.ts";

export const SOURCES: Source[] = [];
