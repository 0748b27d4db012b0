"""Open data (issue 13 item 6): a Treff's year as CSV and JSON, suppressed as for the public."""

import csv
import datetime as dt
import io
import json
import uuid

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.operations.models import Tally, TallyEvent
from treff.reports.measures import PERSONS, REGISTRY

HEADER = [
    "year",
    "treff",
    "treff_name",
    "area",
    "measure",
    "measure_title",
    "row",
    "value",
    "status",
]
# The visitors of Franztreff in 2025 as the public sees them: the 3 is "< 5", and the 7 is
# kept secret with it, or the 3 would follow from the total 50 − 40.
VISITORS_2025 = [
    ["offener Treff", "0", "shown"],
    ["Allgemeine Sozialberatung und Beratung zu Sozialleistungen", "0", "shown"],
    ["Hilfestellung bei persönlichen und familiären Problemen und Krisen", "0", "shown"],
    [
        "Mobile Fachberatung (Erziehungs-, Familien-, Schuldner-, Sucht- und "
        "Schwangerenberatung, ZIB)",
        "0",
        "shown",
    ],
    ["Information, Prävention und Veranstaltungen", "", "secret"],
    ["Freizeitangebote", "", "< 5"],
    ["Mittagstisch", "40", "shown"],
    ["Kleiderkammer, Spendenstelle für Kleidung, Kleidertauschbörse", "0", "shown"],
    ["Zugang zu Informationsmedien", "0", "shown"],
    ["Gesamt", "50", "shown"],
]


def _visitors(treff, day, count, category="leisure"):
    with scopes_disabled():
        tally = Tally.objects.create(treff=treff, kind="occurrence", date=day, category=category)
        TallyEvent.objects.bulk_create(
            TallyEvent(treff=treff, tally=tally, key=uuid.uuid4(), delta=1) for _ in range(count)
        )


@pytest.fixture
def visits(world):
    _visitors(world.franztreff, dt.date(2025, 3, 2), 3)  # small: "< 5" for the public
    _visitors(world.franztreff, dt.date(2025, 3, 3), 40, category="lunch")
    _visitors(world.franztreff, dt.date(2025, 6, 4), 7, category="information")
    _visitors(world.rosseltreff, dt.date(2025, 3, 3), 30, category="lunch")  # another Treff
    _visitors(world.franztreff, dt.date(2024, 3, 3), 2, category="lunch")  # another year
    return world


def _get(client, fmt, slug="franztreff", year=2025):
    return client.get(reverse(f"reports:open_data_{fmt}", args=[slug, year]))


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_holds_the_public_figures_of_the_treff_year(visits, client_for):
    response = _get(client_for("city"), "csv")
    header, *rows = _rows(response)
    visitors = [row[6:] for row in rows if row[4] == "visitors"]
    assert (
        response.status_code,
        response["Content-Type"],
        response["Content-Disposition"],
        response.content[:3],
        header,
        visitors,
        {tuple(row[:3]) for row in rows},
        {row[5] for row in rows if row[4] == "visitors"},
    ) == (
        200,
        "text/csv; charset=utf-8",
        'attachment; filename="franztreff-2025.csv"',
        b"\xef\xbb\xbf",
        HEADER,
        VISITORS_2025,
        {("2025", "franztreff", "Franztreff")},
        {"Besuchende nach Art des Angebots"},
    )
    # The cell of 3 never appears, nor anything from which it follows.
    assert [row for row in rows if row[7] in ("3", "7", "10")] == []


def test_the_json_holds_the_same_figures_and_says_what_they_are(visits, client_for):
    data = json.loads(_get(client_for("city"), "json").content)
    figures = data.pop("figures")
    assert data == {
        "treff": {"slug": "franztreff", "name": "Franztreff"},
        "year": 2025,
        "period": {"first": "2025-01-01", "last": "2025-12-31"},
        "complete": True,
        "k": 5,
        "rule": (
            # In the installation's language (German), whoever downloads the file.
            "Personenzahlen von 1 bis 4 werden als „< 5“ gezeigt, ebenso ein Anteil, Median "
            "oder Durchschnitt, der auf weniger als 5 Personen beruht; mit „secret“ markierte "
            "Zahlen sind verborgen, damit sich keine kleine Zahl aus Summen errechnen lässt. "
            "Null wird als 0 gezeigt (Fachkonzept §6)."
        ),
        "generated": "2026-11-30",
        "license": {"id": "dl-de/by-2-0", "url": "https://www.govdata.de/dl-de/by-2-0"},
    }
    rows = _rows(_get(client_for("city"), "csv"))[1:]
    assert [
        [f["area"], f["measure"], f["measure_title"], f["row"], f["value"], f["status"]]
        for f in figures
    ] == [[*row[3:7], _number(row[7]), row[8]] for row in rows]
    assert [f["value"] for f in figures if f["measure"] == "visitors"] == [
        0, 0, 0, 0, None, None, 40, 0, 0, 50
    ]  # fmt: skip


