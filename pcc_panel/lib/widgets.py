"""A select whose options are written in Python. Django renders each option
of a select through a template of its own; a filter form of a few selects
over the forces, themes and people cost more than all the page's queries."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class QuickSelect(forms.Select):
    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        selected = set(self.format_value(value))
        options = "".join(self._options(self.choices, selected))
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(final), mark_safe(options)
        )

    def _options(self, choices, selected: set[str]):
        # escape(), not format_html(): a dashboard's filters have 1,600 options
        for option_value, label in choices:
            if isinstance(label, list | tuple):  # a group of options
                inner = "".join(self._options(label, selected))
                group = escape(str(option_value))
                yield f'<optgroup label="{group}">{inner}</optgroup>'
                continue
            value = "" if option_value is None else str(option_value)
            chosen = " selected" if value in selected else ""
            text = escape(str(label))
            yield f'<option value="{escape(value)}"{chosen}>{text}</option>'


class QuickFilterSet(django_filters.FilterSet):
    """A filter set whose selects are QuickSelects."""

    @property
    def form(self) -> forms.Form:
        form = super().form
        for field in form.fields.values():
            if type(field.widget) is forms.Select:
                field.widget.__class__ = QuickSelect
        return form


class ListedChoiceField(django_filters.fields.ChoiceField):
    """A choice field that lists some choices and accepts any of `accepted`
    (strings), or any value that `accepts` (a predicate) allows: a filter of
    hundreds of people or inspections lists those of the chosen force, yet a
    link to any other still works. Its choices, a list of (value, label)
    already, are kept as they are: Django and
    django-filter normalise choices again each time they are set or read, and
    a form's fields are copied, validated and rendered."""

    def __init__(
        self,
        *args: Any,
        accepted: frozenset[str] = frozenset(),
        accepts: Callable[[str], bool] | None = None,
        **kwargs: Any,
    ) -> None:
        self.accepted = accepted
        self.accepts = accepts
        listed = list(kwargs.get("choices", ()))
        super().__init__(*args, **kwargs)
        if self.empty_label is not None:
            listed.insert(0, ("", self.empty_label))
        self._keep(listed)

    def _keep(self, listed: list[tuple[Any, Any]]) -> None:
        self._choices: list[tuple[Any, Any]] = listed
        self.widget._choices = listed  # what the widget's setter would make of it

    def __deepcopy__(self, memo: dict) -> ListedChoiceField:
        copied = forms.Field.__deepcopy__(self, memo)
        assert isinstance(copied, ListedChoiceField)
        copied._keep(list(self._choices))  # a new list of the same tuples
        return copied

    def valid_value(self, value: Any) -> bool:
        text = str(value)
        if text in self.accepted or super().valid_value(value):
            return True
        return self.accepts is not None and self.accepts(text)


class ListedChoiceFilter(django_filters.ChoiceFilter):
    field_class = ListedChoiceField


def filter_field(field: forms.BoundField) -> SafeString:
    """A filter form's field as crispy-bootstrap5 writes it (label, control,
    errors, hint), in Python: a filter form is on most pages, and crispy's
    templates for a few selects cost more than the page's queries."""
    widget = field.field.widget
    control_class = (
        "form-select" if isinstance(widget, forms.Select) else "form-control"
    )
    attrs: dict[str, Any] = {}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        control_class += " is-invalid"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    existing = widget.attrs.get("class")
    attrs["class"] = f"{existing} {control_class}" if existing else control_class
    errors = "".join(
        format_html('<p id="error_{}_{}"><strong>{}</strong></p>', n, field.auto_id, e)
        for n, e in enumerate(field.errors, start=1)
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>'
        "{}{}{}</div>",
        field.auto_id,
        field.id_for_label,
        field.label,
        field.as_widget(attrs=attrs),
        format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            mark_safe(errors),
        )
        if errors
        else "",
        format_html(
            '<div id="{}_helptext" class="form-text">{}</div>',
            field.auto_id,
            field.help_text,
        )
        if field.help_text
        else "",
    )
