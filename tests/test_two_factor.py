"""Two-factor login (issue 16, item 1): staff roles set up an authenticator app before any
other page, then give its code after every password; recovery codes work once; wrong codes
slow down; a stolen password cannot replace the app; `check --deploy` refuses it off."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from tests.test_login_lockout import _login
from treff.accounts.checks import two_factor_required
from treff.accounts.two_factor import PENDING_KEY, secret_of
from treff.audit.models import AuditEvent

DASHBOARD = reverse("dashboard:home")
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
CODES = reverse("accounts:two_factor_codes")
OVERVIEW = reverse("accounts:two_factor")
NEW_PHONE = reverse("accounts:two_factor_new_phone")
NEW_CODES = reverse("accounts:two_factor_new_codes")
REMOVE = reverse("accounts:two_factor_remove")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PASSWORD = "richtig-und-lang-genug"


@pytest.fixture(autouse=True)
def required(settings):
    settings.TREFF_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def passwords(world):
    for user in world.users.values():
        if user is not None:
            user.set_password(PASSWORD)
            user.save()
    return world


def _code(device: TOTPDevice) -> str:
    if device.pk:
        device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _set_up(client, user) -> list[str]:
    """Through the set-up pages as a person does; returns the recovery codes shown."""
    page = client.get(SETUP, **EN).content.decode()
    # The page shows the key the app needs (base32) and stores nothing yet.
    key = client.session[PENDING_KEY]
    assert secret_of(TOTPDevice(key=key)) in page
    assert TOTPDevice.objects.filter(user=user).exclude(key=key).count() == (
        TOTPDevice.objects.filter(user=user).count()
    )
    response = client.post(SETUP, {"code": _code(TOTPDevice(key=key)), "next": DASHBOARD}, **EN)
    assert (response.status_code, response["Location"]) == (302, f"{CODES}?next={DASHBOARD}")
    page = client.get(response["Location"], **EN).content.decode()
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)


@pytest.mark.parametrize("name", ["city", "carrier", "coordinator", "counsellor", "outsider"])
def test_staff_roles_set_up_an_app_before_any_other_page(passwords, client, name):
    assert _login(client, name, PASSWORD)["Location"] == DASHBOARD
    response = client.get(DASHBOARD, **EN)
    assert (response.status_code, response["Location"]) == (302, f"{SETUP}?next={DASHBOARD}")
    # Other Treffs' pages, the admin and the set-up's own pages likewise; logout stays open.
    for url in (reverse("treffs:detail", args=["rosseltreff"]), "/admin/", OVERVIEW):
        assert client.get(url, **EN)["Location"].startswith(f"{SETUP}?next=")
    codes = _set_up(client, passwords.users[name])
    assert (len(codes), len(set(codes))) == (10, 10)
    assert client.get(DASHBOARD, **EN).status_code == 200


@pytest.mark.parametrize("name", ["volunteer", "committee", "no_role"])
def test_other_roles_may_but_need_not(passwords, client, name):
    _login(client, name, PASSWORD)
    assert client.get(OVERVIEW, **EN).status_code == 200
    assert TOTPDevice.objects.count() == 0


def test_the_second_step_after_every_password(passwords, client, clock):
    user = passwords.users["coordinator"]
    _login(client, "coordinator", PASSWORD)
    codes = _set_up(client, user)
    client.post(reverse("accounts:logout"))
    _login(client, "coordinator", PASSWORD)
    url = reverse("treffs:detail", args=["franztreff"])
    response = client.get(url, **EN)
    assert response["Location"] == f"{VERIFY}?next={url}"
    # The set-up of a new app is closed until the second step: a password alone must not
    # replace the app.
    assert client.get(SETUP, **EN)["Location"].startswith(f"{VERIFY}?next=")
    device = TOTPDevice.objects.get(user=user)
    # The set-up's code cannot be used twice (RFC 6238 §5.2): the next one, 30 s on.
    assert client.post(VERIFY, {"code": _code(device), "next": url}, **EN).status_code == 200
    clock.shift(30)
    response = client.post(VERIFY, {"code": _code(device), "next": url}, **EN)
    assert (response.status_code, response["Location"]) == (302, url)
    assert client.get(url, **EN).status_code == 200

    # A recovery code works once.
    client.post(reverse("accounts:logout"))
    _login(client, "coordinator", PASSWORD)
    assert client.post(VERIFY, {"code": codes[0].upper(), "next": url}, **EN)["Location"] == url
    assert StaticToken.objects.filter(device__user=user).count() == 9
    client.post(reverse("accounts:logout"))
    _login(client, "coordinator", PASSWORD)
    response = client.post(VERIFY, {"code": codes[0], "next": url}, **EN)
    assert response.status_code == 200
    assert "This code is not right, or it has been used already." in response.content.decode()


def test_wrong_codes_are_recorded_and_slow_down_with_a_clear_message(passwords, client):
    user = passwords.users["counsellor"]
    _login(client, "counsellor", PASSWORD)
    _set_up(client, user)
    client.post(reverse("accounts:logout"))
    _login(client, "counsellor", PASSWORD)
    AuditEvent.objects.all().expire()
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    first = client.post(VERIFY, {"code": wrong}, **EN)
    second = client.post(VERIFY, {"code": _code(device)}, **EN)
    assert (first.status_code, second.status_code) == (200, 429)
    assert "Please wait 1 second and try again." in second.content.decode()
    assert second["Retry-After"] == "1"
    assert list(AuditEvent.objects.values_list("kind", "user_id", "path")) == [
        ("login_failed", user.pk, VERIFY),
        ("login_failed", user.pk, VERIFY),
    ]
    # Nothing typed is kept.
    assert wrong not in " ".join(str(row) for row in AuditEvent.objects.values_list())


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Please enter the code."),
        ("12345", "Please enter the six digits from the app or an eight-character recovery code."),
        ("x" * 21, "A code has at most 20 characters."),
        # Digit signs int() refuses, and letters outside ASCII: a message, never a 500.
        ("¹²³⁴⁵⁶", "Please enter the six digits from the app or an eight-character recovery code."),
        (
            "äbcdefgh",
            "Please enter the six digits from the app or an eight-character recovery code.",
        ),
        (
            "abc!defg",
            "Please enter the six digits from the app or an eight-character recovery code.",
        ),
    ],
)
def test_bad_input_on_the_second_step_is_a_clear_message(passwords, client, code, message):
    user = passwords.users["coordinator"]
    _login(client, "coordinator", PASSWORD)
    _set_up(client, user)
    client.post(reverse("accounts:logout"))
    _login(client, "coordinator", PASSWORD)
    response = client.post(VERIFY, {"code": code}, **EN)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert client.get(DASHBOARD)["Location"].startswith(VERIFY)


def test_a_redirect_after_the_step_stays_on_this_site(passwords, client, clock):
    user = passwords.users["coordinator"]
    _login(client, "coordinator", PASSWORD)
    _set_up(client, user)
    client.post(reverse("accounts:logout"))
    _login(client, "coordinator", PASSWORD)
    device = TOTPDevice.objects.get(user=user)
    clock.shift(30)
    response = client.post(VERIFY, {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == DASHBOARD


def test_required_roles_cannot_turn_it_off_others_can(passwords, client):
    _login(client, "coordinator", PASSWORD)
    _set_up(client, passwords.users["coordinator"])
    client.post(REMOVE, {"password": PASSWORD}, **EN)
    assert TOTPDevice.objects.filter(user=passwords.users["coordinator"]).count() == 1
    client.post(reverse("accounts:logout"))
    _login(client, "volunteer", PASSWORD)
    _set_up(client, passwords.users["volunteer"])
    client.post(REMOVE, {"password": PASSWORD}, **EN)
    assert TOTPDevice.objects.filter(user=passwords.users["volunteer"]).count() == 0
    assert client.get(DASHBOARD, **EN).status_code == 200


def test_new_recovery_codes_replace_the_old_ones(passwords, client):
    user = passwords.users["city"]
    _login(client, "city", PASSWORD)
    old = _set_up(client, user)
    response = client.post(NEW_CODES, {"password": PASSWORD}, **EN)
    # Made from the overview: "continue" goes back there.
    assert response["Location"] == f"{CODES}?next={OVERVIEW}"
    page = client.get(response["Location"], **EN).content.decode()
    assert f'href="{OVERVIEW}"' in page
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    stored = sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert (len(new), sorted(new) == stored, set(old) & set(stored)) == (10, True, set())
    # Shown once: a second look goes to the overview.
    assert client.get(CODES, **EN)["Location"] == OVERVIEW


def test_public_pages_stay_open_between_password_and_code(passwords, client):
    _login(client, "coordinator", PASSWORD)
    assert client.get("/de/franztreff/").status_code == 200


def test_check_deploy_refuses_it_off(settings):
    assert two_factor_required(None) == []
    settings.TREFF_TWO_FACTOR_REQUIRED = False
    assert [error.id for error in two_factor_required(None)] == ["treff.E020"]


def test_a_wrong_code_on_the_set_up_stores_nothing_and_a_new_phone_replaces_the_old(
    passwords, client, clock
):
    user = passwords.users["carrier"]
    _login(client, "carrier", PASSWORD)
    client.get(SETUP, **EN)
    response = client.post(SETUP, {"code": "000000"}, **EN)
    # (A right code of 000000 has a chance of one in a million; the key is random.)
    assert (response.status_code, TOTPDevice.objects.filter(user=user).count()) == (200, 0)
    assert "This code does not match." in response.content.decode()
    response = client.post(SETUP, {"code": "12 34"}, **EN)
    assert "Please enter the six digits the app shows." in response.content.decode()
    _set_up(client, user)
    first = TOTPDevice.objects.get(user=user)
    clock.shift(30)
    # A new phone needs the password again.
    assert client.get(SETUP, **EN)["Location"] == f"{NEW_PHONE}?next={DASHBOARD}"
    response = client.post(NEW_PHONE, {"password": PASSWORD, "next": DASHBOARD}, **EN)
    assert response["Location"] == f"{SETUP}?next={DASHBOARD}"
    _set_up(client, user)
    assert list(TOTPDevice.objects.filter(user=user).values_list("confirmed", flat=True)) == [True]
    assert TOTPDevice.objects.get(user=user).key != first.key
    assert client.get(DASHBOARD, **EN).status_code == 200


def test_an_operator_removes_a_lost_app_without_seeing_its_key(passwords, client, clock):
    user = passwords.users["coordinator"]
    _login(client, "coordinator", PASSWORD)
    _set_up(client, user)
    device = TOTPDevice.objects.get(user=user)
    operator = UserFactory(username="operator", is_staff=True, is_superuser=True)
    client.force_login(operator)
    # The operator passes the second step too (the admin is behind it).
    assert client.get("/admin/")["Location"].startswith(f"{SETUP}?next=")
    _set_up(client, operator)
    url = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    page = client.get(url).content.decode()
    assert (device.key in page, secret_of(device).replace(" ", "") in page) == (False, False)
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    response = client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user).count() == 0
    # The coordinator logs in again and is asked to set up a new app.
    client.post(reverse("accounts:logout"))
    _login(client, "coordinator", PASSWORD)
    assert client.get(DASHBOARD)["Location"] == f"{SETUP}?next={DASHBOARD}"


def test_full_width_digits_count_and_superscripts_are_refused_on_the_set_up(passwords, client):
    _login(client, "coordinator", PASSWORD)
    client.get(SETUP, **EN)
    response = client.post(SETUP, {"code": "¹²³⁴⁵⁶"}, **EN)
    assert response.status_code == 200
    assert "Please enter the six digits the app shows." in response.content.decode()
    key = client.session[PENDING_KEY]
    wide = _code(TOTPDevice(key=key)).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    response = client.post(SETUP, {"code": wide, "next": DASHBOARD}, **EN)
    assert response["Location"] == f"{CODES}?next={DASHBOARD}"


def test_between_password_and_code_the_header_offers_only_logging_out(passwords, client):
    _login(client, "coordinator", PASSWORD)
    page = client.get(SETUP, **EN).content.decode()
    nav = page[page.index('<nav aria-label="Main navigation">') :]
    nav = nav[: nav.index("</nav>")]
    assert (reverse("accounts:logout") in nav, DASHBOARD in nav) == (True, False)


def _volunteer_with_app(passwords, client):
    user = passwords.users["volunteer"]
    _login(client, "volunteer", PASSWORD)
    codes = _set_up(client, user)
    return user, codes


def _state(user) -> tuple:
    return (
        list(TOTPDevice.objects.filter(user=user).values_list("key", flat=True)),
        sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)),
    )


@pytest.mark.parametrize("url", [NEW_CODES, NEW_PHONE, REMOVE])
def test_changing_the_second_factor_asks_for_the_password_again(passwords, client, url):
    """OWASP ASVS 5.0 V7.5.1: an unlocked computer left alone is not enough to change how
    the account logs in. A wrong password changes nothing and counts as a failed login."""
    user, _codes = _volunteer_with_app(passwords, client)
    before = _state(user)
    page = client.get(url, **EN)
    empty = client.post(url, {"password": ""}, **EN)
    failed = AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_FAILED).count()
    wrong = client.post(url, {"password": "falsch"}, **EN)
    assert (
        page.status_code,
        'autocomplete="current-password"' in page.content.decode(),
        "Please enter your password." in empty.content.decode(),
        wrong.status_code,
        "This password is not right. Nothing has been changed." in wrong.content.decode(),
        AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_FAILED).count() - failed,
        _state(user) == before,
        client.get(SETUP, **EN).status_code,
    ) == (200, True, True, 200, True, 1, True, 302)


def test_five_wrong_passwords_on_the_confirmation_pause_like_the_login(passwords, client):
    user, _codes = _volunteer_with_app(passwords, client)
    before = _state(user)
    answers = [client.post(REMOVE, {"password": "falsch"}, **EN) for _ in range(5)]
    page = answers[-1].content.decode()
    right = client.post(REMOVE, {"password": PASSWORD}, **EN)
    # Whoever kept guessing is logged out: the right password now meets the login first.
    assert (
        [answer.status_code for answer in answers],
        "For your protection, you have been logged out." in page,
        reverse("accounts:logout") in page,
        right.status_code,
        right["Location"].startswith(reverse("accounts:login")),
        _state(user) == before,
    ) == ([200] * 4 + [429], True, False, 302, True, True)


def test_the_password_holds_five_minutes_for_a_new_phone(passwords, client, clock):
    _volunteer_with_app(passwords, client)
    client.post(NEW_PHONE, {"password": PASSWORD}, **EN)
    soon = client.get(SETUP, **EN).status_code
    clock.shift(301)
    assert (soon, client.get(SETUP, **EN)["Location"]) == (200, f"{NEW_PHONE}?next={DASHBOARD}")


def test_the_confirmation_cannot_use_another_accounts_password(passwords, client):
    """The password is checked for the logged-in account only, whatever else is posted."""
    user, _codes = _volunteer_with_app(passwords, client)
    passwords.users["city"].set_password("ganz-anderes-passwort")
    passwords.users["city"].save()
    before = _state(user)
    response = client.post(REMOVE, {"password": "ganz-anderes-passwort", "username": "city"}, **EN)
    assert (response.status_code, _state(user) == before) == (200, True)
