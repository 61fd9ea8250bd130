from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet

from inspections.models import Finding, Force

NO_THEME = "__none__"


def theme_filter(field: str) -> type[admin.SimpleListFilter]:
    """A list filter on a theme field, naming findings that have no theme
    rather than offering an unlabelled link."""

    class ThemeFilter(admin.SimpleListFilter):
        title = "theme"
        parameter_name = "theme"

        def lookups(self, request, model_admin):
            # the person's findings' themes, not those of the rows listed:
            # reading each row's finding costs more than the page
            themes = Finding.objects.visible_to(request.user).themes()
            return [(theme, theme) for theme in themes] + [(NO_THEME, "No theme")]

        def queryset(self, request, queryset: QuerySet) -> QuerySet:
            value = self.value()
            if value is None:
                return queryset
            return queryset.filter(**{field: "" if value == NO_THEME else value})

    return ThemeFilter


def force_filter(field: str) -> type[admin.SimpleListFilter]:
    """A filter by force that copes with any value in the query string."""

    class ForceFilter(admin.SimpleListFilter):
        title = "force"
        parameter_name = "force"

        def lookups(self, request, model_admin):
            forces = Force.objects.visible_to(request.user).order_by("name")
            return list(forces.values_list("pk", "name"))

        def queryset(self, request, queryset: QuerySet) -> QuerySet:
            value = str(self.value() or "")
            if not value.isdigit():
                return queryset  # not a force: the filter is ignored
            if len(value) > 18:
                return queryset.none()  # no force has an id that large
            return queryset.filter(**{field: value})

    return ForceFilter
