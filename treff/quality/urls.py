from django.urls import path

from . import views

app_name = "quality"
Q = "treffs/<slug:slug>/quality/"
urlpatterns = [
    path(Q, views.overview, name="overview"),
    path(f"{Q}meetings/new/", views.meeting_edit, name="meeting_create"),
    path(f"{Q}meetings/<id:pk>/", views.meeting_detail, name="meeting_detail"),
    path(f"{Q}meetings/<id:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path(f"{Q}meetings/<id:pk>/minutes.pdf", views.meeting_pdf, name="meeting_pdf"),
    path(f"{Q}actions/new/", views.action_item_edit, name="action_item_create"),
    path(f"{Q}actions/<id:pk>/edit/", views.action_item_edit, name="action_item_edit"),
    path(f"{Q}actions/<id:pk>/done/", views.action_item_done, name="action_item_done"),
    path(f"{Q}standards/new/", views.standard_create, name="standard_create"),
    path(f"{Q}standards/<id:pk>/", views.standard_detail, name="standard_detail"),
    path(f"{Q}standards/<id:pk>/revise/", views.standard_revise, name="standard_revise"),
    path(f"{Q}documents/new/", views.document_create, name="document_create"),
    path(f"{Q}documents/<id:pk>/", views.document_detail, name="document_detail"),
    path(f"{Q}documents/<id:pk>/upload/", views.document_upload, name="document_upload"),
    path(
        f"{Q}documents/<id:pk>/versions/<id:version>/",
        views.document_download,
        name="document_download",
    ),
    path(
        f"{Q}documents/<id:pk>/versions/<id:version>/acknowledge/",
        views.document_acknowledge,
        name="document_acknowledge",
    ),
]
