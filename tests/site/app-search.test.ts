/**
 * The /apps search: names compared after NFKD, without combining marks, in lower case; a query
 * matches the start of the whole name or of any word in it, in Latin, CJK or emoji, or an exact id;
 * and the same answers from the search's files (one for the query's first character, one for an id).
 */
import { describe, expect, it } from "vitest";
import { fromColumns, searchFileColumns } from "../../src/components/app-columns.ts";
import { mayBeId, normalise, searchApps, searchIndex, searchKeys } from "../../src/components/app-search.ts";
import { idBucket, searchBucket } from "../../src/components/app-shards.ts";
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

describe("the search's files", () => {
  // Many apps, so most of the 64 files hold some: names in Latin with accents, CJK, emoji, a hostile one.
  const WORDS = ["Star", "Café", "小红书", "视频", "🔥", "Ölçer", "Journal", "ラジオ", "<img src=x onerror=alert(1)>", "Ｐｌｕｓ", "9Lives", "Zoom"];
  const many = [
    ...APPS,
    ...Array.from({ length: 300 }, (_, i) => app(String(6_100_000_000 + i * 7919), `${WORDS[i % WORDS.length]} ${WORDS[(i * 5 + 3) % WORDS.length]}${i % 3 ? "" : ` ${i}`}`, ...(i % 11 ? [] : [`Old ${WORDS[(i + 1) % WORDS.length]}`]))),
    app("com.xingin.xhs", "RedNote for Android"),
  ];
  const files = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(searchFileColumns(many)).map(([k, m]) => [k, Object.fromEntries(m)]))));
  const whole = searchIndex(many);
  /** As /apps answers: the file of the query's first character, and its id's file when it may be an id. */
  const fromFiles = (q: string) => {
    const key = normalise(q);
    if (!key) return [];
    const ids = mayBeId(key) ? searchIndex(fromColumns(files.ids[idBucket(key)])) : undefined;
    return searchApps(searchIndex(fromColumns(files.names[searchBucket(key)])), q, Infinity, ids).map((a) => a.id);
  };
  const fromWhole = (q: string) => searchApps(whole, q, Infinity).map((a) => a.id);

  it("find every app by every prefix of its names and their words, as the whole index does", () => {
    let queries = 0;
    for (const a of many) {
      for (const key of a.names.flatMap(searchKeys)) {
        const chars = Array.from(key);
        for (let n = 1; n <= chars.length; n++) {
          const q = chars.slice(0, n).join("");
          const found = fromFiles(q);
          expect(found).toContain(a.id);
          expect(found).toEqual(fromWhole(q));
          queries++;
        }
      }
    }
    expect(queries).toBeGreaterThan(3000);
  });

  it("find every app by its id, first, and keep each app's fields", () => {
    for (const a of many) {
      expect(fromFiles(a.id)[0]).toBe(a.id);
      const file = fromColumns(files.ids[idBucket(a.id)]).find((b) => b.id === a.id);
      expect(file).toEqual({ ...a, first: "2025-01-01", last: "2025-01-02" });
    }
    expect(fromFiles("COM.XINGIN.XHS")).toEqual(["com.xingin.xhs"]);
  });

  it("answer a query nothing matches with nothing", () => {
    for (const q of ["qqq", "生活", "61000", "zz top", "."]) expect(fromFiles(q)).toEqual(fromWhole(q));
    expect(fromFiles("qqq")).toEqual([]);
  });
});
