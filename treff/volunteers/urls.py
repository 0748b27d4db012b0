from django.urls import path

from . import views, views_shifts

app_name = "volunteers"
T = "treffs/<slug:slug>/"
urlpatterns = [
    path(T + "volunteers/", views.volunteer_list, name="list"),
    path(T + "volunteers/new/", views.volunteer_edit, name="create"),
    path(T + "volunteers/<int:pk>/", views.volunteer_edit, name="edit"),
    path(T + "help/", views.help_list, name="help_list"),
    path(T + "help/new/", views.help_intake, name="help_intake"),
    path(T + "help/assign/", views.assign_all, name="assign_all"),
    path(T + "help/<int:pk>/", views.help_detail, name="help_detail"),
    path("me/volunteering/", views.my_profile, name="me"),
    path("me/volunteering/<int:pk>/answer/", views.answer, name="answer"),
    path("hilfe/<slug:slug>/", views.public_form, name="public_form"),
]

urlpatterns += [
    path(T + "shifts/", views_shifts.shift_overview, name="shifts"),
    path(
        T + "shifts/templates/new/", views_shifts.shift_template_edit, name="shift_template_create"
    ),
    path(
        T + "shifts/templates/<int:pk>/",
        views_shifts.shift_template_edit,
        name="shift_template_edit",
    ),
    path(
        T + "volunteers/<int:pk>/certificate/<int:year>.pdf",
        views_shifts.volunteer_certificate,
        name="certificate",
    ),
    path("me/shifts/", views_shifts.my_shifts, name="my_shifts"),
    path("me/shifts/<int:pk>/", views_shifts.shift_toggle, name="shift_toggle"),
    path(
        "me/volunteering/certificate/<int:year>.pdf",
        views_shifts.my_certificate,
        name="my_certificate",
    ),
]
