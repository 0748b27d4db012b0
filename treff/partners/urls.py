from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("partners/", views.directory, name="directory"),
    path("partners/new/", views.edit, name="create"),
    path("partners/export/<str:fmt>/", views.directory_export, name="export"),
    path("partners/import/", views.directory_import, name="import"),
    path("partners/<id:pk>/", views.detail, name="detail"),
    path("partners/<id:pk>/edit/", views.edit, name="edit"),
]
