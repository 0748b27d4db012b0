"""Dates, months, years and ids from addresses: one parser, a supported range, clear errors."""

import datetime as dt
import logging

import pytest
from django.core.exceptions import BadRequest
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from treff.core import params
from treff.core.logfilters import BadParameterWithoutTraceback


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2027-06-12", dt.date(2027, 6, 12)),
        (" 2027-06-12 ", dt.date(2027, 6, 12)),
        ("2000-01-01", dt.date(2000, 1, 1)),
        ("2099-12-31", dt.date(2099, 12, 31)),
        ("1999-12-31", None),
        ("2100-01-01", None),
        ("9999-12-31", None),
        ("0000-01-01", None),
        ("0001-01-01", None),
        ("2027-02-29", None),
        ("2027-13-01", None),
        ("20270612", None),
        ("2027-W23-6", None),
        ("abc", None),
        ("", None),
    ],
)
def test_parse_date(raw, expected):
    assert params.parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2027-06", dt.date(2027, 6, 1)),
        ("2027-6", dt.date(2027, 6, 1)),
        ("0000-01", None),
        ("9999-12", None),
        ("1999-12", None),
        ("2027-13", None),
        ("2027-00", None),
        ("2027", None),
        ("2027-06-01", None),
        ("-1-1", None),
        ("abc", None),
    ],
)
def test_parse_month(raw, expected):
    assert params.parse_month(raw) == expected


def _get(query: dict):
    return RequestFactory().get("/", query)


def test_query_values_fall_back_to_the_default_when_absent():
    request = _get({})
    default = dt.date(2026, 11, 30)
    assert (
        params.date_param(request, default=default),
        params.month_param(request, default=default),
        params.year_param(request, default=2026),
        params.int_param(request, "room"),
    ) == (default, dt.date(2026, 11, 1), 2026, None)


@pytest.mark.parametrize(
    ("helper", "query"),
    [
        (lambda r: params.date_param(r, default=dt.date(2026, 1, 1)), {"date": "9999-12-31"}),
        (lambda r: params.month_param(r, default=dt.date(2026, 1, 1)), {"month": "0000-01"}),
        (lambda r: params.year_param(r, default=2026), {"year": "1999"}),
        (lambda r: params.int_param(r, "room"), {"room": "99999999999999999999"}),
        (lambda r: params.int_param(r, "room"), {"room": "²"}),
        (lambda r: params.int_param(r, "room"), {"room": "-1"}),
    ],
)
def test_odd_query_values_are_bad_requests(helper, query):
    with pytest.raises(BadRequest):
        helper(_get(query))


@pytest.mark.parametrize("raw", ["9999-12-31", "abc", "0000-01-01"])
def test_odd_path_dates_are_not_found(raw):
    with pytest.raises(Http404):
        params.date_from_path(raw)


@pytest.mark.parametrize(("raw", "expected"), [("2026", 2026), ("1999", None), ("2100", None)])
def test_years_in_the_path(raw, expected):
    if expected is None:
        with pytest.raises(Http404):
            params.year_from_path(raw)
    else:
        assert params.year_from_path(raw) == expected


def test_a_bad_parameter_is_logged_without_its_traceback():
    try:
        raise params.BadParameter("“x” is not a date")
    except params.BadParameter:
        import sys

        record = logging.LogRecord(
            "django.request", logging.WARNING, __file__, 1, "Bad Request: /", (), sys.exc_info()
        )
    assert (BadParameterWithoutTraceback().filter(record), record.exc_info) == (True, None)


@pytest.mark.parametrize("raw", ["²⁰²⁶", "２０２６", "٢٠٢٦"])
def test_digit_signs_other_than_ascii_are_not_a_year_or_a_month(raw, rf):
    # str.isdigit() says yes to "²⁰²⁶", int() then fails: a 500 before this was checked.
    with pytest.raises(params.BadParameter):
        params.year_param(rf.get("/", {"year": raw}), default=2026)
    assert (params.parse_month(f"{raw}-01"), params.parse_month("2026-¹²")) == (None, None)
    assert params.is_number(raw) is False


def test_a_meeting_number_in_superscript_opens_the_empty_action_item(world, client_for):
    url = reverse("quality:action_item_create", args=["franztreff"])
    response = client_for("coordinator").get(url, {"meeting": "¹²"})
    assert response.status_code == 200
