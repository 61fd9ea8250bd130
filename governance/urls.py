from django.urls import path

from governance import views
from governance.inspection_page import InspectionPageView

app_name = "governance"

urlpatterns = [
    path("inspections/<int:pk>/", InspectionPageView.as_view(), name="inspection"),
    path(
        "inspections/<int:pk>/section-55/",
        views.section_55_edit,
        name="section_55_edit",
    ),
    path(
        "inspections/<int:pk>/by-force/",
        views.thematic_progress_view,
        name="thematic_progress",
    ),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/findings/", views.OpenFindingsView.as_view(), name="open_findings"),
    path("meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/<int:pk>/", views.MeetingSnapshotView.as_view(), name="meeting"),
    path(
        "meetings/<int:pk>/snapshot.csv",
        views.MeetingSnapshotView.as_view(),
        {"export": True},
        name="meeting_csv",
    ),
]
