// Starts Pagefind's search UI (bundled under pagefind/ by `newsdigest build`); no inline script.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  // The index comes in bundles (newest first, see newsdigest/site/search.py): Pagefind
  // loads the first and merges the others. Paths are absolute so they resolve the same
  // from pagefind-ui.js as from this page, under any sub-path.
  // A bundle without the query's word answers with its nearest shorter words ("kami" for
  // "Kamikawa"); weighting word similarity keeps the bundle that has the word on top.
  // Merged bundles do not inherit the ranking, so each gets it.
  const ranking = { termSimilarity: 5.0 };
  const root = new URL(element.dataset.bundleRoot, document.baseURI);
  const [newest, ...older] = element.dataset.bundles.split(" ").filter(Boolean)
    .map((name) => new URL(`${name}/`, root).pathname);
  if (!newest) return;
  new PagefindUI({
    element: "#search",
    bundlePath: newest,
    ranking,
    mergeIndex: older.map((bundlePath) => ({ bundlePath, ranking })),
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    autofocus: true,
  });
  // Pagefind's input carries only a title; give it a proper accessible name.
  const label = () => {
    const input = element.querySelector("input[type='text'], input[type='search'], input");
    if (!input) return requestAnimationFrame(label);
    input.setAttribute("aria-label", element.dataset.searchLabel);
    const query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  label();
});
