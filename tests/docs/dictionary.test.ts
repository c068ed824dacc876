import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { DICTIONARY_PATH, renderDictionary } from "../../loaders/dictionary.ts";
import { DATASETS } from "../../loaders/schema.ts";

describe("data dictionary", () => {
  it("is the generated one (run npm run data:dictionary after changing loaders/schema.ts)", async () => {
    expect(await readFile(DICTIONARY_PATH, "utf8")).toBe(renderDictionary());
  });
  it("documents every dataset", () => {
    for (const name of Object.keys(DATASETS)) expect(renderDictionary()).toContain(`## \`${name}\``);
  });
});
