// Progressive enhancement for recurrence forms: show only the fields the chosen kind of
// repetition uses. Without JavaScript every field stays visible and the server validates.
(function () {
  "use strict";
  var USED_BY = {
    ends_on: ["weekly", "monthly_nth", "monthly_day"],
    interval: ["weekly", "monthly_nth", "monthly_day"],
    weekdays: ["weekly", "monthly_nth"],
    nth: ["monthly_nth"],
    month_day: ["monthly_day"],
  };
  document.querySelectorAll("form[data-recurrence]").forEach(function (form) {
    function update() {
      var checked = form.querySelector('input[name="kind"]:checked');
      var kind = checked ? checked.value : null;
      Object.keys(USED_BY).forEach(function (name) {
        var field = form.querySelector('[name="' + name + '"]');
        var group = field && field.closest(".kern-form-input, .kern-fieldset");
        if (group) {
          group.hidden = kind !== null && USED_BY[name].indexOf(kind) === -1;
        }
      });
    }
    form.addEventListener("change", function (event) {
      if (event.target.name === "kind") {
        update();
      }
    });
    update();
  });
})();
