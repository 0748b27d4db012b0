from django.urls import path

from . import views

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
