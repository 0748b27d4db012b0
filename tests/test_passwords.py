"""Password rules (issue 16, item 1): a common password is refused also with digits or signs
around it, in the reader's language; a long uncommon one is accepted."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse


@pytest.mark.parametrize(
    "password", ["Passwort123", "!Sommer2026", "hallo12345!!", "Fussball 1990", "2024geheim!!"]
)
def test_a_common_word_with_digits_or_signs_around_it_is_refused(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert [error.code for error in refused.value.error_list] == ["password_too_common"]


@pytest.mark.parametrize("password", ["Treffpunkt-Dessau-42", "Kaffee um 9 im Franztreff"])
def test_an_uncommon_long_password_is_accepted(password):
    assert validate_password(password) is None


def test_the_password_page_refuses_passwort123_in_german(world, client_for):
    client = client_for("coordinator")
    user = world.users["coordinator"]
    user.set_password("altes-Passwort-lang-genug")
    user.save()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "altes-Passwort-lang-genug",
            "new_password1": "Passwort123",
            "new_password2": "Passwort123",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"] == ["Dieses Passwort ist zu üblich."]
    user.refresh_from_db()
    assert user.check_password("altes-Passwort-lang-genug") is True
