"""The admin site, with its list of apps built only when a page shows it:
building the list asks about every model's permissions."""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import path
from django.utils.functional import SimpleLazyObject


class OddAddress(SuspiciousOperation):
    """A query string no page can use: answered 400, never 500."""


class PanelAdminSite(admin.AdminSite):
    def each_context(self, request):
        script_name = request.META["SCRIPT_NAME"]
        site_url = (
            script_name if self.site_url == "/" and script_name else self.site_url
        )
        return {
            "site_title": self.site_title,
            "site_header": self.site_header,
            "site_url": site_url,
            "has_permission": self.has_permission(request),
            "available_apps": SimpleLazyObject(lambda: self.get_app_list(request)),
            "is_popup": False,
            "is_nav_sidebar_enabled": self.enable_nav_sidebar,
            "log_entries": self.get_log_entries(request),
        }

    def admin_view(self, view, cacheable=False):
        """Every admin page: a value too large for a date or a number in the
        query string (?date__year=99999999999999999999) is a bad request."""

        @wraps(view)
        def guarded(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except OverflowError as error:
                raise OddAddress(f"Out-of-range value in {request.path}") from error

        return super().admin_view(guarded, cacheable)

    def get_urls(self):
        # The admin's "view on site" answers for any object, told or not whether
        # it exists: this one asks the model's admin whether the person may see
        # it, and is not found otherwise.
        own = [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            )
        ]
        return own + [
            url
            for url in super().get_urls()
            if getattr(url, "name", None) != "view_on_site"
        ]

    def view_on_site(self, request, content_type_id, object_id):
        from django.contrib.contenttypes.models import ContentType

        if not str(object_id).isdigit():
            raise Http404("Not found.")
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            model = None
        model_admin = self._registry.get(model) if model is not None else None
        if model_admin is None or not model_admin.has_view_or_change_permission(
            request
        ):
            raise Http404("Not found.")
        obj = model_admin.get_queryset(request).filter(pk=object_id).first()
        if obj is None or not hasattr(obj, "get_absolute_url"):
            raise Http404("Not found.")
        return HttpResponseRedirect(obj.get_absolute_url())


class PanelAdminConfig(AdminConfig):
    default_site = "pcc_panel.admin_site.PanelAdminSite"
