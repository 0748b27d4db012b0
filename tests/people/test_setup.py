"""The platform administrator sets up an installation in the app (issue 17, item 2)."""

import pytest
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled

from treff.treffs.models import Organisation, Treff

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_admin(client, db):
    admin = get_user_model().objects.create_superuser("plattform", "p@example.org", "x" * 20)
    client.force_login(admin)
    return client


def test_from_an_empty_installation_to_a_carrier_with_a_treff(platform_admin):
    client = platform_admin
    assert client.get("/organisations/").status_code == 200
    answer = client.post("/organisations/new/", {"name": "Caritas Musterstadt", "kind": "carrier"})
    assert answer.status_code == 302
    carrier = Organisation.objects.get(name="Caritas Musterstadt")
    form = client.get("/treffs/new/")
    assert list(form.context["form"].fields["carrier"].queryset) == [carrier]
    created = client.post(
        "/treffs/new/",
        {
            "carrier": carrier.pk,
            "name": "Lindentreff",
            "slug": "lindentreff",
            "holiday_state": "BY",
            "active": "on",
            "hours-TOTAL_FORMS": "1",
            "hours-INITIAL_FORMS": "0",
            "hours-0-weekday": "0",
            "hours-0-opens": "09:00",
            "hours-0-closes": "12:00",
        },
    )
    assert created.status_code == 302
    assert created.headers["Location"] == "/organisations/"
    with scopes_disabled():
        treff = Treff.objects.get(slug="lindentreff")
        hours = [str(row) for row in treff.opening_hours.all()]
    assert (treff.carrier, treff.holiday_state) == (carrier, "BY")
    assert hours == ["Montag 09:00–12:00"]
    listing = client.get("/organisations/").content.decode()
    assert "Lindentreff" in listing


def test_the_kind_of_an_organisation_in_use_stays(world, platform_admin):
    answer = platform_admin.post(
        f"/organisations/{world.drk.pk}/edit/", {"name": "DRK", "kind": "partner"}
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["kind"] == [
        "Die Art kann nicht geändert werden, solange die Organisation Treffs betreibt oder "
        "Personen darin Rollen haben oder dazu eingeladen sind."
    ]
    world.drk.refresh_from_db()
    assert world.drk.kind == Organisation.Kind.CARRIER


@pytest.mark.parametrize("name", ["city", "carrier", "coordinator", "outsider", "no_role"])
def test_only_the_platform_administrator_sets_up_organisations(world, client_for, name):
    client = client_for(name)
    assert client.get("/organisations/").status_code == 403
    assert client.post("/organisations/new/", {"name": "X", "kind": "carrier"}).status_code == 403
    assert not Organisation.objects.filter(name="X").exists()


def test_an_organisation_is_not_added_twice_in_other_letters(world, platform_admin):
    answer = platform_admin.post("/organisations/new/", {"name": "drk", "kind": "carrier"})
    assert answer.status_code == 200
    assert answer.context["form"].errors["name"] == [
        "Es gibt bereits eine Organisation mit diesem Namen."
    ]
    assert Organisation.objects.filter(name__iexact="drk").count() == 1


def test_the_kind_of_an_organisation_with_open_invitations_stays(db, platform_admin):
    from treff.people.grants import Grant
    from treff.people.services import invite

    carrier = Organisation.objects.create(name="Verein", kind=Organisation.Kind.CARRIER)
    admin = get_user_model().objects.get(username="plattform")
    invite(
        email="leitung@example.org",
        grant=Grant("carrier_admin", organisation_id=carrier.pk),
        invited_by=admin,
        link_for=str,
    )
    answer = platform_admin.post(
        f"/organisations/{carrier.pk}/edit/", {"name": "Verein", "kind": "partner"}
    )
    assert answer.status_code == 200
    carrier.refresh_from_db()
    assert carrier.kind == Organisation.Kind.CARRIER
