"""How long a login lasts (issue 16, item 1): 30 minutes without a request end it, and so
do 10 hours in any case; the person lands on the login page and is told why."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import NOW

DASHBOARD = reverse("dashboard:home")
LOGIN = reverse("accounts:login")


@pytest.fixture
def limits(settings):
    settings.TREFF_SESSION_IDLE = dt.timedelta(minutes=30)
    settings.TREFF_SESSION_MAX = dt.timedelta(hours=10)


def _at(minutes: float):
    return time_machine.travel(NOW + dt.timedelta(minutes=minutes), tick=False)


def _get(client, minutes):
    with _at(minutes):
        return client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="en")


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_thirty_minutes_without_a_request_end_the_login(limits, client_for):
    client = client_for("coordinator")
    assert _get(client, 0).status_code == 200
    assert _get(client, 29).status_code == 200
    assert _get(client, 58).status_code == 200  # 29 minutes after the last request
    response = _get(client, 89)
    assert (response.status_code, response.url) == (302, f"{LOGIN}?next={DASHBOARD}")
    with _at(89):
        page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en")
    assert _messages(page) == [
        "You were logged out after 30 minutes without activity, to protect the data. "
        "Please log in again."
    ]
    assert "_auth_user_id" not in client.session


def test_ten_hours_end_the_login_however_busy(limits, client_for):
    client = client_for("coordinator")
    for minutes in range(0, 600, 20):
        assert _get(client, minutes).status_code == 200
    response = _get(client, 601)
    assert response.status_code == 302
    with _at(601):
        page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en")
    assert _messages(page) == [
        "You were logged out: a login lasts at most 10 hours. Please log in again."
    ]


def test_a_visitor_without_a_login_is_not_affected(limits, world, client):
    assert client.get("/de/franztreff/").status_code == 200
    with _at(120):
        assert client.get("/de/franztreff/").status_code == 200


def test_the_last_request_is_written_at_most_once_a_minute(limits, client_for):
    from treff.accounts.middleware import SEEN

    client = client_for("coordinator")
    _get(client, 0)
    first = client.session[SEEN]
    _get(client, 0.5)
    assert client.session[SEEN] == first
    _get(client, 2)
    assert client.session[SEEN] == first + 120


def test_the_production_defaults_are_thirty_minutes_and_ten_hours():
    from tests.test_settings import _manage

    code = (
        "from django.conf import settings as s; "
        "print(s.TREFF_SESSION_IDLE, s.TREFF_SESSION_MAX, s.SESSION_COOKIE_AGE)"
    )
    result = _manage("shell", "--no-imports", "-c", code, env={"DEBUG": "1"})
    assert result.stdout.split() == ["0:30:00", "10:00:00", "36000"]
