// Starts Pagefind's search UI (bundled under pagefind/ by `newsdigest build`); no inline script.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  new PagefindUI({
    element: "#search",
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
