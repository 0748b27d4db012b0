// The Treff navigation folds into one line on a phone, so the page's content comes first.
// Without JavaScript it stays open (every link visible, wrapping); on a wide screen its
// summary is hidden by the stylesheet and the list always shows.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 47.99rem)");
  function fit() {
    document.querySelectorAll("details[data-treffnav-fold]").forEach(function (fold) {
      fold.open = !phone.matches;
    });
  }
  fit();
  phone.addEventListener("change", fit);
})();
