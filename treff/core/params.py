"""Dates, months and years read from addresses and query strings, kept in a supported range.

Every view that reads `?date=`, `?month=`, `?year=` or a date in its path goes through these
helpers, so that an odd value ("9999-12-31", "2027-13", "abc") is a clear 400 page (query
string) or a 404 (path) in the reader's language, never an `OverflowError` three calls later.

The supported range (2000-01-01 to 2099-12-31) is wide enough for every plan, report and
history a Treff keeps, and keeps "the week after" and "the month before" representable.
"""

import datetime as dt
import re

from django.core.exceptions import BadRequest
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _

FIRST_SUPPORTED = dt.date(2000, 1, 1)
LAST_SUPPORTED = dt.date(2099, 12, 31)
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class BadParameter(BadRequest):
    """A query-string value that is not what the page expects; its message is for the user.

    Raised by the helpers below and answered by `treff.core.views.bad_request` (handler400)
    with status 400 and the message on the page. The message never contains more than the
    value the user typed into the address.
    """


def _range_text() -> dict:
    return {
        "first": formats.date_format(FIRST_SUPPORTED, "SHORT_DATE_FORMAT"),
        "last": formats.date_format(LAST_SUPPORTED, "SHORT_DATE_FORMAT"),
    }


def _shorten(raw: str) -> str:
    # The value is echoed on the page (escaped by the template); keep it short.
    return raw if len(raw) <= 40 else raw[:40] + "…"


def in_supported_range(day: dt.date) -> bool:
    return FIRST_SUPPORTED <= day <= LAST_SUPPORTED


def parse_date(raw: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) inside the supported range, or None."""
    if not isinstance(raw, str) or not ISO_DATE.match(raw.strip()):
        # fromisoformat alone also takes "20270612" and "2027-W23-6"; addresses use one form.
        return None
    try:
        day = dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None
    return day if in_supported_range(day) else None


def is_number(text: str) -> bool:
    """Whether `text` is ASCII digits only. str.isdigit() alone also accepts "²⁰²⁶" and
    other digit signs that int() refuses — a 500 waiting to happen."""
    return text.isascii() and text.isdigit()


def parse_month(raw: str) -> dt.date | None:
    """The first day of an ISO month (YYYY-MM) inside the supported range, or None."""
    parts = raw.strip().split("-") if isinstance(raw, str) else []
    if len(parts) != 2 or not (len(parts[0]) == 4 and is_number(parts[0])):
        return None
    if not (1 <= len(parts[1]) <= 2 and is_number(parts[1])):
        return None
    year, month = int(parts[0]), int(parts[1])
    # Range first: dt.date() itself refuses year 0 ("0000-01") with a ValueError.
    if not (1 <= month <= 12 and FIRST_SUPPORTED.year <= year <= LAST_SUPPORTED.year):
        return None
    first = dt.date(year, month, 1)
    return first if in_supported_range(first) else None


def date_param(request, name: str = "date", *, default: dt.date) -> dt.date:
    """`?name=YYYY-MM-DD`, or `default` when absent or empty.

    Raises BadParameter (400) for anything else, naming the value and the supported range.
    """
    raw = request.GET.get(name, "")
    if not raw:
        return default
    day = parse_date(raw)
    if day is None:
        raise BadParameter(
            _(
                "“%(value)s” is not a date this page can show. Use the form YYYY-MM-DD, "
                "between %(first)s and %(last)s."
            )
            % {"value": _shorten(raw), **_range_text()}
        )
    return day


def month_param(request, name: str = "month", *, default: dt.date) -> dt.date:
    """`?name=YYYY-MM` as the first day of that month, or `default` (its month) when absent.

    Raises BadParameter (400) for anything else.
    """
    raw = request.GET.get(name, "")
    if not raw:
        return default.replace(day=1)
    first = parse_month(raw)
    if first is None:
        raise BadParameter(
            _(
                "“%(value)s” is not a month this page can show. Use the form YYYY-MM, "
                "between %(first)s and %(last)s."
            )
            % {"value": _shorten(raw), **_range_text()}
        )
    return first


def year_param(request, name: str = "year", *, default: int) -> int:
    """`?name=YYYY` inside the supported range, or `default` when absent or empty."""
    raw = request.GET.get(name, "")
    if not raw:
        return default
    raw = raw.strip()
    if not (len(raw) == 4 and is_number(raw)) or not (
        FIRST_SUPPORTED.year <= int(raw) <= LAST_SUPPORTED.year
    ):
        raise BadParameter(
            _("“%(value)s” is not a year this page can show; use one from %(first)s to %(last)s.")
            % {
                "value": _shorten(raw),
                "first": FIRST_SUPPORTED.year,
                "last": LAST_SUPPORTED.year,
            }
        )
    return int(raw)


def int_param(request, name: str) -> int | None:
    """`?name=<id>` as a positive integer that a database id can hold, or None when absent.

    Raises BadParameter (400) for anything else (letters, negative or huge numbers).
    """
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdecimal() or len(raw) > 18 or int(raw) > 2**63 - 1:
        raise BadParameter(_("“%(value)s” is not a valid number.") % {"value": _shorten(raw)})
    return int(raw)


def choice_param(request, name: str, choices) -> str:
    """`?name=<value>` as one of `choices`, or "" when absent; anything else is BadParameter."""
    raw = request.GET.get(name, "").strip()
    if raw and raw not in choices:
        raise BadParameter(_("“%(value)s” is not one of the choices.") % {"value": _shorten(raw)})
    return raw


def date_from_path(raw: str) -> dt.date:
    """A date in the address path (…/dates/2027-06-12/); anything else is a 404."""
    day = parse_date(raw)
    if day is None:
        raise Http404
    return day


def year_from_path(raw) -> int:
    """A year in the address path (…/certificate/2027.pdf); anything else is a 404."""
    try:
        year = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    if not FIRST_SUPPORTED.year <= year <= LAST_SUPPORTED.year:
        raise Http404
    return year
