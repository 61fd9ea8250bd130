from django.urls import path

from inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.InspectionListView.as_view(), name="list"),
    path("forces/<slug:slug>/grades/", views.grade_history_view, name="grades"),
]
