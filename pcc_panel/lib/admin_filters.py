from __future__ import annotations

from django.contrib import admin
from django.core.cache import cache
from django.db.models import QuerySet

from pcc_panel.lib.freshness import data_version

NO_THEME = "__none__"


def theme_filter(field: str) -> type[admin.SimpleListFilter]:
    """A list filter on a theme field, naming findings that have no theme
    rather than offering an unlabelled link."""

    class ThemeFilter(admin.SimpleListFilter):
        title = "theme"
        parameter_name = "theme"

        def lookups(self, request, model_admin):
            def themes() -> list[str]:
                return list(
                    model_admin.get_queryset(request)
                    .exclude(**{field: ""})
                    .order_by(field)
                    .values_list(field, flat=True)
                    .distinct()
                )

            # Reading every row's theme is the dearest part of a list page.
            # keyed on what the person may see, as the rows themselves are
            seen = "".join(
                f"{request.user.has_perm(p):d}"
                for p in ("inspections.view_unpublished", "inspections.view_sensitive")
            )
            key = (
                f"themes:{model_admin.model._meta.label}:{field}:{seen}:"
                f"{data_version()}"
            )
            known = cache.get_or_set(key, themes, timeout=60 * 60)
            return [(theme, theme) for theme in known] + [(NO_THEME, "No theme")]

        def queryset(self, request, queryset: QuerySet) -> QuerySet:
            value = self.value()
            if value is None:
                return queryset
            return queryset.filter(**{field: "" if value == NO_THEME else value})

    return ThemeFilter


def force_filter(field: str) -> type[admin.SimpleListFilter]:
    """The forces, read once per data version rather than on every list page."""
    from inspections.models import Force

    class ForceFilter(admin.SimpleListFilter):
        title = "force"
        parameter_name = "force"

        def lookups(self, request, model_admin):
            key = f"forces:{data_version()}"
            return cache.get_or_set(
                key,
                lambda: list(Force.objects.order_by("name").values_list("pk", "name")),
                timeout=60 * 60,
            )

        def queryset(self, request, queryset: QuerySet) -> QuerySet:
            value = str(self.value() or "")
            if not value.isdigit():
                return queryset  # not a force: the filter is ignored
            if len(value) > 18:
                return queryset.none()  # no force has an id that large
            return queryset.filter(**{field: value})

    return ForceFilter
