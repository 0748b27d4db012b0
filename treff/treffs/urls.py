from django.urls import path

from . import views, views_districts, views_export, views_import, views_organisations

app_name = "treffs"
urlpatterns = [
    path("treffs/new/", views.treff_create, name="create"),
    path("treffs/<slug:slug>/", views.treff_detail, name="detail"),
    path("treffs/<slug:slug>/edit/", views.treff_edit, name="edit"),
    path("treffs/<slug:slug>/rooms/new/", views.room_create, name="room_create"),
    path("treffs/<slug:slug>/rooms/import/", views_import.room_import, name="room_import"),
    path("treffs/<slug:slug>/rooms/<id:pk>/edit/", views.room_edit, name="room_edit"),
    path("treffs/<slug:slug>/rooms/<id:pk>/delete/", views.room_delete, name="room_delete"),
    path("organisations/", views_organisations.organisation_list, name="organisations"),
    path("organisations/new/", views_organisations.organisation_form, name="organisation_create"),
    path(
        "organisations/<id:pk>/edit/",
        views_organisations.organisation_form,
        name="organisation_edit",
    ),
    path("districts/", views_districts.district_list, name="districts"),
    path("districts/import/", views_districts.district_import, name="district_import"),
    path("districts/export/<str:fmt>/", views_districts.district_export, name="district_export"),
    path("rooms/", views.room_list, name="room_list"),
    path("rooms/export/<str:fmt>/", views_export.room_export, name="room_export"),
]
