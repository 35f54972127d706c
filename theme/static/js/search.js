// Starts Pagefind's search UI (bundled under pagefind/ by `newsdigest build`); no inline script.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (!element) return;
  // Opened from disk (file://), the browser refuses the index's requests and Pagefind
  // would say "Searching..." forever: say plainly what search needs instead.
  if (window.location.protocol === "file:") {
    const notice = document.getElementById("search-needs-server");
    if (notice) notice.hidden = false;
    return;
  }
  // The index comes in bundles (newest first, see newsdigest/site/search.py), each with
  // one index per language of its pages (data-languages: "id,en id"). Pagefind loads
  // the newest bundle in this page's language and merges the others, each bundle in
  // each of its languages, so English articles are found from an Indonesian page.
  // Paths are absolute so they resolve the same from pagefind-ui.js as from this page,
  // under any sub-path.
  // A bundle without the query's word answers with its nearest shorter words ("kami" for
  // "Kamikawa"); weighting word similarity keeps the bundle that has the word on top.
  // Merged bundles do not inherit the ranking, so each gets it.
  const ranking = { termSimilarity: 5.0 };
  const root = new URL(element.dataset.bundleRoot, document.baseURI);
  const names = element.dataset.bundles.split(" ").filter(Boolean);
  const languages = (element.dataset.languages || "").split(" ");
  const sources = names.flatMap((name, index) =>
    (languages[index] || "").split(",").filter(Boolean).map((language) => ({
      path: new URL(`${name}/`, root).pathname,
      language,
    })),
  );
  const pageLanguage = document.documentElement.lang.toLowerCase();
  const primary = sources.find((source) => source.language === pageLanguage) || sources[0];
  if (!primary || typeof PagefindUI === "undefined") return;
  const others = sources.filter((source) => source !== primary);
  new PagefindUI({
    element: "#search",
    bundlePath: primary.path,
    ranking,
    // Pagefind skips a merge whose path starts its own: the primary bundle's other
    // languages are named by an equivalent path ("2025/./" is "2025/" once fetched).
    mergeIndex: others.map(({ path, language }) => ({
      bundlePath: path === primary.path ? `${path}./` : path,
      language,
      ranking,
    })),
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
