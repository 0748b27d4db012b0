from django.urls import path

from . import views

app_name = "counselling"
T = "treffs/<slug:slug>/counselling/"
urlpatterns = [
    path(T, views.contact_list, name="contacts"),
    path(T + "new/", views.contact_create, name="contact_create"),
    path(T + "contacts/<id:pk>/", views.contact_detail, name="contact_detail"),
    path(T + "contacts/<id:pk>/edit/", views.contact_edit, name="contact_edit"),
    path(T + "contacts/<id:pk>/follow-up-done/", views.follow_up_done, name="follow_up_done"),
    path(T + "notes/<id:pk>/", views.note_edit, name="note_edit"),
    path(T + "clients/", views.client_list, name="clients"),
    path(T + "clients/new/", views.client_create, name="client_create"),
    path(T + "clients/<id:pk>/", views.client_detail, name="client_detail"),
    path(T + "clients/<id:pk>/edit/", views.client_edit, name="client_edit"),
    path(T + "clients/<id:pk>/withdraw/", views.client_withdraw, name="client_withdraw"),
    path(T + "clients/<id:pk>/export/", views.client_export, name="client_export"),
    path(T + "clients/<id:pk>/export.json", views.client_export_json, name="client_export_json"),
    path(T + "clients/<id:pk>/erase/", views.client_erase, name="client_erase"),
    path(T + "audit/", views.audit, name="audit"),
    path(T + "statistics/", views.statistics, name="statistics"),
]
