import pytest
from django.urls import reverse

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna():
    return UserFactory(username="anna", email="anna.becker@example.org")


def _login(client, username, password="secret-password"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_it_logs_in_with_the_username(client, anna):
    response = _login(client, "anna")
    assert (response.status_code, response.url) == (302, reverse("dashboard:home"))
    assert int(client.session["_auth_user_id"]) == anna.pk


def test_it_logs_in_with_the_email_address_in_any_case(client, anna):
    response = _login(client, "Anna.Becker@Example.org")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == anna.pk


def test_it_rejects_a_wrong_password_with_a_german_message(client, anna):
    response = _login(client, "anna", "wrong")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors() == [
        "Benutzername oder E-Mail-Adresse und Passwort passen nicht zusammen. "
        "Bitte prüfen Sie beides; beim Passwort zählt die Groß- und Kleinschreibung."
    ]


def test_it_rejects_an_unknown_user(client, anna):
    response = _login(client, "nobody@example.org")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_rejects_an_inactive_user(client, anna):
    anna.is_active = False
    anna.save()
    response = _login(client, "anna")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_logs_out_on_post(client, anna):
    client.force_login(anna)
    response = client.post(reverse("accounts:logout"))
    assert (response.status_code, response.url) == (302, reverse("public:home"))
    assert "_auth_user_id" not in client.session


def test_it_redirects_anonymous_users_to_the_login(client):
    response = client.get(reverse("dashboard:home"))
    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/dashboard/")


def test_it_changes_the_password(client, anna):
    client.force_login(anna)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "secret-password",
            "new_password1": "Kleiderkammer-2026",
            "new_password2": "Kleiderkammer-2026",
        },
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.check_password("Kleiderkammer-2026") is True
