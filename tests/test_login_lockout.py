"""Login throttling (issue 16, item 1): five wrong passwords for an account, or from one
address, pause logging in for 15 minutes — even with the right password — with a clear
message saying how long; a success before that resets the count; the pause ends by itself."""

import datetime as dt
import re
from html import unescape

import time_machine
from django.urls import reverse

from tests.conftest import NOW

URL = reverse("accounts:login")
MESSAGE = (
    "Too many failed logins. For your protection, logging in is paused for 15 minutes. "
    "Please try again then."
)


def _login(client, username, password, address="192.0.2.10"):
    return client.post(
        URL,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _errors(response) -> list[str]:
    """The texts of the page's error box (the last form rendered: a locked-out login
    renders the login page once more, with the waiting time)."""
    html = response.content.decode()
    box = re.search(r'role="alert">(.*?)</div>', html, re.S)
    return [unescape(p).strip() for p in re.findall(r"<p[^>]*>(.*?)</p>", box.group(1), re.S)]


def test_the_right_password_after_five_wrong_ones_is_refused_with_the_waiting_time(person, client):
    for _ in range(4):
        assert _login(client, "coordinator", "falsch").status_code == 200
    fifth = _login(client, "coordinator", "falsch")
    assert (fifth.status_code, _errors(fifth)) == (429, [MESSAGE])
    response = _login(client, "coordinator", "richtig-und-lang-genug")
    assert (response.status_code, _errors(response)) == (429, [MESSAGE])
    assert "_auth_user_id" not in client.session
    assert 'name="username" value="coordinator"' in response.content.decode()


def test_the_account_is_counted_whatever_the_case_and_from_any_address(person, client):
    for n, name in enumerate(["coordinator", "Coordinator", "COORDINATOR", "coordinator "]):
        _login(client, name, "falsch", address=f"192.0.2.{n + 1}")
    _login(client, "coordinator", "falsch", address="198.51.100.7")
    response = _login(client, "coordinator", "richtig-und-lang-genug", address="203.0.113.9")
    assert response.status_code == 429


def test_an_address_trying_many_accounts_is_paused_too(world, person, client):
    for name in ["city", "carrier", "counsellor", "volunteer", "committee"]:
        _login(client, name, "falsch")
    assert _login(client, "coordinator", "richtig-und-lang-genug").status_code == 429
    other_address = _login(client, "coordinator", "richtig-und-lang-genug", address="192.0.2.99")
    assert other_address.status_code == 302


def test_a_success_resets_the_count(person, client):
    for _ in range(4):
        _login(client, "coordinator", "falsch")
    assert _login(client, "coordinator", "richtig-und-lang-genug").status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "coordinator", "falsch")
    assert _login(client, "coordinator", "richtig-und-lang-genug").status_code == 302


def test_the_pause_ends_fifteen_minutes_after_the_last_try(person, client):
    for _ in range(5):
        _login(client, "coordinator", "falsch")
    # A try during the pause counts as a failure too, and the pause runs from it.
    with time_machine.travel(NOW + dt.timedelta(minutes=14), tick=False):
        assert _login(client, "coordinator", "richtig-und-lang-genug").status_code == 429
    with time_machine.travel(NOW + dt.timedelta(minutes=28), tick=False):
        assert _login(client, "coordinator", "richtig-und-lang-genug").status_code == 429
    with time_machine.travel(NOW + dt.timedelta(minutes=44), tick=False):
        assert _login(client, "coordinator", "richtig-und-lang-genug").status_code == 302


def test_the_message_is_german_by_default(person, client):
    for _ in range(4):
        client.post(URL, {"username": "coordinator", "password": "falsch"})
    response = client.post(URL, {"username": "coordinator", "password": "falsch"})
    assert (response.status_code, _errors(response)) == (
        429,
        [
            "Zu viele fehlgeschlagene Anmeldungen. Zu Ihrem Schutz ist die Anmeldung für "
            "15 Minuten gesperrt. Bitte versuchen Sie es danach erneut."
        ],
    )


def test_behind_the_proxy_each_visitors_own_address_is_counted(world, person, client, settings):
    """All requests come from the proxy: counting its address would lock everyone out."""
    settings.TREFF_BEHIND_PROXY = True

    def login(name, password, forwarded):
        return client.post(
            URL,
            {"username": name, "password": password},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.1, {forwarded}",
        )

    for name in ["city", "carrier", "counsellor", "volunteer", "committee"]:
        login(name, "falsch", "192.0.2.50")
    paused = login("coordinator", "richtig-und-lang-genug", "192.0.2.50")
    other = login("coordinator", "richtig-und-lang-genug", "192.0.2.51")
    assert (paused.status_code, other.status_code) == (429, 302)


def test_the_log_names_neither_the_account_nor_the_address(person, client, caplog):
    with caplog.at_level("INFO", logger="axes"):
        for _ in range(5):
            _login(client, "coordinator", "falsch")
        _login(client, "coordinator", "richtig-und-lang-genug")
    text = caplog.text
    assert (len(caplog.records) > 0, "coordinator" in text, "192.0.2.10" in text) == (
        True,
        False,
        False,
    )
