// A highlighted passage is scrolled to the middle of the window, below the panel that cites it.
document.addEventListener("DOMContentLoaded", function () {
  var mark = document.getElementById("hl");
  if (mark) {
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }
  // On a phone the facets start closed (a tap opens one) so the list is not pushed below the fold;
  // a facet filtering the list stays open, to show how to remove its filter.
  if (window.matchMedia("(max-width: 700px)").matches) {
    document.querySelectorAll("details.facet").forEach(function (facet) {
      if (!facet.querySelector("[aria-current]")) facet.open = false;
    });
  }
});
