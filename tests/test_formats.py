"""Dates and times in English are British (issue 11, item 4): 24 hours, day before month."""

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, translation

MOMENT = dt.datetime(2026, 11, 30, 15, 49)


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("en", "DATE_FORMAT", "30 November 2026"),
        ("en", "SHORT_DATE_FORMAT", "30/11/2026"),
        ("en", "DATETIME_FORMAT", "30 November 2026, 15:49"),
        ("en", "SHORT_DATETIME_FORMAT", "30/11/2026 15:49"),
        ("en", "MONTH_DAY_FORMAT", "30 November"),
        ("en", "YEAR_MONTH_FORMAT", "November 2026"),
        ("de", "DATE_FORMAT", "30. November 2026"),
        ("de", "SHORT_DATE_FORMAT", "30.11.2026"),
    ],
)
def test_named_date_formats(language, name, expected):
    with translation.override(language):
        assert formats.date_format(MOMENT, name) == expected


@pytest.mark.parametrize("language", ["en", "de"])
def test_times_use_24_hours_in_both_languages(language):
    with translation.override(language):
        assert formats.time_format(MOMENT.time()) == "15:49"
        rendered = Template("{{ moment }} {{ moment|date }} {{ moment|time }}").render(
            Context({"moment": MOMENT})
        )
    assert "a.m." not in rendered
    assert "p.m." not in rendered
    assert "15:49" in rendered


def test_the_week_starts_on_monday_in_english():
    with translation.override("en"):
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


@pytest.mark.parametrize("typed", ["2026-11-30", "30/11/2026"])
def test_english_date_fields_accept_iso_and_british_dates(typed):
    class DateForm(forms.Form):
        day = forms.DateField()

    with translation.override("en"):
        form = DateForm({"day": typed})
        assert form.is_valid()
    assert form.cleaned_data["day"] == dt.date(2026, 11, 30)


def test_an_english_page_shows_british_dates(world, client_for):
    client = client_for("coordinator")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("offers:day", kwargs={"slug": "franztreff"}))
    content = response.content.decode()
    assert "Monday, 30 November 2026" in content
    assert "Nov. 30" not in content
