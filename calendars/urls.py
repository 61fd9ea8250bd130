from django.urls import path

from calendars import views

app_name = "calendars"
urlpatterns = [
    path("", views.calendar_page, name="page"),
    path("link/", views.make_link, name="make_link"),
    path("link/stop/", views.stop_link, name="stop_link"),
    path("<str:secret>.ics", views.feed, name="feed"),
]
