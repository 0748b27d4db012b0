from django.urls import path

from . import views

app_name = "operations"
T = "treffs/<slug:slug>/"
urlpatterns = [
    path(T + "day/", views.day, name="day"),
    # Drop-in hours of a day, or one occurrence (series + its original date): both stable
    # addresses, because occurrences are rebuilt when a series is saved.
    path(T + "tally/open/<str:date>/", views.tally_drop_in, name="tally_drop_in"),
    path(T + "tally/<id:series>/<str:date>/", views.tally, name="tally"),
    path(T + "lunch/", views.lunch_list, name="lunch_list"),
    path(T + "lunch/new/", views.lunch_edit, name="lunch_create"),
    path(T + "lunch/<id:pk>/", views.lunch_edit, name="lunch_edit"),
    path(T + "lunch/<str:date>/add-to-plan/", views.lunch_plan_add, name="lunch_plan_add"),
    path(T + "clothing/", views.clothing_stock, name="clothing_stock"),
    path(T + "clothing/history/", views.clothing_history, name="clothing_history"),
    path(T + "clothing/donations/new/", views.donation_create, name="donation_create"),
    path(T + "clothing/handouts/new/", views.handout_create, name="handout_create"),
    path(T + "clothing/swaps/new/", views.swap_edit, name="swap_create"),
    path(T + "clothing/swaps/<id:pk>/", views.swap_edit, name="swap_edit"),
    path(
        T + "clothing/<str:kind>/<id:pk>/remove/",
        views.clothing_entry_remove,
        name="clothing_entry_remove",
    ),
]
