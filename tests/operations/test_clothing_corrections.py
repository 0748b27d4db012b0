"""Taking back a wrongly recorded donation or hand-out: the coordinator's correction."""

from django.urls import reverse
from django_scopes import scopes_disabled

from treff.operations import selectors, services
from treff.operations.models import Donation, Handout


def _remove(client, kind, pk, slug="franztreff"):
    return client.post(reverse("operations:clothing_entry_remove", args=[slug, kind, pk]))


def _stock(world):
    with scopes_disabled():
        return selectors.stock_of(world.franztreff, "jackets", "adult_lxl")


def test_the_coordinator_removes_a_wrong_hand_out(ops_world, client_for):
    world = ops_world
    with scopes_disabled():
        handout = services.handout_add(
            handout=Handout(
                date=world.operations.donation.date,
                category="jackets",
                size_group="adult_lxl",
                quantity=4,
            ),
            treff=world.franztreff,
            user=world.users["volunteer"],
        )
    assert _stock(world) == 6
    response = _remove(client_for("coordinator"), "handout", handout.pk)
    assert response.status_code == 302
    assert _stock(world) == 10


def test_a_donation_whose_pieces_are_gone_stays(ops_world, client_for):
    world = ops_world
    donation = world.operations.donation
    with scopes_disabled():
        services.handout_add(
            handout=Handout(
                date=donation.date, category="jackets", size_group="adult_lxl", quantity=7
            ),
            treff=world.franztreff,
            user=world.users["volunteer"],
        )
    client = client_for("coordinator")
    response = client.get(reverse("operations:clothing_stock", args=["franztreff"]))
    assert response.status_code == 200
    _remove(client, "donation", donation.pk)
    with scopes_disabled():
        assert Donation.objects.filter(pk=donation.pk).exists() is True
    assert _stock(world) == 3


def test_only_the_coordinator_of_the_treff_removes_entries(ops_world, client_for):
    world = ops_world
    pk = world.operations.donation.pk
    assert _remove(client_for("volunteer"), "donation", pk).status_code == 403
    assert _remove(client_for("carrier"), "donation", pk).status_code == 403
    assert _remove(client_for("outsider"), "donation", pk).status_code == 404
    assert _remove(client_for("coordinator"), "nonsense", pk).status_code == 404
    assert _remove(client_for("coordinator"), "handout", pk).status_code == 404
    assert _stock(world) == 10
    assert _remove(client_for("coordinator"), "donation", pk).status_code == 302
    assert _stock(world) == 0
