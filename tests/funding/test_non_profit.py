"""The carriers' non-profit notices (§4): who sees which carrier, the flags, and who records
a new notice."""

import datetime as dt

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from treff.funding.models import NonProfitStatus

pytestmark = pytest.mark.django_db
URL = "/funding/carriers/"


def states(response):
    return [
        (
            entry["carrier"].name,
            entry["state"]["notice"] and entry["state"]["notice"].valid_until,
            [flag for flag in ("missing", "expired", "expiring") if entry["state"][flag]],
            entry["can_keep"],
        )
        for entry in response.context["carriers"]
    ]


def test_city_sees_every_carrier_with_its_flag(world, funding, client_for):
    response = client_for("city").get(URL)
    assert states(response) == [
        ("AWO", None, ["missing"], False),
        ("DRK", dt.date(2027, 1, 31), ["expiring"], False),
    ]


def test_carrier_admins_see_their_own_carrier(world, funding, client_for):
    assert states(client_for("carrier").get(URL)) == [
        ("DRK", dt.date(2027, 1, 31), ["expiring"], True)
    ]
    assert states(client_for("other_carrier").get(URL)) == [("AWO", None, ["missing"], True)]


def test_expired_notice_is_flagged(world, funding, client_for):
    with scopes_disabled():
        NonProfitStatus.objects.filter(pk=funding.non_profit.pk).update(
            valid_until=dt.date(2026, 11, 29)
        )
    assert states(client_for("carrier").get(URL))[0][2] == ["expired"]


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("anonymous", 302),
        ("coordinator", 403),
        ("counsellor", 403),
        ("volunteer", 403),
        ("committee", 403),
        ("outsider", 403),
        ("no_role", 403),
    ],
)
def test_others_see_no_carriers(world, funding, client_for, user, status):
    assert client_for(user).get(URL).status_code == status


def test_carrier_records_a_new_notice(world, funding, client_for):
    client = client_for("carrier")
    url = f"/funding/carriers/{world.drk.pk}/new/"
    response = client.post(
        url,
        {
            "tax_office": "Finanzamt Dessau",
            "notice_date": "2026-11-20",
            "valid_until": "2029-11-20",
        },
    )
    assert (response.status_code, response["Location"]) == (302, URL)
    assert states(client.get(URL)) == [("DRK", dt.date(2029, 11, 20), [], True)]


def test_notice_valid_before_its_date_is_refused(world, funding, client_for):
    url = f"/funding/carriers/{world.drk.pk}/new/"
    with translation.override("en"):
        response = client_for("carrier").post(
            url,
            {"tax_office": "FA", "notice_date": "2026-11-20", "valid_until": "2026-11-01"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The notice must be valid until a day after its date."
    ]
    assert NonProfitStatus.objects.count() == 1


@pytest.mark.parametrize(
    ("user", "carrier", "status"),
    [
        ("carrier", "awo", 404),
        ("other_carrier", "drk", 404),
        ("city", "drk", 403),
        ("coordinator", "drk", 404),
        ("committee", "drk", 404),
        ("outsider", "drk", 404),
    ],
)
def test_only_the_carriers_admins_record_notices(world, funding, client_for, user, carrier, status):
    client = client_for(user)
    url = f"/funding/carriers/{getattr(world, carrier).pk}/new/"
    assert client.get(url).status_code == status
    data = {"tax_office": "FA", "notice_date": "2026-11-20", "valid_until": "2029-11-20"}
    assert client.post(url, data).status_code == status
    assert NonProfitStatus.objects.count() == 1
