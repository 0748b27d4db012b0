"""The city-wide funding overview: who sees which Treffs, the committee totals only, the
year filter and a query count that stays flat with more Treffs."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from tests.factories import TreffFactory

from .world import approved_plan

pytestmark = pytest.mark.django_db
URL = "/funding/"
D = Decimal


def rows(response):
    return [
        (row["treff"].name, row["year"], row["costs"], row["approved"], row["paid"], row["spent"])
        for row in response.context["rows"]
    ]


FRANZ_2027 = ("Franztreff", 2027, D("93200.00"), D("0.00"), D("0.00"), D("0.00"))
FRANZ_2026 = ("Franztreff", 2026, D("93200.00"), D("90700.00"), D("85000.00"), D("7356.57"))
ROSSEL_2026 = ("Rosseltreff", 2026, D("93200.00"), D("90700.00"), D("0.00"), D("120.00"))


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("city", [FRANZ_2027, FRANZ_2026, ROSSEL_2026]),
        ("carrier", [FRANZ_2027, FRANZ_2026]),
        ("coordinator", [FRANZ_2027, FRANZ_2026]),
        ("outsider", [ROSSEL_2026]),
        ("other_carrier", [ROSSEL_2026]),
    ],
)
def test_each_role_sees_its_treffs(world, funding, client_for, user, expected):
    response = client_for(user).get(URL)
    assert response.status_code == 200
    assert rows(response) == expected


def test_committee_sees_approved_and_spent_of_every_treff(funding, client_for):
    response = client_for("committee").get(URL)
    assert [
        (row["treff"].name, row["year"], row["approved"], row["spent"])
        for row in response.context["rows"]
    ] == [(r[0], r[1], r[3], r[5]) for r in (FRANZ_2027, FRANZ_2026, ROSSEL_2026)]


@pytest.mark.parametrize("user", ["anonymous", "counsellor", "volunteer", "no_role"])
def test_others_see_no_overview(world, funding, client_for, user):
    assert client_for(user).get(URL).status_code == (302 if user == "anonymous" else 403)


def test_sums_per_year_and_remaining(world, funding, client_for):
    response = client_for("city").get(URL)
    sums = dict(response.context["sums"])
    assert list(sums) == [2027, 2026]
    assert sums[2026] == {
        "costs": D("186400.00"),
        "approved": D("181400.00"),
        "paid": D("85000.00"),
        "spent": D("7476.57"),
        "remaining": D("173923.43"),
    }
    assert response.context["rows"][1]["remaining"] == D("83343.43")


def test_committee_sees_totals_without_payments_status_or_links(world, funding, client_for):
    with translation.override("en"):
        committee = client_for("committee").get(URL, HTTP_ACCEPT_LANGUAGE="en")
        city = client_for("city").get(URL, HTTP_ACCEPT_LANGUAGE="en")
    page = committee.content.decode()
    assert committee.context["totals_only"] is True
    assert "Paid" not in page
    assert "Status" not in page
    assert "/treffs/franztreff/funding/2026/" not in page
    assert "Approved" in page
    assert "Spent" in page
    assert "85,000.00 €" in city.content.decode()
    assert 'href="/treffs/franztreff/funding/2026/"' in city.content.decode()


def test_coordinator_links_only_to_own_plans(world, funding, client_for):
    page = client_for("outsider").get(URL).content.decode()
    assert 'href="/treffs/rosseltreff/funding/2026/"' in page
    assert "franztreff" not in page


def test_year_filter(world, funding, client_for):
    client = client_for("city")
    assert rows(client.get(URL, {"year": "2027"})) == [FRANZ_2027]
    assert client.get(URL, {"year": "2027"}).context["years"] == [2027, 2026]
    assert client.get(URL, {"year": "1999"}).status_code == 400
    assert client.get(URL, {"year": "zwei"}).status_code == 400


def test_query_count_stays_flat_with_more_treffs(
    world, funding, client_for, django_assert_num_queries
):
    client = client_for("city")
    client.get(URL)  # the session and the user once
    with django_assert_num_queries(9):
        client.get(URL)
    with scopes_disabled():
        for number in range(3):
            treff = TreffFactory(name=f"Treff {number}", carrier=world.drk)
            approved_plan(
                treff,
                2026,
                carrier=world.users["carrier"],
                city=world.users["city"],
                reference=f"R-{number}",
            )
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert len(response.context["rows"]) == 6


def test_navigation_links_to_the_overview(world, funding, client_for):
    # The staff navigation (the public site has its own, without staff links).
    dashboard = reverse("dashboard:home")
    assert 'href="/funding/"' in client_for("committee").get(dashboard).content.decode()
    assert 'href="/funding/"' not in client_for("volunteer").get(dashboard).content.decode()


def test_committee_page_gets_only_totals_in_its_context(funding, client_for):
    response = client_for("committee").get("/funding/")
    assert {tuple(sorted(row)) for row in response.context["rows"]} == {
        ("approved", "spent", "treff", "year")
    }
    assert {tuple(sorted(sums)) for _, sums in response.context["sums"]} == {("approved", "spent")}
