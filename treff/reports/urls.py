from django.urls import path

from . import views, views_opendata

app_name = "reports"
urlpatterns = [
    path("reports/", views.report, name="report"),
    path("reports/open-data/", views_opendata.page, name="open_data"),
    path(
        "reports/open-data/<slug:slug>/<str:year>.csv",
        views_opendata.download,
        {"fmt": "csv"},
        name="open_data_csv",
    ),
    path(
        "reports/open-data/<slug:slug>/<str:year>.json",
        views_opendata.download,
        {"fmt": "json"},
        name="open_data_json",
    ),
]
