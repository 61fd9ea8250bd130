from django.urls import path

from questions import views

app_name = "questions"
urlpatterns = [
    path("", views.question_list, name="list"),
    path("<int:pk>/", views.question_detail, name="detail"),
    path("ask/<str:kind>/<int:pk>/", views.ask, name="ask"),
]
