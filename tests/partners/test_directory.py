"""The partner directory: who reads and keeps it, what the public sees, bad input."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.partners.models import PartnerService


@pytest.fixture
def services(world):
    with scopes_disabled():
        public = PartnerService.objects.create(
            name="Schuldnerberatung Mitte",
            category="debt",
            languages=["de", "ru"],
            barrier_free=True,
            public=True,
            notes="Frau K. ruft meist zurück",
        )
        internal = PartnerService.objects.create(
            name="Mieterservice DWG", category="housing", languages=["de"], public=False
        )
        gone = PartnerService.objects.create(
            name="Alte Beratungsstelle", category="other", public=True, active=False
        )
    return public, internal, gone


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("city", 200),
        ("carrier", 200),
        ("coordinator", 200),
        ("counsellor", 200),
        ("volunteer", 200),
        ("outsider", 200),
        ("no_role", 403),
    ],
)
def test_everybody_working_in_a_treff_reads_the_directory(services, client_for, user, status):
    response = client_for(user).get(reverse("partners:directory"))
    assert response.status_code == status


def test_the_directory_lists_active_entries_with_their_details(services, client_for):
    response = client_for("volunteer").get(reverse("partners:directory"))
    names = [service.name for service in response.context["entries"]]
    assert names == ["Schuldnerberatung Mitte", "Mieterservice DWG"]
    assert "Russisch" in response.content.decode()


def test_filters_by_category_language_barrier_free_and_text(services, client_for):
    client = client_for("coordinator")
    url = reverse("partners:directory")

    def names(**query):
        return [s.name for s in client.get(url, query).context["entries"]]

    assert names(category="housing") == ["Mieterservice DWG"]
    assert names(language="ru") == ["Schuldnerberatung Mitte"]
    assert names(barrier_free="on") == ["Schuldnerberatung Mitte"]
    assert names(q="dwg") == ["Mieterservice DWG"]
    # A value that is no choice is ignored, not an error.
    assert names(category="nonsense") == ["Schuldnerberatung Mitte", "Mieterservice DWG"]


def test_public_directory_shows_public_entries_without_notes(services, client_for):
    response = client_for("anonymous").get("/de/wegweiser/")
    assert response.status_code == 200
    assert [s.name for s in response.context["entries"]] == ["Schuldnerberatung Mitte"]
    assert "Frau K." not in response.content.decode()


def test_staff_see_internal_notes_on_the_detail_page(services, client_for):
    public, _internal, _gone = services
    response = client_for("counsellor").get(reverse("partners:detail", args=[public.pk]))
    assert "Frau K. ruft meist zurück" in response.content.decode()


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("city", 200),
        ("carrier", 200),
        ("coordinator", 200),
        ("outsider", 200),
        ("counsellor", 403),
        ("volunteer", 403),
        ("committee", 403),
        ("no_role", 403),
    ],
)
def test_who_keeps_the_directory(services, client_for, user, status):
    response = client_for(user).get(reverse("partners:create"))
    assert response.status_code == status


def test_a_coordinator_adds_a_service(world, client_for):
    response = client_for("coordinator").post(
        reverse("partners:create"),
        {
            "name": "Pflegestützpunkt",
            "category": "health",
            "postal_code": "06844",
            "city": "Dessau-Roßlau",
            "office_hours": "Mo–Do 9–15",
            "languages": ["de", "en"],
            "barrier_free": "on",
            "public": "on",
            "active": "on",
        },
    )
    with scopes_disabled():
        service = PartnerService.objects.get(name="Pflegestützpunkt")
    assert response.status_code == 302
    assert response.url == reverse("partners:detail", args=[service.pk])
    assert (service.languages, service.public, service.updated_by) == (
        ["de", "en"],
        True,
        world.users["coordinator"],
    )


def test_bad_input_is_refused_and_changes_nothing(services, client_for):
    client = client_for("coordinator")
    client.cookies["django_language"] = "de"
    response = client.post(
        reverse("partners:create"),
        {"name": "Mieterservice DWG", "category": "housing", "postal_code": "123", "active": "on"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["postal_code"] == ["Bitte geben Sie eine fünfstellige Postleitzahl ein."]
    assert errors["name"] == ["Ein Dienst mit diesem Namen steht bereits im Wegweiser."]
    with scopes_disabled():
        assert PartnerService.objects.count() == 3


def test_a_missing_entry_is_404(services, client_for):
    client = client_for("coordinator")
    assert client.get(reverse("partners:detail", args=[99999])).status_code == 404
    assert client.get(reverse("partners:edit", args=[99999])).status_code == 404


def test_a_help_request_is_referred_to_a_partner_service(help_world, services, client_for):
    public, _internal, gone = services
    help_request = help_world.help.request
    url = reverse("volunteers:help_detail", args=["franztreff", help_request.pk])
    page = client_for("coordinator").get(url)
    assert [p.name for p in page.context["partners"]] == [
        "Mieterservice DWG",
        "Schuldnerberatung Mitte",
    ]
    response = client_for("coordinator").post(url, {"action": "refer", "partner": public.pk})
    assert response.status_code == 302
    # An inactive service is not offered, and the outsider cannot touch the request.
    refused = client_for("coordinator").post(url, {"action": "refer", "partner": gone.pk})
    assert refused.status_code == 404
    outsider = client_for("outsider").post(url, {"action": "refer", "partner": ""})
    assert outsider.status_code == 404
    help_request.refresh_from_db()
    assert help_request.referred_to == public


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return [line.split(";") for line in text.split("\r\n")[:-1]]


def test_the_directory_downloads_as_the_page_shows_it_without_internal_notes(services, client_for):
    client = client_for("volunteer")
    url = reverse("partners:export", args=["csv"])
    everything = _csv(client.get(url))
    russian = _csv(client.get(url, {"language": "ru"}))
    assert (
        everything[0][:3],
        [row[0] for row in everything[1:]],
        [row[0] for row in russian[1:]],
        russian[1][11:],
        "Frau K." in client.get(url).content.decode(),
    ) == (
        ["Name", "Kategorie", "Organisation"],
        ["Schuldnerberatung Mitte", "Mieterservice DWG"],
        ["Schuldnerberatung Mitte"],
        ["Deutsch, Russisch", "ja", "", "ja"],
        False,
    )


def test_a_formula_in_the_directory_stays_text(services, client_for):
    with scopes_disabled():
        PartnerService.objects.create(name="=2+3", category="debt", description="@SUMME(A1)")
    rows = _csv(client_for("coordinator").get(reverse("partners:export", args=["csv"])))
    row = next(row for row in rows if row[0].startswith("'="))
    assert (row[0], row[3]) == ("'=2+3", "'@SUMME(A1)")


def test_without_a_role_the_directory_does_not_download(services, client_for):
    assert client_for("no_role").get(reverse("partners:export", args=["xlsx"])).status_code == 403
