from django.urls import path

from .views import (
    archive,
    booking_requests,
    calendar,
    export,
    feeds,
    offers,
    pdf,
    plans,
    settings,
    translations,
)

app_name = "offers"
T = "treffs/<slug:slug>/"
urlpatterns = [
    path(T + "plan/week/", calendar.week, name="week"),
    path(T + "plan/month/", calendar.month, name="month"),
    path(T + "plan/day/", calendar.day, name="day"),
    path(T + "plan/rooms/", calendar.room_overview, name="room_overview"),
    path(T + "plan/week.pdf", pdf.week_pdf, name="week_pdf"),
    path(T + "plan/feeds/", feeds.manage, name="feeds"),
    path(T + "plan/settings/", settings.plan_settings, name="plan_settings"),
    path(T + "plan/closures/<id:pk>/delete/", settings.closure_delete, name="closure_delete"),
    path(T + "plan/feeds/<id:pk>/revoke/", feeds.revoke, name="feed_revoke"),
    path("ical/<slug:slug>.ics", feeds.public_treff, name="ical_public"),
    path("ical/<slug:slug>/offers/<id:pk>.ics", feeds.public_offer, name="ical_offer"),
    path("ical/private/<str:token>.ics", feeds.private, name="ical_private"),
    path("requests/", booking_requests.booking_request_list, name="booking_request_list"),
    path(
        "requests/<id:pk>/",
        booking_requests.booking_request_detail,
        name="booking_request_detail",
    ),
    path(
        T + "requests/new/",
        booking_requests.booking_request_create,
        name="booking_request_create",
    ),
    path(T + "plans/", plans.plan_list, name="plan_list"),
    path(T + "plans/<id:pk>/", plans.plan_detail, name="plan_detail"),
    path(T + "plans/<id:pk>/<str:action>/", plans.plan_action, name="plan_action"),
    path(T + "offers/", offers.offer_list, name="offer_list"),
    path(T + "offers/new/", offers.offer_edit, name="offer_create"),
    path(T + "offers/export/<str:fmt>/", export.offer_export, name="offer_export"),
    path(T + "offers/<id:pk>/edit/", offers.offer_edit, name="offer_edit"),
    path(
        T + "offers/<id:pk>/translations/",
        translations.offer_translations,
        name="offer_translations",
    ),
    path(T + "offers/<id:pk>/archive/", archive.offer_archive, name="offer_archive"),
    path(T + "offers/<id:pk>/restore/", archive.offer_restore, name="offer_restore"),
    path(T + "offers/<id:pk>/delete/", archive.offer_delete, name="offer_delete"),
    path(T + "series/new/", offers.series_edit, name="series_create"),
    path(T + "series/<id:pk>/", offers.series_detail, name="series_detail"),
    path(T + "series/<id:pk>/edit/", offers.series_edit, name="series_edit"),
    path(T + "series/<id:pk>/delete/", offers.series_delete, name="series_delete"),
    path(T + "series/<id:pk>/dates/<str:date>/", offers.series_change, name="series_change"),
    path(
        T + "series/<id:pk>/changes/<id:change_pk>/restore/",
        offers.series_restore,
        name="series_restore",
    ),
]
