/** scripts/html-fixes.ts on pages shaped like Framework's: which go without its client. */
import { expect, it } from "vitest";
import { fixHtml, withoutIdleClient } from "../../scripts/html-fixes.ts";

const page = ({ cells = false, sidebar = false, toc = false, pre = false } = {}) => `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<link rel="modulepreload" href="../_observablehq/client.d10d8454.js">
<link rel="modulepreload" href="../_observablehq/runtime.fa9f71c0.js">
<link rel="modulepreload" href="../_import/components/chart.1234abcd.js">
<script type="module">

import ${cells ? "{define} from " : ""}"../_observablehq/client.d10d8454.js";
${cells ? 'define({id: "a1", body: () => 1});\n' : ""}
</script>
</head>
<body>${sidebar ? '\n<nav id="observablehq-sidebar"></nav>' : ""}
<div id="observablehq-center">${toc ? '\n<aside id="observablehq-toc"><nav></nav></aside>' : ""}
<main id="observablehq-main" class="observablehq">${pre ? "<pre><code>x</code></pre>" : "<p>A chart.</p>"}</main>
</div>
</body>
</html>
`;

it("drops Framework's client and its preloads from a page with no cell, sidebar, table of contents or code block", () => {
  const html = withoutIdleClient(page());
  expect(html).not.toContain("_observablehq/");
  expect(html).not.toContain("<script");
  // Preloads of the page's own modules stay.
  expect(html).toContain('<link rel="modulepreload" href="../_import/components/chart.1234abcd.js">');
  // The policy is computed after, so it lists no hash of a script that is gone.
  expect(fixHtml(page())).toMatch(/script-src 'self'; /);
});

it.each([{ cells: true }, { sidebar: true }, { toc: true }, { pre: true }])("keeps it where it has something to do: %o", (shape) => {
  expect(withoutIdleClient(page(shape))).toBe(page(shape));
});
