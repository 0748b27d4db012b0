"""The staff pages of the public app: the ideas residents sent to a Treff (no language prefix,
like every staff page)."""

from django.urls import path

from . import views_staff

app_name = "ideas"
urlpatterns = [
    path("treffs/<slug:slug>/ideen/", views_staff.suggestion_list, name="list"),
    path("treffs/<slug:slug>/ideen/<id:pk>/", views_staff.suggestion_mark, name="mark"),
]
