import io

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.treffs.models import Membership, OpeningHours, Organisation, Role, Room, Treff

pytestmark = pytest.mark.django_db
MODELS = [Organisation, Treff, OpeningHours, Room, Membership, get_user_model()]


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True


def _load():
    call_command("load_demo", stdout=io.StringIO())


def _snapshot():
    with scopes_disabled():
        return {m.__name__: serializers.serialize("json", m.objects.order_by("pk")) for m in MODELS}


def test_loading_the_demo_twice_changes_nothing(demo_mode):
    _load()
    first = _snapshot()
    _load()
    assert _snapshot() == first


def test_demo_has_both_treffs_with_the_rooms_of_the_fachkonzept(demo_mode):
    _load()
    with scopes_disabled():
        treffs = {t.slug: (t.name, t.carrier.name, t.address_line) for t in Treff.objects.all()}
        kinds = {
            slug: sorted(set(Room.objects.filter(treff__slug=slug).values_list("kind", flat=True)))
            for slug in treffs
        }
        all_barrier_free = not Room.objects.filter(barrier_free=False).exists()
    assert treffs == {
        "franztreff": (
            "Franztreff",
            "DRK Kreisverband Dessau e.V.",
            "Franzstraße 147, 06842 Dessau-Roßlau",
        ),
        "rosseltreff": ("Rosseltreff", "AWO Kreisverband Dessau e.V.", "06862 Dessau-Roßlau"),
    }
    section_4_3 = [
        "coord_counselling",
        "group",
        "kitchen",
        "office",
        "open_area",
        "sanitary",
        "storage",
        "visit_counselling",
    ]
    assert kinds == {"franztreff": section_4_3, "rosseltreff": sorted([*section_4_3, "outdoor"])}
    assert all_barrier_free is True


def test_demo_users_have_their_roles(demo_mode):
    _load()
    roles = {
        (
            m.user.username,
            m.role,
            m.treff.slug if m.treff else None,
            m.organisation.name if m.organisation else None,
        )
        for m in Membership.objects.select_related("user", "treff", "organisation")
    }
    assert roles == {
        ("stadt", Role.CITY_STAFF, None, "Stadt Dessau-Roßlau"),
        ("drk", Role.CARRIER_ADMIN, None, "DRK Kreisverband Dessau e.V."),
        ("awo", Role.CARRIER_ADMIN, None, "AWO Kreisverband Dessau e.V."),
        ("franztreff", Role.COORDINATOR, "franztreff", None),
        ("rosseltreff", Role.COORDINATOR, "rosseltreff", None),
        (
            "beratung",
            Role.COUNSELLOR,
            "franztreff",
            "Schuldner- und Insolvenzberatung Dessau-Roßlau",
        ),
        ("ehrenamt", Role.VOLUNTEER, "franztreff", None),
        ("ausschuss", Role.COMMITTEE, None, None),
    }


@pytest.mark.parametrize(
    "username",
    ["stadt", "drk", "awo", "franztreff", "rosseltreff", "beratung", "ehrenamt", "ausschuss"],
)
def test_every_demo_login_works_and_reaches_the_dashboard(demo_mode, client, username):
    _load()
    response = client.post(reverse("accounts:login"), {"username": username, "password": "demo"})
    assert (response.status_code, response.url) == (302, reverse("dashboard:home"))
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_demo_refuses_to_run_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    settings.DEBUG = False
    with pytest.raises(CommandError) as error:
        call_command("load_demo")
    assert "TREFF_DEMO_MODE=1" in str(error.value)
    assert get_user_model().objects.count() == 0


def test_demo_shows_an_archived_offer_and_a_bag_of_donations(demo_mode):
    import datetime as dt

    from treff.offers.models import Offer, Series
    from treff.operations.models import Donation

    _load()
    with scopes_disabled():
        offer = Offer.objects.get(treff__slug="franztreff", title="Strickcafé am Samstag")
        periods = list(Series.objects.filter(offer=offer).values_list("starts_on", "ends_on"))
        # Yesterday's donations: the random ones of the day and the bag of three lines.
        yesterday = set(
            Donation.objects.filter(
                treff__slug="franztreff", date=dt.date(2026, 11, 29)
            ).values_list("category", "quantity")
        )
    assert offer.active is False
    assert periods == [(dt.date(2026, 9, 5), dt.date(2026, 11, 29))]
    assert {("children", 7), ("jackets", 3), ("shoes", 2)} <= yesterday


def test_demo_lunch_table_and_plan_disagree_twice(demo_mode):
    import datetime as dt

    from treff.operations import selectors

    _load()
    with scopes_disabled():
        franztreff = Treff.objects.get(slug="franztreff")
        november = selectors.lunch_month(franztreff, dt.date(2026, 11, 1))
    assert november.unplanned == {dt.date(2026, 11, 28)}  # last Saturday's neighbourhood meal
    assert november.not_recorded == [dt.date(2026, 11, 20)]
