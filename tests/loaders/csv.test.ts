import { describe, expect, it } from "vitest";
import { encodeRows, parseCsv } from "../../loaders/csv.ts";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";

const row = (name: string, rank = 1): ChartSnapshotRow => ({
  store: "app-store",
  country: "us",
  chart: "top-free",
  rank,
  app_id: String(1000 + rank),
  name,
  retrieved_at: "2025-01-14T12:00:00.000Z",
});

describe("CSV codec", () => {
  it("round-trips hostile text exactly", () => {
    const names = ['He said "hi", then left', "line one\nline two", "小红书 RedNote", "🎉 party", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "+1", "-2", "@cmd", "trailing space ", "carriage\r\nreturn"];
    const rows = names.map((n, i) => row(n, i + 1));
    const parsed = parseCsv("chart_snapshots", encodeRows("chart_snapshots", rows));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual(rows);
  });

  it("writes missing optional values as empty cells and reads them back as missing", () => {
    const text = encodeRows("chart_snapshots", [row("RedNote")]);
    expect(text.split("\n")[1]).toBe("app-store,us,top-free,1,1001,RedNote,,,2025-01-14T12:00:00.000Z");
    expect(parseCsv("chart_snapshots", text).rows[0]).not.toHaveProperty("developer");
  });

  it("refuses to encode an invalid row", () => {
    expect(() => encodeRows("chart_snapshots", [{ ...row("x"), rank: 0 }])).toThrow(/rank/);
  });

  it("reports each bad row with its physical line number", () => {
    const text = encodeRows("chart_snapshots", [row("two\nlines", 1), row("ok", 2)]) + "app-store,us,top-free,zero,1,x,,,2025-01-14T12:00:00.000Z\n";
    const { rows, errors } = parseCsv("chart_snapshots", text);
    expect(rows).toHaveLength(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(5);
    expect(errors[0]!.message).toMatch(/rank/);
  });

  it("does not read hex, blanks or words as numbers", () => {
    for (const rank of ["0x10", " ", "1e", "one", "Infinity"]) {
      const text = `store,country,chart,rank,app_id,name,developer,feed_updated,retrieved_at\napp-store,us,top-free,${rank},1,x,,,2025-01-14T12:00:00.000Z\n`;
      expect(parseCsv("chart_snapshots", text).errors, rank).toHaveLength(1);
    }
  });

  it("rejects a changed header", () => {
    const { errors } = parseCsv("chart_snapshots", "store,country\napp-store,us\n");
    expect(errors[0]!.message).toMatch(/header/);
  });

  it("flags rows with too few or too many cells", () => {
    const header = "store,country,chart,rank,app_id,name,developer,feed_updated,retrieved_at";
    const { errors } = parseCsv("chart_snapshots", `${header}\napp-store,us\n`);
    expect(errors[0]!.message).toMatch(/2 cells, expected 9/);
  });
});
