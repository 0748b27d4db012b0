from django.urls import path

from . import views, views_committee, views_opendata

app_name = "reports"
urlpatterns = [
    path("reports/", views.report, name="report"),
    path("reports/committee/", views_committee.committee_list, name="committee_list"),
    path("reports/committee/new/", views_committee.committee_edit, name="committee_create"),
    path("reports/committee/<id:pk>/", views_committee.committee_detail, name="committee_detail"),
    path("reports/committee/<id:pk>/edit/", views_committee.committee_edit, name="committee_edit"),
    path(
        "reports/committee/<id:pk>/preview/<slug:fmt>/",
        views_committee.committee_preview,
        name="committee_preview",
    ),
    path("reports/committee/<id:pk>/send/", views_committee.committee_send, name="committee_send"),
    path(
        "reports/committee/versions/<id:pk>/<slug:fmt>/",
        views_committee.version_download,
        name="version_download",
    ),
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
