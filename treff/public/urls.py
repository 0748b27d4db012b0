"""Public addresses, each under the reader's language (/de/…, /uk/…; see treff/urls.py).

The fixed pages come before "<slug>/", so a Treff can never hide them (treffs.models.RESERVED_SLUGS
holds these words, which no Treff may take as its short name).
"""

from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("hilfe-bekommen/", views.getting_help, name="getting_help"),
    path("mittagstisch/", views.lunch, name="lunch"),
    path("wegweiser/", views.directory, name="directory"),
    path("<slug:slug>/", views.treff_page, name="treff"),
    path("<slug:slug>/drucken/", views.treff_print, name="treff_print"),
    path("<slug:slug>/angebote/<id:pk>/", views.offer_page, name="offer"),
    path("<slug:slug>/hilfe/", views.help_form, name="help"),
    path("<slug:slug>/engagieren/", views.volunteer_form, name="volunteer"),
    path("<slug:slug>/idee/", views.idea_form, name="idea"),
]
