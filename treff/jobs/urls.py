from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("files/<uuid:pk>/", views.file_detail, name="file"),
    path("files/<uuid:pk>/download/", views.file_download, name="file_download"),
]
