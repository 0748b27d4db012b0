"""The coordinator's day at a glance: today's dates with their counts, the lunch table,
open help requests and follow-ups due — and nothing of the other Treff."""

import uuid

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.operations import services as operations
from treff.operations.models import LunchDay

from .counselling.world import build_counselling
from .operations.conftest import operations_objects


def _today_in_franztreff(world):
    today = timezone.localdate()
    objects = operations_objects(world)
    counselling = build_counselling(world)
    with scopes_disabled():
        occurrence = objects.series.occurrences.get(original_date=today)
        for _visitor in range(3):
            operations.tally_tap(
                treff=world.franztreff,
                day=today,
                occurrence=occurrence,
                key=uuid.uuid4(),
                user=world.users["volunteer"],
            )
        operations.tally_tap(
            treff=world.franztreff, day=today, key=uuid.uuid4(), user=world.users["volunteer"]
        )
        LunchDay.objects.create(
            treff=world.franztreff,
            date=today,
            menu="Linseneintopf",
            portions_planned=35,
            portions_served=31,
        )
    return objects, counselling


def test_the_coordinator_sees_today_with_counts_lunch_and_follow_ups(world, client_for):
    objects, counselling = _today_in_franztreff(world)
    response = client_for("coordinator").get(reverse("dashboard:home"))
    ((treff, day, open_help),) = response.context["coordinated_days"]
    assert treff == world.franztreff
    assert [(row.title, row.total) for row in day.rows] == [("Mittagstisch", 3)]
    assert (day.drop_in, day.visitors, open_help) == (1, 4, 0)
    assert day.lunch.menu == "Linseneintopf"
    assert [c.pk for c in response.context["follow_ups"]] == [counselling.contact.pk]
    page = response.content.decode()
    today = timezone.localdate().isoformat()
    assert reverse("operations:tally", args=["franztreff", objects.series.pk, today]) in page
    assert "Linseneintopf" in page
    # The dashboard names no client: the follow-up links to the contact, which is audited.
    assert "Frau Weber" not in page


def test_the_outsider_sees_only_the_own_treff(world, client_for):
    _today_in_franztreff(world)
    response = client_for("outsider").get(reverse("dashboard:home"))
    ((treff, day, _open_help),) = response.context["coordinated_days"]
    assert treff == world.rosseltreff
    assert (day.visitors, day.lunch) == (0, None)
    assert [c.treff for c in response.context["follow_ups"]] == []
    assert "Linseneintopf" not in response.content.decode()


def test_a_counsellor_sees_only_the_own_follow_ups(world, client, client_for):
    _objects, counselling = _today_in_franztreff(world)
    with scopes_disabled():
        counselling.anonymous_contact.follow_up_on = counselling.anonymous_contact.date
        counselling.anonymous_contact.save()
    mine = client_for("counsellor").get(reverse("dashboard:home")).context["follow_ups"]
    assert [c.pk for c in mine] == [counselling.contact.pk]
    client.force_login(counselling.counsellor2)
    theirs = client.get(reverse("dashboard:home")).context["follow_ups"]
    assert [c.pk for c in theirs] == [counselling.anonymous_contact.pk]
    assert "coordinated_days" not in client_for("volunteer").get(reverse("dashboard:home")).context
