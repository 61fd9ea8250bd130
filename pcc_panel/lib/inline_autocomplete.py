"""Autocomplete boxes in an admin inline that cost no query a row.

Django's autocomplete box reads the option it shows as selected with a query
of its own, so an inline of thirty rows with two such boxes made sixty. Here
each row's box takes that option from its row's object, when the inline's
queryset has already read it (select_related); any other value (a choice
posted back with an error, say) is read as Django reads it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Model
from django.forms import BaseForm


class LoadedAutocompleteSelect(AutocompleteSelect):
    loaded: dict[str, Model]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loaded = {}

    def optgroups(self, name, value, attr=None):
        empty = self.choices.field.empty_values
        selected = {str(v) for v in value if str(v) not in empty}
        if not selected or not selected <= self.loaded.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance
        for key in sorted(selected):
            option = self.create_option(
                name, key, label(self.loaded[key]), True, len(options)
            )
            options.append(option)
        return [(None, options, 0)]


def _boxes(form: BaseForm):
    for name, field in form.fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # admin's wrapper
        if isinstance(widget, LoadedAutocompleteSelect):
            yield name, widget


def use_loaded_rows(form: BaseForm) -> None:
    """Give each of the form's autocomplete boxes its row's related object,
    where the row has it already."""
    instance = getattr(form, "instance", None)
    if instance is None or instance._state.adding:
        return
    cache = instance._state.fields_cache
    for name, widget in _boxes(form):
        related = cache.get(name)
        if related is not None:
            widget.loaded = {str(related.pk): related}


class LoadedAutocompleteInline(admin.options.InlineModelAdmin):
    """An inline whose autocomplete boxes read their selected option from the
    rows its queryset returns: select_related the fields it names."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = LoadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        base = formset.form

        class Form(base):  # type: ignore[valid-type, misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                use_loaded_rows(self)

        Form.__name__ = base.__name__
        formset.form = Form
        return formset
