import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django_scopes import scopes_disabled

from treff.treffs.models import Membership, Organisation, Role, Room

from .factories import OrganisationFactory, RoomFactory, TreffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Model messages are checked in the source language; the views tests check German."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COUNSELLOR, Role.VOLUNTEER])
def test_treff_role_without_treff_is_rejected_with_a_message(role):
    membership = Membership(user=UserFactory(), role=role)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert error.value.message_dict == {
        "treff": [f"The role {membership.get_role_display()} needs a Treff."]
    }


def test_treff_role_without_treff_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=UserFactory(), role=Role.COORDINATOR)
    assert Membership.objects.count() == 0


def test_carrier_admin_needs_a_carrier_not_the_city():
    city = OrganisationFactory(kind=Organisation.Kind.CITY)
    membership = Membership(user=UserFactory(), role=Role.CARRIER_ADMIN, organisation=city)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert error.value.message_dict == {
        "organisation": [
            "The role Carrier administrator needs an organisation of the kind “Welfare carrier”."
        ]
    }


def test_city_staff_without_organisation_is_rejected():
    with pytest.raises(ValidationError) as error:
        Membership(user=UserFactory(), role=Role.CITY_STAFF).full_clean()
    assert error.value.message_dict == {
        "organisation": ["The role City staff needs an organisation."]
    }


def test_committee_member_needs_neither_treff_nor_organisation():
    membership = Membership(user=UserFactory(), role=Role.COMMITTEE)
    membership.full_clean()
    membership.save()
    assert Membership.objects.count() == 1


def test_duplicate_slug_is_rejected_across_scopes():
    with scopes_disabled():
        TreffFactory(slug="franztreff")
        duplicate = TreffFactory.build(slug="franztreff", carrier=OrganisationFactory())
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()  # outside any scope: must still see the other Treff
    assert error.value.message_dict == {"slug": ["Another Treff already uses this short name."]}


def test_treff_carrier_must_be_a_welfare_carrier():
    with scopes_disabled():
        treff = TreffFactory.build(carrier=OrganisationFactory(kind=Organisation.Kind.PARTNER))
        with pytest.raises(ValidationError) as error:
            treff.full_clean()
    assert error.value.message_dict == {"carrier": ["The carrier must be a welfare carrier."]}


def test_room_names_are_unique_per_treff_only():
    with scopes_disabled():
        room = RoomFactory(name="Küche")
        RoomFactory(name="Küche")  # another Treff: fine
        duplicate = Room(treff=room.treff, name="Küche", kind=Room.Kind.KITCHEN, capacity=4)
        with pytest.raises(ValidationError) as error:
            duplicate.full_clean()
    assert error.value.messages == ["This Treff already has a room with this name."]


def test_unknown_equipment_is_rejected():
    with scopes_disabled():
        room = RoomFactory.build(treff=TreffFactory(), equipment=["jacuzzi"])
        with pytest.raises(ValidationError) as error:
            room.full_clean()
    assert error.value.message_dict == {"equipment": ["Unknown equipment."]}


def test_address_line_joins_the_parts():
    with scopes_disabled():
        treff = TreffFactory.build(
            street="Franzstraße 147", postal_code="06842", city="Dessau-Roßlau"
        )
    assert treff.address_line == "Franzstraße 147, 06842 Dessau-Roßlau"


def test_user_email_is_unique_regardless_of_case():
    UserFactory(email="anna@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="Anna@Example.org")


def test_several_users_may_have_no_email():
    UserFactory(email="")
    UserFactory(email="")
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(email="").count() == 2
