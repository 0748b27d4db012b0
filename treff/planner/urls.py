from django.urls import path

from . import views

app_name = "planner"
T = "treffs/<slug:slug>/planner/"
urlpatterns = [
    path(T, views.request_list, name="request_list"),
    path(T + "requests/new/", views.request_edit, name="request_create"),
    path(T + "requests/<id:pk>/edit/", views.request_edit, name="request_edit"),
    path(T + "requests/<id:pk>/delete/", views.request_delete, name="request_delete"),
    path(T + "propose/", views.propose, name="propose"),
    path(T + "runs/<id:pk>/", views.run_detail, name="run"),
    path(T + "runs/<id:pk>/apply/", views.run_apply, name="run_apply"),
]
