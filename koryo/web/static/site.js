// A highlighted passage is scrolled to the middle of the window, below the panel that cites it.
document.addEventListener("DOMContentLoaded", function () {
  var mark = document.getElementById("hl");
  if (mark) {
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }
});
