// detente pages: the only script. Filter menus on the timeline submit on change,
// and a sentence named in the URL (#s-123) is scrolled into the middle of the view.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.filters select").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
    if (location.hash && location.hash.indexOf("#s-") === 0) {
      var target = document.getElementById(location.hash.slice(1));
      if (target) { target.scrollIntoView({block: "center"}); }
    }
  });
})();
