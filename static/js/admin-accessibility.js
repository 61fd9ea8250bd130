// Django's autocomplete widgets (select2) leave their combobox, the box showing the
// choice and the search box of a multiple choice without a name.
// Give each one its field's label, now and for inline rows added later.
(function () {
  "use strict";

  function nameComboboxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      var named = select.getAttribute("aria-label"); // a tabular inline's row
      if ((!label && !named) || !container) {
        return;
      }
      var combobox = container.querySelector('[role="combobox"]');
      if (!combobox) {
        return;
      }
      var name = named;
      if (label) {
        label.id = label.id || select.id + "-label";
        // Read as the field's label, then its current value.
        var value = combobox.getAttribute("aria-labelledby") || "";
        if (value.split(" ").indexOf(label.id) === -1) {
          combobox.setAttribute("aria-labelledby", value ? label.id + " " + value : label.id);
        }
        name = label.textContent.replace(/:\s*$/, "").trim();
      } else {
        // named by its column, read before the choice shown
        combobox.removeAttribute("aria-labelledby");
        combobox.setAttribute("aria-label", name);
      }
      // The box showing a single choice, or the search box of a multiple one.
      container
        .querySelectorAll('[role="textbox"], .select2-search__field')
        .forEach(function (box) {
          box.setAttribute("aria-label", name);
        });
    });
  }

  // Django starts select2 in a jQuery ready handler; run once all of those have.
  // select2 redraws a multiple choice's search box when the choice changes.
  if (window.django && window.django.jQuery) {
    var later = function () {
      window.setTimeout(function () {
        nameComboboxes(document);
      }, 0);
    };
    window.django.jQuery(later);
    window.django.jQuery(document).on("change", "select.admin-autocomplete", later);
  }
  document.addEventListener("formset:added", function (event) {
    nameComboboxes(event.target);
  });
})();
