"""The admin site, with its list of apps built only when a page shows it: the
navigation is cached (templates/admin/base_site.html), and building the list
asks about every model's permissions on every page."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.functional import SimpleLazyObject


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


class PanelAdminConfig(AdminConfig):
    default_site = "pcc_panel.admin_site.PanelAdminSite"
