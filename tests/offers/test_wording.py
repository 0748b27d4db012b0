"""Every kind of rule in words, in German and English (engine/wording.py), and where it is used.

The issue's examples: a weekly help request read "Wöchentlich am , 10:00–12:00", booking
requests said "alle 2" without the day, and the planner's "already in the plan" list dropped
the weekdays. One function now describes every rule; these tests pin its exact words.
"""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.offers.engine import Kind, Recurrence, describe, describe_slot, describe_window
from treff.offers.engine.wording import rule_phrase, time_range, weekday_list

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
FIRST, LAST = dt.date(2027, 1, 4), dt.date(2027, 6, 28)


def german(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def weekly(*days, interval=1):
    return Recurrence(Kind.WEEKLY, FIRST, LAST, interval=interval, weekdays=days)


def nth(weekday, which, interval=1):
    return Recurrence(
        Kind.MONTHLY_NTH, FIRST, LAST, interval=interval, weekdays=(weekday,), nth=which
    )


def month_day(day, interval=1):
    return Recurrence(Kind.MONTHLY_DAY, FIRST, LAST, interval=interval, month_day=day)


ONCE = Recurrence(Kind.ONCE, dt.date(2027, 6, 12), dt.date(2027, 6, 12))

# (rule, German, English) — the German of the issue, word for word.
RULES = [
    (ONCE, "einmalig am Samstag, 12.06.2027", "once on Saturday, 12.06.2027"),
    (weekly(MON), "wöchentlich am Montag", "every week on Monday"),
    (
        weekly(THU, TUE, interval=2),
        "alle 2 Wochen am Dienstag und Donnerstag",
        "every 2 weeks on Tuesday and Thursday",
    ),
    (
        weekly(FRI, MON, WED),
        "wöchentlich am Montag, Mittwoch und Freitag",
        "every week on Monday, Wednesday and Friday",
    ),
    (weekly(SUN, interval=3), "alle 3 Wochen am Sonntag", "every 3 weeks on Sunday"),
    (nth(THU, 1), "am ersten Donnerstag im Monat", "on the first Thursday of the month"),
    (nth(TUE, 2), "am zweiten Dienstag im Monat", "on the second Tuesday of the month"),
    (nth(WED, 3), "am dritten Mittwoch im Monat", "on the third Wednesday of the month"),
    (nth(MON, 4), "am vierten Montag im Monat", "on the fourth Monday of the month"),
    (nth(FRI, -1), "am letzten Freitag im Monat", "on the last Friday of the month"),
    (
        nth(FRI, -1, interval=2),
        "alle 2 Monate am letzten Freitag",
        "every 2 months on the last Friday",
    ),
    (
        nth(MON, 2, interval=3),
        "alle 3 Monate am zweiten Montag",
        "every 3 months on the second Monday",
    ),
    (month_day(15), "monatlich am 15.", "monthly on day 15"),
    (month_day(1, interval=6), "alle 6 Monate am 1.", "every 6 months on day 1"),
]


@pytest.mark.parametrize(("rule", "de", "en"), RULES, ids=[row[2] for row in RULES])
def test_every_kind_of_rule_in_german_and_english(rule, de, en):
    with translation.override("de"):
        assert rule_phrase(rule, format_date=german) == de
    with translation.override("en"):
        assert rule_phrase(rule, format_date=german) == en


def test_a_time_range_follows_the_rule_and_midnight_is_24_00():
    rule = weekly(MON)
    with translation.override("de"):
        assert describe(rule, start=dt.time(10), end=dt.time(12)) == (
            "wöchentlich am Montag, 10:00–12:00"
        )
        assert describe(nth(FRI, 2), start=dt.time(20), end=dt.time(0)) == (
            "am zweiten Freitag im Monat, 20:00–24:00"
        )
    with translation.override("en"):
        assert describe(rule, start=dt.time(10), end=dt.time(12)) == (
            "every week on Monday, 10:00–12:00"
        )


def test_the_date_span_is_added_when_asked_and_never_for_a_single_date():
    rule = weekly(TUE, interval=2)
    with translation.override("de"):
        assert describe(
            rule, start=dt.time(10), end=dt.time(12), span=True, format_date=german
        ) == ("alle 2 Wochen am Dienstag, 10:00–12:00, vom 04.01.2027 bis 28.06.2027")
        assert describe(
            ONCE, start=dt.time(14), end=dt.time(18), span=True, format_date=german
        ) == ("einmalig am Samstag, 12.06.2027, 14:00–18:00")
    with translation.override("en"):
        assert describe(rule, span=True, format_date=german) == (
            "every 2 weeks on Tuesday, from 04.01.2027 to 28.06.2027"
        )


def test_a_slot_is_a_date_or_a_weekly_weekday():
    with translation.override("de"):
        assert describe_slot(
            weekday=MON, start=dt.time(10), end=dt.time(12), format_date=german
        ) == ("wöchentlich am Montag, 10:00–12:00")
        assert (
            describe_slot(
                day=dt.date(2026, 12, 7),
                weekday=None,
                start=dt.time(10),
                end=dt.time(11),
                format_date=german,
            )
            == "einmalig am Montag, 07.12.2026, 10:00–11:00"
        )
        assert describe_slot(start=dt.time(9), end=dt.time(10)) == "09:00–10:00"
    with translation.override("en"):
        assert describe_slot(weekday=SAT, start=dt.time(20), end=dt.time(0)) == (
            "every week on Saturday, 20:00–24:00"
        )


def test_a_window_names_the_possible_days_with_or():
    with translation.override("de"):
        assert describe_window([WED, MON, TUE], dt.time(9), dt.time(17)) == (
            "Montag, Dienstag oder Mittwoch, 09:00–17:00"
        )
    with translation.override("en"):
        assert describe_window([FRI], dt.time(20), dt.time(0)) == "Friday, 20:00–24:00"
        assert weekday_list([MON, FRI]) == "Monday and Friday"
        assert time_range(dt.time(8, 30), None) == ""


def test_an_incomplete_rule_is_described_as_far_as_it_goes_never_raising():
    with translation.override("en"):
        assert rule_phrase(weekly()) == "every week"
        assert rule_phrase(weekly(interval=2)) == "every 2 weeks"
        assert rule_phrase(nth(MON, 5)) == "every month"
        assert rule_phrase(Recurrence(Kind.MONTHLY_DAY, FIRST, LAST, month_day=None)) == (
            "every month"
        )
        assert rule_phrase(weekly(9, MON)) == "every week on Monday"


# --- Where the words are used ------------------------------------------------------------------


def test_the_template_filters_describe_series_requests_and_slots(plan_world):
    template = Template(
        "{% load treff_recurrence %}{{ series|recurrence_text }}"
        "|{{ request|recurrence_text:'span' }}|{{ request|recurrence_text:'rule' }}"
        "|{% slot_text date=None weekday=0 start=start end=end %}"
        "|{% slot_text date=day start=start end=end %}"
        "|{{ planning|window_text }}"
    )
    context = Context(
        {
            "series": plan_world.plan.series,
            "request": plan_world.plan.booking_request,
            "start": dt.time(10),
            "end": dt.time(12),
            "day": dt.date(2026, 12, 7),
            "planning": plan_world.plan.planning_request,
        }
    )
    with translation.override("de"):
        assert template.render(context).split("|") == [
            "wöchentlich am Donnerstag, 14:30–16:30",
            "alle 2 Wochen am Dienstag, 10:00–12:00, vom 05.01.2027 bis 29.06.2027",
            "alle 2 Wochen am Dienstag",
            "wöchentlich am Montag, 10:00–12:00",
            "einmalig am Montag, 07.12.2026, 10:00–12:00",
            "Montag, Dienstag oder Mittwoch, 09:00–17:00",
        ]
    with translation.override("en"):
        assert template.render(context).split("|")[:2] == [
            "every week on Thursday, 14:30–16:30",
            "every 2 weeks on Tuesday, 10:00–12:00, from 05/01/2027 to 29/06/2027",
        ]


def test_a_booking_request_names_its_weekday_on_the_page_and_in_the_list(plan_world, client_for):
    request = plan_world.plan.booking_request
    client = client_for("coordinator")
    page = client.get(reverse("offers:booking_request_detail", args=[request.pk])).content.decode()
    assert "Alle 2 Wochen am Dienstag</dd>" in page
    listing = client.get(reverse("offers:booking_request_list")).content.decode()
    assert "Alle 2 Wochen am Dienstag, 10:00–12:00</td>" in listing


def test_the_booking_request_mails_state_the_rule(
    world, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    with scopes_disabled():
        world.users["coordinator"].email = "koordination@example.org"
        world.users["coordinator"].save()
    data = {
        "title": "Schuldnerberatung",
        "category": "visiting_counselling",
        "room_kind": "visit_counselling",
        "kind": "weekly",
        "interval": "2",
        "weekdays": ["1", "3"],
        "starts_on": "2027-01-05",
        "ends_on": "2027-06-29",
        "start_time": "10:00",
        "end_time": "12:00",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client_for("counsellor").post(
            reverse("offers:booking_request_create", args=["franztreff"]), data
        )
    (mail,) = mailoutbox
    assert mail.body.splitlines()[2] == (
        "Termine: Alle 2 Wochen am Dienstag und Donnerstag, 10:00–12:00, "
        "vom 05.01.2027 bis 29.06.2027"
    )


def test_series_lists_and_the_detail_page_use_the_same_words(plan_world, client_for):
    client = client_for("coordinator")
    offers = client.get(reverse("offers:offer_list", args=["franztreff"])).content.decode()
    assert (
        '<td class="kern-table__cell" data-label="Wann">Wöchentlich am Donnerstag, 14:30–16:30</td>'
        in offers
    )
    detail = client.get(
        reverse("offers:series_detail", args=["franztreff", plan_world.plan.series.pk])
    )
    assert detail.context["description"] == "wöchentlich am Donnerstag, 14:30–16:30"


def test_plan_entries_describe_their_rule(plan_world, client_for):
    page = client_for("coordinator").get(
        reverse("offers:plan_detail", args=["franztreff", plan_world.plan.plan_version.pk])
    )
    assert [(e["offer"], e["description"], e["time"]) for e in page.context["entries"]] == [
        ("Seniorencafé", "wöchentlich am Donnerstag", "14:30–16:30")
    ]


def test_the_planners_list_of_the_plan_names_the_weekdays(plan_world, client_for):
    from treff.offers import services
    from treff.offers.models import Series

    world = plan_world
    with scopes_disabled():
        services.series_save(
            series=Series(
                offer=world.plan.offer,
                kind="weekly",
                weekdays=[0, 2],
                interval=2,
                starts_on=dt.date(2027, 1, 4),
                ends_on=dt.date(2027, 3, 29),
                start_time=dt.time(9),
                end_time=dt.time(10),
                room=world.room,
            ),
            user=world.users["coordinator"],
        )
        run = world.plan.planner_run
        run.status = "optimal"
        run.save()
    page = client_for("coordinator").get(reverse("planner:run", args=["franztreff", run.pk]))
    assert [row["when"] for row in page.context["current"]] == [
        "alle 2 Wochen am Montag und Mittwoch, 09:00–10:00, vom 04.01.2027 bis 29.03.2027",
        "wöchentlich am Donnerstag, 14:30–16:30, vom 07.01.2027 bis 25.03.2027",
    ]
    listing = client_for("coordinator").get(
        reverse("planner:planning_request_list", args=["franztreff"])
    )
    assert "Montag, Dienstag oder Mittwoch, 09:00–17:00</td>" in listing.content.decode()


def test_a_weekly_help_request_names_its_weekday(help_world, client_for):
    from treff.volunteers.models import HelpRequest

    with scopes_disabled():
        HelpRequest.objects.filter(pk=help_world.help.request.pk).update(
            date=None, weekday=0, start=dt.time(10), end=dt.time(12)
        )
    page = client_for("coordinator").get(
        reverse("volunteers:help_detail", args=["franztreff", help_world.help.request.pk])
    )
    assert "Wöchentlich am Montag, 10:00–12:00</dd>" in page.content.decode()
