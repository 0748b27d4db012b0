"""Archiving, restoring and deleting an offer (issue 11, item 11).

The clock stands at Monday 2026-11-30 10:00; the operations world's Mittagstisch series runs
weekly on Mondays 11–13 from four weeks back to four weeks ahead, with a tally today.
"""

import datetime as dt
import re
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from treff.offers import plans, services
from treff.offers.models import Occurrence, Offer, PlanVersion, Series, SeriesChange
from treff.operations import services as operations
from treff.operations.models import Tally

from ..operations.conftest import operations_objects

TODAY = dt.date(2026, 11, 30)
TODAY_TZ = ZoneInfo("Europe/Berlin")


@pytest.fixture
def lunch(world):
    objects = operations_objects(world)
    with scopes_disabled():
        operations.tally_tap(
            treff=world.franztreff,
            day=dt.date(2026, 11, 23),
            occurrence=Occurrence.objects.get(
                series=objects.series, original_date=dt.date(2026, 11, 23)
            ),
            key=uuid.uuid4(),
            user=world.users["coordinator"],
        )
    return objects


def _dates(series):
    with scopes_disabled():
        return list(
            Occurrence.objects.filter(series=series)
            .order_by("original_date")
            .values_list("original_date", flat=True)
        )


def test_archiving_ends_the_series_before_today_and_keeps_the_past(world, lunch):
    with scopes_disabled():
        archived = services.offer_archive(offer=lunch.offer, user=world.users["coordinator"])
        series = Series.objects.get(pk=lunch.series.pk)
        tallies = Tally.objects.filter(series=series).count()
    assert archived.active is False
    assert series.ends_on == dt.date(2026, 11, 29)
    assert _dates(series) == [dt.date(2026, 11, day) for day in (2, 9, 16, 23)]
    assert tallies == 1


def test_a_date_that_has_begun_today_is_kept(world, lunch, clock):
    clock.move_to(dt.datetime(2026, 11, 30, 11, 30, tzinfo=TODAY_TZ))
    with scopes_disabled():
        services.offer_archive(offer=lunch.offer, user=world.users["coordinator"])
        series = Series.objects.get(pk=lunch.series.pk)
    assert series.ends_on == TODAY
    assert _dates(series)[-1] == TODAY


def test_a_series_that_has_not_started_goes_and_changes_ahead_go_with_the_end(world, plan_world):
    plan = plan_world.plan
    with scopes_disabled():
        services.offer_archive(offer=plan.offer, user=world.users["coordinator"])
        assert Series.objects.filter(offer=plan.offer).exists() is False
        assert SeriesChange.objects.filter(pk=plan.change.pk).exists() is False
        assert Offer.objects.get(pk=plan.offer.pk).active is False


def test_a_past_date_moved_ahead_is_cancelled(world, lunch):
    coordinator = world.users["coordinator"]
    with scopes_disabled():
        services.series_change_save(
            change=SeriesChange(
                series=lunch.series,
                original_date=dt.date(2026, 11, 23),
                new_date=dt.date(2026, 12, 3),
                reason="Küche gesperrt",
            ),
            cancel=False,
            user=coordinator,
        )
        services.offer_archive(offer=lunch.offer, user=coordinator)
        change = SeriesChange.objects.get(series=lunch.series, original_date=dt.date(2026, 11, 23))
        upcoming = Occurrence.objects.filter(
            series=lunch.series, cancelled=False, start__date__gte=TODAY
        ).count()
    assert (change.cancelled, change.new_date) == (True, None)
    assert upcoming == 0


def test_archiving_an_approved_plan_shows_the_change_since_approval(world, lunch):
    coordinator = world.users["coordinator"]
    with scopes_disabled():
        plan = plans.plan_create(
            plan=PlanVersion(
                title="Winter", valid_from=dt.date(2026, 11, 1), valid_to=dt.date(2027, 1, 31)
            ),
            treff=world.franztreff,
            user=coordinator,
        )
        plans.plan_submit(plan=plan, user=coordinator)
        plan = plans.plan_decide(
            plan=PlanVersion.objects.get(pk=plan.pk),
            approve=True,
            comments="",
            user=world.users["city"],
        )
        assert plans.live_changes(plan) is None
        services.offer_archive(offer=lunch.offer, user=coordinator)
        changes = plans.live_changes(PlanVersion.objects.get(pk=plan.pk))
    assert [(c["after"]["id"], c["fields"]) for c in changes["changed"]] == [
        (lunch.series.pk, ["period"])
    ]


def test_archiving_twice_and_restoring_an_active_offer_are_refused(world, lunch):
    coordinator = world.users["coordinator"]
    with scopes_disabled():
        with pytest.raises(ValidationError) as not_archived:
            services.offer_restore(offer=lunch.offer, user=coordinator)
        services.offer_archive(offer=lunch.offer, user=coordinator)
        with pytest.raises(ValidationError) as twice:
            services.offer_archive(offer=lunch.offer, user=coordinator)
        restored = services.offer_restore(offer=lunch.offer, user=coordinator)
    assert not_archived.value.messages == [gettext("This offer is not archived.")]
    assert twice.value.messages == [gettext("This offer is archived already.")]
    assert restored.active is True


def test_a_used_offer_is_not_deleted(world, lunch):
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            services.offer_delete(offer=lunch.offer, user=world.users["coordinator"])
        assert Offer.objects.filter(pk=lunch.offer.pk).exists() is True
    assert refused.value.messages == [
        gettext("This offer cannot be deleted; archive it instead."),
        gettext("It has dates that have already taken place."),
        gettext("Visitors have been counted at its dates."),
    ]


