from django.urls import path

from actions import views

app_name = "actions"

urlpatterns = [
    path("", views.ActionTrackerView.as_view(), name="tracker"),
    path("export.csv", views.action_export, {"file_format": "csv"}, name="export_csv"),
    path(
        "export.xlsx", views.action_export, {"file_format": "xlsx"}, name="export_xlsx"
    ),
    path("mine/", views.MyActionsView.as_view(), name="mine"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/update/", views.action_update, name="update"),
    path("<int:pk>/sign-off/", views.sign_off_page, name="sign_off"),
    path("<int:pk>/return/", views.return_page, name="return"),
    path(
        "<int:pk>/extension/",
        views.action_extension_request,
        name="extension_request",
    ),
    path(
        "extensions/<int:pk>/decision/",
        views.extension_decision,
        name="extension_decision",
    ),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
]
