/**
 * The /apps search: names compared after NFKD, without combining marks, in lower case; a query
 * matches the start of the whole name or of any word in it, in Latin, CJK or emoji, or an exact id.
 */
import { describe, expect, it } from "vitest";
import { normalise, searchApps, searchIndex, searchKeys } from "../../src/components/app-search.ts";
import type { AppSummary } from "../../src/components/app-types.ts";

const app = (id: string, ...names: string[]): AppSummary => ({ id, names, developer: "", first: "2025-01-01T00:00:00.000Z", last: "2025-01-02T00:00:00.000Z", best: 1 });
const APPS = [
  app("741292507", "小红书 – 你的生活兴趣社区", "RedNote"),
  app("1", "Café Crème Ｐｌｕｓ"),
  app("2", "🔥 Hot Deals"),
  app("3", "Şişli Ürün Ölçer"),
  app("4", "Notes"),
];
const ids = (q: string) => searchApps(searchIndex(APPS), q).map((a) => a.id);

describe("normalise", () => {
  it("folds case, accents and compatibility forms", () => {
    expect(normalise("Café Crème")).toBe("cafe creme");
    expect(normalise("Ｐｌｕｓ")).toBe("plus");
    expect(normalise("  ŞİŞLİ ")).toBe("sisli");
  });
  it("keeps CJK and emoji", () => {
    expect(normalise("小红书")).toBe("小红书");
    expect(normalise("🔥 Hot")).toBe("🔥 hot");
  });
  it("splits words at spaces and punctuation, keeping the whole name", () => {
    expect(searchKeys("Café-Crème Plus")).toEqual(["cafe-creme plus", "cafe", "creme", "plus"]);
  });
});

describe("searchApps", () => {
  it("matches Latin names whatever the case and accents", () => {
    expect(ids("cafe")).toEqual(["1"]);
    expect(ids("CRÈME")).toEqual(["1"]);
    expect(ids("plus")).toEqual(["1"]);
    expect(ids("olcer")).toEqual(["3"]);
  });
  it("matches CJK by the start of the name, and any of an app's names", () => {
    expect(ids("小红")).toEqual(["741292507"]);
    expect(ids("小红书")).toEqual(["741292507"]);
    expect(ids("rednote")).toEqual(["741292507"]);
    expect(ids("生活")).toEqual([]);
  });
  it("matches emoji", () => {
    expect(ids("🔥")).toEqual(["2"]);
    expect(ids("🔥 hot")).toEqual(["2"]);
  });
  it("matches by prefix only, not inside a word", () => {
    expect(ids("not")).toEqual(["4"]);
    expect(ids("otes")).toEqual([]);
  });
  it("finds an App Store id, first", () => {
    expect(ids("741292507")).toEqual(["741292507"]);
    expect(ids(" 4 ")).toEqual(["4"]);
  });
  it("finds nothing for an empty query, and stops at the limit", () => {
    expect(ids("  ")).toEqual([]);
    const many = Array.from({ length: 80 }, (_, i) => app(String(100 + i), `App ${i}`));
    expect(searchApps(searchIndex(many), "app", 50)).toHaveLength(50);
  });
});
