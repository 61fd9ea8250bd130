from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from opendata.api import api

admin.site.site_header = "PCC Panel administration"
admin.site.site_title = "PCC Panel admin"
admin.site.index_title = "Inspections and action plans"

urlpatterns = [
    path("", include("inspections.urls")),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("actions/", include("actions.urls")),
    path("", include("governance.urls")),
    path("reports/", include("reports.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/passkeys/", include("accounts.passkey_urls")),
    # One sign-in page for the site and the admin, throttled and logged alike.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("open-data/", include("opendata.urls")),
    path("calendar/", include("calendars.urls")),
    path("search/", include("search.urls")),
    path("questions/", include("questions.urls")),
]

if settings.BENCHMARK_VIEWS:  # make bench's reference views, never in production
    urlpatterns += [path("bench/", include(("pcc_panel.bench", "bench")))]

handler500 = "pcc_panel.errors.server_error"
