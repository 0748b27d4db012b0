import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.treffs.models import Membership

from .factories import UserFactory


@pytest.fixture
def operator(world):
    return UserFactory(username="operator", is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    "model",
    ["accounts/user", "treffs/organisation", "treffs/treff", "treffs/room", "treffs/membership"],
)
def test_platform_administrator_opens_every_admin_list_and_form(client, operator, model):
    client.force_login(operator)
    app, name = model.split("/")
    assert client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:{app}_{name}_add")).status_code == 200


def test_treff_admin_shows_rooms_of_every_treff(client, operator, world):
    client.force_login(operator)
    response = client.get(reverse("admin:treffs_room_changelist"))
    assert sorted(room.name for room in response.context["cl"].result_list) == [
        "Garten",
        "Gruppenraum",
    ]


@pytest.mark.parametrize("user", ["city", "carrier", "coordinator"])
def test_staff_without_superuser_status_cannot_use_the_admin(client, world, user):
    account = world.users[user]
    account.is_staff = True
    account.save()
    client.force_login(account)
    response = client.get(reverse("admin:treffs_treff_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_role_without_treff_in_the_admin_is_a_message_and_nothing_is_saved(client, operator, world):
    client.force_login(operator)
    with scopes_disabled():
        before = Membership.objects.count()
    response = client.post(
        reverse("admin:treffs_membership_add"),
        {"user": world.users["no_role"].pk, "role": "coordinator", "treff": "", "organisation": ""},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "treff": ["Die Rolle „Koordination“ benötigt einen Treff."]
    }
    assert Membership.objects.count() == before
