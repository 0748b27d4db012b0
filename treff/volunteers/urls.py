from django.urls import path

from . import views, views_applications, views_export, views_shifts

app_name = "volunteers"
T = "treffs/<slug:slug>/"
urlpatterns = [
    path(T + "volunteers/", views.volunteer_list, name="list"),
    path(T + "volunteers/new/", views.volunteer_edit, name="create"),
    path(T + "volunteers/export/<str:fmt>/", views_export.volunteer_export, name="export"),
    path(T + "volunteers/<id:pk>/", views.volunteer_edit, name="edit"),
    path(
        T + "volunteers/applications/",
        views_applications.application_list,
        name="applications",
    ),
    path(
        T + "volunteers/applications/<id:pk>/",
        views_applications.application_detail,
        name="application_detail",
    ),
    path(T + "help/", views.help_list, name="help_list"),
    path(T + "help/new/", views.help_intake, name="help_intake"),
    path(T + "help/assign/", views.assign_all, name="assign_all"),
    path(T + "help/<id:pk>/", views.help_detail, name="help_detail"),
    path(T + "help/<id:pk>/edit/", views.help_edit, name="help_edit"),
    path("me/volunteering/", views.my_profile, name="me"),
    path("me/volunteering/<id:pk>/answer/", views.answer, name="answer"),
]

urlpatterns += [
    path(T + "shifts/", views_shifts.shift_overview, name="shifts"),
    path(T + "shifts/<id:pk>/", views_shifts.shift_detail, name="shift_detail"),
    path(
        T + "shifts/templates/new/", views_shifts.shift_template_edit, name="shift_template_create"
    ),
    path(
        T + "shifts/templates/<id:pk>/",
        views_shifts.shift_template_edit,
        name="shift_template_edit",
    ),
    path(
        T + "volunteers/<id:pk>/certificate/<id:year>.pdf",
        views_shifts.volunteer_certificate,
        name="certificate",
    ),
    path(
        T + "volunteers/<id:pk>/qualifications/",
        views_shifts.qualification_add,
        name="qualification_add",
    ),
    path(
        T + "volunteers/<id:pk>/qualifications/<id:qualification>/remove/",
        views_shifts.qualification_remove,
        name="qualification_remove",
    ),
    path("me/shifts/", views_shifts.my_shifts, name="my_shifts"),
    path("me/shifts/<id:pk>/", views_shifts.shift_toggle, name="shift_toggle"),
    path(
        "me/volunteering/certificate/<id:year>.pdf",
        views_shifts.my_certificate,
        name="my_certificate",
    ),
]
