"""A change of a series applies from a day on; the dates before it stay as they were.

The UX test's example: editing the Teamsitzung from 16:00–17:00 to 16:30–17:30 rewrote every
past date and marked the approved plan as changed. Now the form asks from when the change
applies (today by default, or the first date of a series that has not started): a series
with dates before that day is split — it ends the day before, and a new series of the same
offer continues it with the change — and one with nothing before it changes in place.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.offers import plans, services
from treff.offers.models import Occurrence, Offer, PlanVersion, Series, SeriesChange
from treff.operations.models import Tally

BERLIN = ZoneInfo("Europe/Berlin")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
# A Monday in the middle of the Seniorencafé (Thursdays 07.01.–25.03.2027, 14:30–16:30).
STARTED = dt.datetime(2027, 2, 1, 10, 0, tzinfo=BERLIN)


def _form(world, **overrides):
    data = {
        "offer": world.plan.offer.pk,
        "kind": "weekly",
        "starts_on": "2027-01-07",
        "ends_on": "2027-03-25",
        "interval": "1",
        "weekdays": ["3"],
        "start_time": "15:00",
        "end_time": "17:00",
        "room": world.room.pk,
        "holiday_policy": "skip",
        "needs_barrier_free": "on",
        "version": str(world.plan.series.version),
    }
    data.update(overrides)
    return data


def _dates(series):
    """(date, start, cancelled) of every stored date, in Berlin time."""
    with scopes_disabled():
        return [
            (f"{o.original_date:%d.%m.}", f"{o.start.astimezone(BERLIN):%H:%M}", o.cancelled)
            for o in Occurrence.objects.filter(series=series).order_by("start")
        ]


def _edit(client, world, **overrides):
    url = reverse("offers:series_edit", args=["franztreff", world.plan.series.pk])
    return client.post(url, _form(world, **overrides), **EN)


def test_editing_a_started_series_changes_it_from_today_and_keeps_the_past(
    plan_world, client_for, clock
):
    clock.move_to(STARTED)
    world = plan_world
    response = _edit(client_for("coordinator"), world)
    with scopes_disabled():
        old = Series.objects.get(pk=world.plan.series.pk)
        new = Series.objects.get(continues=old)
    assert response.status_code == 302
    assert response.url == reverse("offers:series_detail", args=["franztreff", new.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The series has been saved. The change applies from 04/02/2027; the dates before it "
        "stay as they were."
    ]
    assert (old.starts_on, old.ends_on, f"{old.start_time:%H:%M}") == (
        dt.date(2027, 1, 7),
        dt.date(2027, 1, 31),
        "14:30",
    )
    assert _dates(old) == [
        ("07.01.", "14:30", False),
        ("14.01.", "14:30", True),
        ("21.01.", "14:30", False),
        ("28.01.", "14:30", False),
    ]
    assert (new.offer, new.room, new.starts_on, new.ends_on) == (
        world.plan.offer,
        world.room,
        dt.date(2027, 2, 4),
        dt.date(2027, 3, 25),
    )
    assert _dates(new) == [
        (day, "15:00", False)
        for day in ("04.02.", "11.02.", "18.02.", "25.02.", "04.03.", "11.03.", "18.03.", "25.03.")
    ]
    with scopes_disabled():
        assert list(SeriesChange.objects.values_list("series_id", "original_date")) == [
            (old.pk, dt.date(2027, 1, 14))
        ]


def test_the_form_offers_today_or_the_first_date_and_nothing_for_a_single_date(
    plan_world, client_for, clock
):
    world = plan_world
    client = client_for("coordinator")
    url = reverse("offers:series_edit", args=["franztreff", world.plan.series.pk])
    # Not started yet (the clock stands on 30.11.2026): the change applies to every date.
    assert client.get(url).context["form"]["apply_from"].value() == dt.date(2027, 1, 7)
    clock.move_to(STARTED)
    client = client_for("coordinator")  # a new session: the first one ended with the old clock
    page = client.get(url)
    assert page.context["form"]["apply_from"].value() == dt.date(2027, 2, 1)
    assert 'name="apply_from"' in page.content.decode()
    with scopes_disabled():
        once = services.series_save(
            series=Series(
                offer=world.plan.offer,
                kind="once",
                starts_on=dt.date(2027, 4, 1),
                ends_on=dt.date(2027, 4, 1),
                start_time=dt.time(10),
                end_time=dt.time(12),
                room=world.room,
            ),
            user=world.users["coordinator"],
        )
    single = client.get(reverse("offers:series_edit", args=["franztreff", once.pk]))
    assert "apply_from" not in single.context["form"].fields


def test_a_series_that_has_not_started_changes_in_place(plan_world, client_for):
    world = plan_world
    response = _edit(client_for("coordinator"), world)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["The series has been saved."]
    with scopes_disabled():
        assert Series.objects.count() == 1
    assert _dates(world.plan.series)[:3] == [
        ("07.01.", "15:00", False),
        ("14.01.", "15:00", True),
        ("21.01.", "15:00", False),
    ]


def test_an_edit_that_changes_no_date_is_made_in_place(plan_world, client_for, clock):
    clock.move_to(STARTED)
    world = plan_world
    response = _edit(
        client_for("coordinator"),
        world,
        start_time="14:30",
        end_time="16:30",
        ends_on="2027-03-18",
        note="Mit Kuchen",
    )
    assert response.status_code == 302
    with scopes_disabled():
        (series,) = Series.objects.all()
    assert (series.ends_on, series.note) == (dt.date(2027, 3, 18), "Mit Kuchen")
    assert _dates(series)[-1] == ("18.03.", "14:30", False)


def test_a_fortnightly_series_keeps_its_rhythm_after_the_change(world, clock):
    clock.move_to(dt.datetime(2027, 1, 12, 9, tzinfo=BERLIN))
    user = world.users["coordinator"]
    with scopes_disabled():
        offer = Offer.objects.create(
            treff=world.franztreff,
            title="Schuldnerberatung",
            category="leisure",
            provider=world.drk,
        )
        series = services.series_save(
            series=Series(
                offer=offer,
                kind="weekly",
                interval=2,
                weekdays=[1],
                starts_on=dt.date(2027, 1, 5),
                ends_on=dt.date(2027, 2, 28),
                start_time=dt.time(10),
                end_time=dt.time(12),
                room=world.room,
            ),
            user=user,
        )
        edited = Series.objects.get(pk=series.pk)
        edited.weekdays = [3]  # Thursday instead of Tuesday, from today (an off week) on
        new = services.series_change_from(series=edited, apply_from=None, user=user)
    assert _dates(series) == [("05.01.", "10:00", False)]
    # The weeks of 04.01., 18.01. and 01.02. stay the series' weeks.
    assert _dates(new) == [
        ("21.01.", "10:00", False),
        ("04.02.", "10:00", False),
        ("18.02.", "10:00", False),
    ]
    assert new.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20270228T225959Z"


def test_later_changes_and_todays_tally_follow_the_new_series(plan_world, clock):
    clock.move_to(dt.datetime(2027, 2, 4, 9, tzinfo=BERLIN))
    world = plan_world
    user = world.users["coordinator"]
    with scopes_disabled():
        series = world.plan.series
        later = services.series_change_save(
            change=SeriesChange(
                series=series, original_date=dt.date(2027, 2, 18), reason="Fortbildung"
            ),
            cancel=True,
            user=user,
        )
        tallies = {
            day: Tally.objects.create(
                treff=world.franztreff,
                kind="occurrence",
                date=day,
                series=series,
                original_date=day,
                title="Seniorencafé",
            )
            for day in (dt.date(2027, 1, 28), dt.date(2027, 2, 4))
        }
        edited = Series.objects.get(pk=series.pk)
        edited.start_time, edited.end_time = dt.time(15), dt.time(17)
        new = services.series_change_from(series=edited, apply_from=None, user=user)
        later.refresh_from_db()
        for tally in tallies.values():
            tally.refresh_from_db()
    assert new.starts_on == dt.date(2027, 2, 4)
    assert later.series == new
    assert [(day.isoformat(), t.series_id) for day, t in tallies.items()] == [
        ("2027-01-28", series.pk),
        ("2027-02-04", new.pk),
    ]
    assert _dates(new)[:3] == [
        ("04.02.", "15:00", False),
        ("11.02.", "15:00", False),
        ("18.02.", "15:00", True),
    ]


def test_a_conflict_of_the_changed_dates_is_refused_and_nothing_changes(
    plan_world, client_for, clock
):
    clock.move_to(STARTED)
    world = plan_world
    with scopes_disabled():
        offer = Offer.objects.create(
            treff=world.franztreff, title="Nähcafé", category="leisure", provider=world.drk
        )
        services.series_save(
            series=Series(
                offer=offer,
                kind="once",
                starts_on=dt.date(2027, 2, 11),
                ends_on=dt.date(2027, 2, 11),
                start_time=dt.time(16, 30),
                end_time=dt.time(18),
                room=world.room,
            ),
            user=world.users["coordinator"],
        )
    response = _edit(client_for("coordinator"), world)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Room Gruppenraum is already booked on 11/02/2027 at 16:30 by “Nähcafé”."
    ]
    with scopes_disabled():
        assert Series.objects.filter(offer=world.plan.offer).count() == 1
        series = Series.objects.get(pk=world.plan.series.pk)
    assert (series.ends_on, series.version) == (dt.date(2027, 3, 25), world.plan.series.version)
    assert _dates(series)[-1] == ("25.03.", "14:30", False)


@pytest.mark.parametrize(
    ("apply_from", "message"),
    [
        (
            "2027-04-01",
            "The changed series has no date from 01/04/2027 on; choose an earlier day or a "
            "later last date.",
        ),
        ("2099-01-01", None),  # outside ±5 years: the planned_date validator's message
    ],
)
def test_a_day_after_which_nothing_is_left_is_refused_on_its_field(
    plan_world, client_for, clock, apply_from, message
):
    clock.move_to(STARTED)
    response = _edit(client_for("coordinator"), plan_world, apply_from=apply_from)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["apply_from"]
    if message is not None:
        assert errors["apply_from"] == [message]
    with scopes_disabled():
        assert Series.objects.count() == 1


def test_the_service_validates_what_it_is_given(plan_world, clock):
    clock.move_to(STARTED)
    world = plan_world
    user = world.users["coordinator"]
    with scopes_disabled(), translation.override("en"):
        edited = Series.objects.get(pk=world.plan.series.pk)
        edited.start_time = dt.time(15)
        with pytest.raises(ValidationError) as far:
            services.series_change_from(series=edited, apply_from=dt.date(1999, 1, 1), user=user)
        with pytest.raises(ValidationError) as odd:
            services.series_change_from(series=edited, apply_from="2027-02-04", user=user)
        with pytest.raises(ValidationError) as stale:
            services.series_change_from(
                series=edited, apply_from=None, user=user, expected_version=99
            )
        edited.end_time = dt.time(0, 30)
        with pytest.raises(ValidationError) as overnight:
            services.series_change_from(series=edited, apply_from=None, user=user)
        assert Series.objects.count() == 1
        overnight_messages = overnight.value.message_dict
    assert list(far.value.message_dict) == ["apply_from"]
    assert odd.value.message_dict == {"apply_from": ["Enter a valid date."]}
    assert stale.value.messages == [
        "Someone else changed this series while you were editing it. Nothing has been saved; "
        "please reload the page and enter your change again."
    ]
    assert overnight_messages == {
        "end_time": [
            "A date ends at midnight at the latest: it cannot run into the next day. For an "
            "end at midnight enter 00:00."
        ]
    }


def test_both_series_pages_say_that_one_continues_the_other(plan_world, client_for, clock):
    clock.move_to(STARTED)
    world = plan_world
    client = client_for("coordinator")
    _edit(client, world)
    with scopes_disabled():
        old = Series.objects.get(pk=world.plan.series.pk)
        new = Series.objects.get(continues=old)
    old_page = client.get(reverse("offers:series_detail", args=["franztreff", old.pk]), **EN)
    new_page = client.get(reverse("offers:series_detail", args=["franztreff", new.pk]), **EN)
    assert (old_page.context["continues"], old_page.context["continued_by"]) == (None, [new])
    assert (new_page.context["continues"], new_page.context["continued_by"]) == (old, [])
    new_url = reverse("offers:series_detail", args=["franztreff", new.pk])
    old_url = reverse("offers:series_detail", args=["franztreff", old.pk])
    assert (
        f'Continued by</dt><dd class="kern-description-list-item__value"><a class="kern-link" '
        f'href="{new_url}">the series of 04/02/2027–25/03/2027</a>'
    ) in old_page.content.decode()
    assert (
        f'Continues</dt><dd class="kern-description-list-item__value"><a class="kern-link" '
        f'href="{old_url}">the series of 07/01/2027–31/01/2027</a>'
    ) in new_page.content.decode()
    for user in ("outsider", "volunteer"):
        response = client_for(user).get(new_url)
        assert (user, response.status_code) == (user, 404 if user == "outsider" else 403)


def _approved(world, title, first, last):
    user = world.users["coordinator"]
    plan = plans.plan_create(
        plan=PlanVersion(title=title, valid_from=first, valid_to=last),
        treff=world.franztreff,
        user=user,
    )
    plans.plan_submit(plan=plan, user=user)
    plans.plan_decide(plan=plan, approve=True, comments="", user=world.users["city"])
    plan.refresh_from_db()
    return plan


def test_an_approved_plan_sees_only_what_changed_in_its_period(plan_world, clock):
    world = plan_world
    with scopes_disabled():
        january = _approved(world, "Januar 2027", dt.date(2027, 1, 1), dt.date(2027, 1, 31))
        half_year = _approved(world, "1. Halbjahr", dt.date(2027, 1, 1), dt.date(2027, 6, 30))
        snapshot = list(half_year.snapshot)
        clock.move_to(STARTED)
        edited = Series.objects.get(pk=world.plan.series.pk)
        edited.start_time, edited.end_time = dt.time(15), dt.time(17)
        new = services.series_change_from(
            series=edited, apply_from=None, user=world.users["coordinator"]
        )
        # January's dates are as approved: the shorter series is no change there.
        assert plans.live_changes(january) is None
        changes = plans.live_changes(half_year)
        half_year.refresh_from_db()
    with translation.override("en"):
        described = plans.described_diff(changes)
    assert [(e["id"], e["time"], e["period"]) for e in changes["added"]] == [
        (new.pk, "15:00–17:00", "04.02.2027–25.03.2027")
    ]
    assert [(c["after"]["id"], c["fields"]) for c in changes["changed"]] == [
        (world.plan.series.pk, ["period"])
    ]
    assert [c["summary"] for c in described["changed"]] == [
        ["07.01.2027–25.03.2027 → 07.01.2027–31.01.2027"]
    ]
    assert changes["removed"] == []
    assert half_year.snapshot == snapshot
