from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("new/", views.report_edit, name="new"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/versions/<int:number>/", views.report_version, name="version"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("<int:pk>/publish/", views.report_publish_view, name="publish"),
]
