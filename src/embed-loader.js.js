// Framework data loader (run by node) for /embed-loader.js: listed in `dynamicPaths`, so Framework
// copies its output as is rather than building a module. The script is the function below,
// printed with its own source, so what runs in readers' browsers is exactly what is read here.

/**
 * The script an article includes once (or with every snippet: it runs once per page) to size
 * RedNote Tracker iframes to their content:
 *
 *   <iframe src="https://…/embed/story-chart" data-rednote-embed title="…"></iframe>
 *   <script src="https://…/embed-loader.js" async></script>
 *
 * It is a pym.js (v1) parent for those iframes: it listens for "pymxPYMx<id>xPYMxheightxPYMx<px>"
 * messages, accepts one only from an iframe's own window and the origin in its src, and sets that
 * iframe's height. It knows its frames by their windows, so it gives them no childId in their URL
 * (which would load each twice): a frame without one speaks as "rednote-embed", and the loader asks
 * each frame it adopts for its height, in case the frame spoke before the loader listened. Iframes
 * added later are picked up.
 * Self-contained and ES2017, no globals but the DOM's.
 *
 * @param {Window} window
 */
function installRednoteEmbedLoader(window) {
  "use strict";
  var document = window.document;
  if (window.__rednoteEmbedLoader) {
    window.__rednoteEmbedLoader.scan();
    return;
  }
  var DELIMITER = "xPYMx";
  var MAX_HEIGHT = 20000;
  /** @type {{iframe: HTMLIFrameElement, origin: string, id: string}[]} */
  var frames = [];

  /** @param {HTMLIFrameElement} iframe */
  function adopt(iframe) {
    if (iframe.hasAttribute("data-rednote-sized")) return;
    var src = iframe.getAttribute("src");
    if (!src) return;
    var url;
    try {
      url = new URL(src, document.baseURI);
    } catch (error) {
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return;
    // A pym.js parent may have named the frame already; ours leaves the name to the frame.
    var entry = { iframe: iframe, origin: url.origin, id: url.searchParams.get("childId") || "rednote-embed" };
    frames.push(entry);
    iframe.setAttribute("data-rednote-sized", "");
    iframe.setAttribute("scrolling", "no");
    iframe.style.width = "100%";
    iframe.style.border = "0";
    // pym's "width" message: the frame answers with its height. Until the frame's page is there, it goes nowhere.
    if (iframe.contentWindow) iframe.contentWindow.postMessage(["pym", entry.id, "width", String(Math.round(iframe.getBoundingClientRect().width))].join(DELIMITER), url.origin);
  }

  function scan() {
    var list = document.querySelectorAll("iframe[data-rednote-embed]");
    for (var i = 0; i < list.length; i++) adopt(list[i]);
  }

  window.addEventListener("message", function (event) {
    if (typeof event.data !== "string") return;
    var parts = event.data.split(DELIMITER);
    if (parts.length !== 4 || parts[0] !== "pym" || parts[2] !== "height") return;
    // Only the iframe's own page, from the origin in its src, may size it.
    var entry = frames.find(function (f) {
      return event.source !== null && event.source === f.iframe.contentWindow && event.origin === f.origin && parts[1] === f.id;
    });
    if (!entry) return;
    if (!/^\d{1,6}$/.test(parts[3])) return;
    var height = Math.min(Number(parts[3]), MAX_HEIGHT);
    if (height <= 0) return;
    entry.iframe.style.height = height + "px";
    entry.iframe.setAttribute("height", String(height));
  });

  window.__rednoteEmbedLoader = { scan: scan };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
  if (typeof MutationObserver === "function") {
    new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  }
}

process.stdout.write(
  "/* RedNote Tracker embed loader: sizes iframe[data-rednote-embed] to its content (pym.js v1 protocol). */\n" +
    "(" + installRednoteEmbedLoader.toString() + ")(window);\n",
);
