/** `npm run data:dictionary`: rewrites docs/data-dictionary.md from the schemas (loaders/dictionary.ts). */
import { writeFile } from "node:fs/promises";
import { DICTIONARY_PATH, renderDictionary } from "../loaders/dictionary.ts";

await writeFile(DICTIONARY_PATH, renderDictionary());
console.log(`data:dictionary: wrote ${DICTIONARY_PATH}`);
