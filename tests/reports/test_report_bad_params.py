"""/reports/ with garbage in its query, as a new user types or pastes it: a message in the
reader's language that names no saving (the report form saves nothing), never a 500."""

import pytest
from django.urls import reverse

URL = reverse("reports:report")
GARBAGE = [
    {"period": "xyz", "day": "notadate", "treff": "999999"},
    {"period": "year", "treff": "abc"},
    {"period": "month", "day": "0001-01-01"},
    {"period": "month", "day": "9999-12-31"},
    {"period": "custom", "first": "2026-11-30", "last": "2026-01-01"},
    {"period": "custom"},
]


@pytest.mark.parametrize("query", GARBAGE)
@pytest.mark.parametrize(
    ("language", "heading", "wrong"),
    [
        ("en", "No report can be shown for these entries.", "Nothing has been saved"),
        ("de", None, "Es wurde noch nichts gespeichert"),
    ],
)
def test_garbage_in_the_query_gets_a_message_that_names_no_saving(
    world, client_for, query, language, heading, wrong
):
    client = client_for("city")
    client.cookies["django_language"] = language
    response = client.get(URL, query)
    page = response.content.decode()
    assert (
        response.status_code,
        "areas" in response.context,
        bool(response.context["form"].errors),
        wrong in page,
        heading is None or heading in page,
    ) == (200, False, True, False, True)
