from django.urls import path

from inspections import views
from inspections.raised_before_views import raised_before_review

app_name = "inspections"

urlpatterns = [
    path("", views.InspectionListView.as_view(), name="list"),
    path("forces/<slug:slug>/grades/", views.grade_history_view, name="grades"),
    path(
        "inspections/<int:pk>/raised-before/",
        raised_before_review,
        name="raised_before",
    ),
]