def test_an_unused_offer_is_deleted_with_its_series(world, plan_world):
    plan = plan_world.plan
    with scopes_disabled():
        assert services.offer_uses(plan.offer) == []
        services.offer_delete(offer=plan.offer, user=world.users["coordinator"])
        assert Offer.objects.filter(pk=plan.offer.pk).exists() is False
        assert Series.objects.filter(pk=plan.series.pk).exists() is False


def test_an_offer_from_an_accepted_booking_request_is_in_use(world, plan_world):
    plan = plan_world.plan
    with scopes_disabled():
        request = plan.booking_request
        request.series = plan.series
        request.save()
        assert services.offer_uses(plan.offer) == [
            gettext("One of its series came from a booking request.")
        ]


# Pages ------------------------------------------------------------------------------------


def _url(name, offer):
    return reverse(f"offers:{name}", args=["franztreff", offer.pk])


def test_the_list_hides_archived_offers_and_the_filter_shows_them(world, lunch, client_for):
    with scopes_disabled():
        services.offer_archive(offer=lunch.offer, user=world.users["coordinator"])
    client = client_for("coordinator")
    url = reverse("offers:offer_list", args=["franztreff"])
    active = client.get(url)
    archived = client.get(url, {"show": "archived"})
    assert [o.title for o in active.context["offers"]] == []
    assert [s.pk for s in active.context["series"]] == []
    assert [o.title for o in archived.context["offers"]] == ["Mittagstisch"]
    assert [s.pk for s in archived.context["series"]] == [lunch.series.pk]
    assert _url("offer_restore", lunch.offer) in archived.content.decode()


def test_the_archived_list_says_archived_offers_once(world, lunch, client_for):
    """The current tab says it; the heading does not repeat it, and the table keeps its name
    in a caption for screen readers only."""
    with scopes_disabled():
        services.offer_archive(offer=lunch.offer, user=world.users["coordinator"])
    page = client_for("coordinator").get(
        reverse("offers:offer_list", args=["franztreff"]), {"show": "archived"}
    )
    main = page.content.decode().split("<main")[1].split("</main>")[0]
    caption = '<caption class="kern-sr-only">Archivierte Angebote</caption>'
    heading = re.search(r'<h2 id="offers-heading"[^>]*>(.*?)</h2>', main).group(1)
    visible = main.replace(caption, "").count("Archivierte Angebote")
    assert (heading, main.count(caption), visible) == ("Angebote", 1, 1)


@pytest.mark.parametrize("user", ["coordinator", "carrier"])
def test_the_treffs_managers_archive_restore_and_delete_through_confirm_pages(
    world, plan_world, client_for, user
):
    offer = plan_world.plan.offer
    client = client_for(user)
    assert client.get(_url("offer_archive", offer)).status_code == 200
    response = client.post(_url("offer_archive", offer))
    assert response.status_code == 302
    assert response["Location"] == reverse("offers:offer_list", args=["franztreff"]) + (
        "?show=archived"
    )
    assert client.get(_url("offer_restore", offer)).status_code == 405
    assert client.post(_url("offer_restore", offer)).status_code == 302
    confirm = client.get(_url("offer_delete", offer))
    assert (confirm.status_code, confirm.context["uses"]) == (200, [])
    assert client.post(_url("offer_delete", offer)).status_code == 302
    with scopes_disabled():
        assert Offer.objects.filter(pk=offer.pk).exists() is False


def test_the_delete_page_of_a_used_offer_explains_and_offers_archiving(world, lunch, client_for):
    client = client_for("coordinator")
    page = client.get(_url("offer_delete", lunch.offer))
    html = page.content.decode()
    assert page.context["uses"] == [
        gettext("It has dates that have already taken place."),
        gettext("Visitors have been counted at its dates."),
    ]
    assert 'type="submit"' not in html.split("<main")[-1].split("</main>")[0]
    assert _url("offer_archive", lunch.offer) in html
    refused = client.post(_url("offer_delete", lunch.offer))
    assert refused.status_code == 400
    with scopes_disabled():
        assert Offer.objects.filter(pk=lunch.offer.pk).exists() is True


@pytest.mark.parametrize(
    ("user", "status"),
    [("outsider", 404), ("other_carrier", 404), ("volunteer", 403), ("no_role", 404)],
)
def test_others_may_neither_archive_nor_restore_nor_delete(
    world, plan_world, client_for, user, status
):
    offer = plan_world.plan.offer
    client = client_for(user)
    assert client.post(_url("offer_archive", offer)).status_code == status
    assert client.post(_url("offer_delete", offer)).status_code == status
    with scopes_disabled():
        Offer.objects.filter(pk=offer.pk).update(active=False)
    assert client.post(_url("offer_restore", offer)).status_code == status
    with scopes_disabled():
        assert Offer.objects.get(pk=offer.pk).active is False
        assert Series.objects.filter(pk=plan_world.plan.series.pk).exists() is True


def test_an_archived_offer_gets_no_new_series_until_restored(world, lunch, client_for):
    coordinator = world.users["coordinator"]
    with scopes_disabled():
        services.offer_archive(offer=lunch.offer, user=coordinator)
        new = Series(
            offer=Offer.objects.get(pk=lunch.offer.pk),
            kind="once",
            starts_on=dt.date(2026, 12, 12),
            ends_on=dt.date(2026, 12, 12),
            start_time=dt.time(11),
            end_time=dt.time(13),
            room=world.room,
        )
        with pytest.raises(ValidationError) as refused:
            services.series_save(series=new, user=coordinator)
    assert refused.value.message_dict == {
        "offer": [gettext("This offer is archived; restore it before adding dates.")]
    }
    form = client_for("coordinator").get(reverse("offers:series_create", args=["franztreff"]))
    assert list(form.context["form"].fields["offer"].queryset) == []