def test_the_current_year_is_marked_incomplete(visits, client_for):
    data = json.loads(_get(client_for("city"), "json", year=2026).content)
    assert (data["complete"], data["period"]) == (
        False,
        {"first": "2026-01-01", "last": "2026-12-31"},
    )


def test_a_treff_named_like_a_formula_stays_text_in_the_csv(visits, client_for):
    with scopes_disabled():
        visits.franztreff.name = '=HYPERLINK("http://example.org","x")'
        visits.franztreff.save()
    rows = _rows(_get(client_for("city"), "csv"))[1:]
    data = json.loads(_get(client_for("city"), "json").content)
    assert ({row[2] for row in rows}, data["treff"]["name"]) == (
        {'\'=HYPERLINK("http://example.org","x")'},
        '=HYPERLINK("http://example.org","x")',
    )


def _number(text: str):
    """A CSV value as the JSON has it: a whole number, a decimal, or None when empty."""
    if not text:
        return None
    return int(text) if text.lstrip("-").isdigit() else float(text)


def test_a_year_without_data_gives_zeros(visits, client_for):
    """Every count of persons is 0 (the plan's warnings and its dashes are no persons)."""
    rows = _rows(_get(client_for("city"), "csv", year=2023))[1:]
    persons = {key for key, measure in REGISTRY.items() if measure.kind == PERSONS}
    assert {(row[7], row[8]) for row in rows if row[4] in persons} == {("0", "shown")}


@pytest.mark.parametrize(("year", "status"), [(2027, 404), ("1999", 404), ("20x5", 404)])
def test_a_future_or_odd_year_is_not_found(visits, client_for, year, status):
    response = _get(client_for("city"), "csv", year=year)
    assert response.status_code == status


def test_a_future_year_says_why(visits, client_for):
    response = _get(client_for("city"), "json", year=2027)
    assert (response.status_code, response.templates[0].name, response.context["year"]) == (
        404,
        "reports/open_data_missing.html",
        2027,
    )


def test_everyone_gets_the_public_figures_even_the_treffs_coordinator(visits, client_for):
    city = _get(client_for("city"), "csv").content
    assert (
        _get(client_for("coordinator"), "csv").content,
        _get(client_for("carrier"), "csv").content,
        _get(client_for("committee"), "csv").content,
    ) == (city, city, city)


def test_another_treffs_file_is_not_found_for_the_outsider(visits, client_for):
    outsider = client_for("outsider")
    assert (
        _get(outsider, "csv").status_code,
        _get(outsider, "json").status_code,
        _get(outsider, "csv", slug="rosseltreff").status_code,
        _get(client_for("counsellor"), "csv").status_code,
    ) == (404, 404, 200, 403)


def test_the_page_lists_the_readers_treffs_for_the_chosen_year(visits, client_for):
    url = reverse("reports:open_data")
    city = client_for("city").get(url, {"year": "2024"})
    chosen = client_for("city").get(url, {"year": "2024", "treff": visits.rosseltreff.pk})
    outsider = client_for("outsider").get(url)
    assert (
        [t.slug for t in city.context["shown"]],
        city.context["year"],
        [t.slug for t in chosen.context["shown"]],
        [t.slug for t in outsider.context["shown"]],
        outsider.context["year"],
    ) == (["franztreff", "rosseltreff"], 2024, ["rosseltreff"], ["rosseltreff"], 2025)
    assert 'href="/reports/open-data/franztreff/2024.csv"' in city.content.decode()


@pytest.mark.parametrize(("query", "status"), [({"year": "abc"}, 400), ({"treff": "x"}, 400)])
def test_the_page_answers_odd_input_with_a_400(world, client_for, query, status):
    response = client_for("city").get(reverse("reports:open_data"), query)
    assert response.status_code == status


def test_the_page_says_a_future_year_has_no_figures(world, client_for):
    response = client_for("city").get(reverse("reports:open_data"), {"year": "2027"})
    assert (response.status_code, response.context["future"]) == (200, True)


def test_a_threshold_below_two_gives_no_file(visits, client_for, settings):
    settings.TREFF_SMALL_CELL_K = 1
    response = _get(client_for("city"), "csv")
    assert (response.status_code, response.context["threshold"]) == (503, True)
