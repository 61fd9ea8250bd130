from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

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
    path("admin/", admin.site.urls),
]
