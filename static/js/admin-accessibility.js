// Django's autocomplete widgets (select2) leave their combobox and the box showing
// the choice without a name.
// Give each one its field's label, now and for inline rows added later.
(function () {
  "use strict";

  function nameComboboxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      if (!label || !container) {
        return;
      }
      var combobox = container.querySelector('[role="combobox"]');
      if (!combobox) {
        return;
      }
      label.id = label.id || select.id + "-label";
      // Read as the field's label, then its current value.
      var value = combobox.getAttribute("aria-labelledby");
      combobox.setAttribute("aria-labelledby", value ? label.id + " " + value : label.id);
      var shown = combobox.querySelector('[role="textbox"]');
      if (shown) {
        shown.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
      }
    });
  }

  // Django starts select2 in a jQuery ready handler; run once all of those have.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(function () {
      window.setTimeout(function () {
        nameComboboxes(document);
      }, 0);
    });
  }
  document.addEventListener("formset:added", function (event) {
    nameComboboxes(event.target);
  });
})();
