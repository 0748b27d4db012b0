from django.urls import path

from . import views

app_name = "planner"
T = "treffs/<slug:slug>/planner/"
urlpatterns = [
    path(T, views.planning_request_list, name="planning_request_list"),
    path(T + "requests/new/", views.planning_request_edit, name="planning_request_create"),
    path(T + "requests/<id:pk>/edit/", views.planning_request_edit, name="planning_request_edit"),
    path(
        T + "requests/<id:pk>/delete/",
        views.planning_request_delete,
        name="planning_request_delete",
    ),
    path(T + "propose/", views.propose, name="propose"),
    path(T + "runs/<id:pk>/", views.run_detail, name="run"),
    path(T + "runs/<id:pk>/apply/", views.run_apply, name="run_apply"),
    path(T + "runs/<id:pk>/retry/", views.run_retry, name="run_retry"),
]
