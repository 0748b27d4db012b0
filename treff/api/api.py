"""The open-data API, version 1: Treffs, their public offers and dates, the public partner
directory and the year's figures as the public may see them. Read-only, anonymous, JSON.

Mounted at /api/v1/ (urls.py), outside the language-prefixed public site: field names and
keys are English and the same in every language. The schema is /api/v1/openapi.json; no
docs page, because ninja's Swagger UI loads its scripts from a CDN and the project serves
nothing from elsewhere.

Bad input (a date that is none, `to` before `from`, more than MAX_DAYS days, a year outside
2000–2099, a malformed slug, a limit or offset out of range) is a 422 with ninja's
`{"detail": [{"loc", "msg", "type"}, …]}`; an unknown or inactive Treff and a year that has
not begun are a 404 with `{"detail": "…"}`.
"""

from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django_scopes import scope
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from treff.core.times import format_end
from treff.partners import selectors as partner_selectors
from treff.reports import opendata
from treff.reports.engine import InvalidThreshold
from treff.treffs import selectors as treff_selectors

from . import schemas, selectors

api = NinjaAPI(
    title="Treff open data",
    version="1",
    description=(
        "Public facts of the neighbourhood drop-in centres (Treffs) of this installation: "
        "addresses, opening hours, offers, dates, the partner directory and yearly figures "
        f"with small counts suppressed. Data licence: {opendata.license_id()}."
    ),
    urls_namespace="api",
    docs_url=None,
)

# A Treff's short name as Treff.slug allows it (SlugField, 60 characters): anything else is
# refused before it reaches the database (PostgreSQL refuses a NUL byte with an error).
SLUG = Path(..., pattern=r"^[-a-zA-Z0-9_]+$", max_length=60)
NOT_FOUND = "No active Treff has this short name."


class Pagination(LimitOffsetPagination):
    """limit (1–500, default 100) and offset (0–1,000,000): bounded, so that no offset can
    overflow the database's integer."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=1_000_000)

    def __init__(self, **kwargs):
        super().__init__(max_limit=500, **kwargs)


def _treff(slug: str):
    treff = treff_selectors.public_treff(slug)
    if treff is None:
        raise HttpError(404, NOT_FOUND)
    return treff


def _treff_data(treff, hours) -> dict:
    return {
        "slug": treff.slug,
        "name": treff.name,
        "carrier": treff.carrier.name,
        "address": schemas.address_of(treff),
        "district": treff.district,
        "phone": treff.phone,
        "email": treff.email,
        "website": treff.website,
        "accessibility": list(treff.accessibility),
        "opening_hours": [
            {"weekday": h.weekday, "opens": f"{h.opens:%H:%M}", "closes": format_end(h.closes)}
            for h in hours
        ],
    }


@api.get(
    "/treffs",
    response=list[schemas.Treff],
    url_name="treffs",
    operation_id="treffs_list",
    summary="Active Treffs with address, contact, accessibility and opening hours",
)
def treffs(request):
    """Two queries: the Treffs with their carriers, the opening hours."""
    return [_treff_data(t, t.opening_hours.all()) for t in treff_selectors.public_treff_list()]


@api.get(
    "/treffs/{slug}",
    response={200: schemas.Treff, 404: schemas.Error},
    url_name="treff",
    operation_id="treff_detail",
    summary="One active Treff",
)
def treff(request, slug: str = SLUG):
    found = _treff(slug)
    with scope(treff=[found.pk]):
        hours = list(found.opening_hours.order_by("weekday", "opens"))
        return _treff_data(found, hours)


@api.get(
    "/treffs/{slug}/offers",
    response={200: list[schemas.Offer], 404: schemas.Error},
    url_name="offers",
    operation_id="treff_offers",
    summary="A Treff's public offers, by title",
)
@paginate(Pagination)
def offers(request, slug: str = SLUG):
    found = _treff(slug)
    with scope(treff=[found.pk]):
        return selectors.public_offers(found)


@api.get(
    "/treffs/{slug}/dates",
    response={200: list[schemas.Date], 404: schemas.Error},
    url_name="dates",
    operation_id="treff_dates",
    summary="A Treff's public dates in a range of days (cancelled and moved ones marked)",
)
@paginate(Pagination)
def dates(request, slug: str = SLUG, days: schemas.DateRange = Query(...)):  # noqa: B008
    found = _treff(slug)
    with scope(treff=[found.pk]):
        return selectors.public_dates(found, days.first, days.last)


@api.get(
    "/partners",
    response=list[schemas.Partner],
    url_name="partners",
    operation_id="partners_list",
    summary="The public entries of the partner directory, by category and name",
)
@paginate(Pagination)
def partners(request, filters: schemas.PartnerFilter = Query(...)):  # noqa: B008
    return partner_selectors.directory(
        public_only=True,
        category=filters.category or "",
        language=filters.language or "",
        barrier_free=filters.barrier_free,
    )


@api.get(
    "/figures/{year}",
    response={200: schemas.Figures, 404: schemas.Error, 503: schemas.Error},
    url_name="figures",
    operation_id="figures_year",
    summary="Each active Treff's figures of a year, as published (small counts suppressed)",
)
def figures(request, year: int = Path(..., ge=2000, le=2099)):
    """The open-data file of reports.opendata for every active Treff: Audience.PUBLIC, each
    Treff suppressed on its own exactly as its published CSV, labels in the site's language.
    The queries grow with the number of Treffs (one report each), not with the data."""
    if year > timezone.localdate().year:
        raise HttpError(404, "There are no figures for a year that has not begun.")
    k = settings.TREFF_SMALL_CELL_K
    out = []
    with translation.override(settings.LANGUAGE_CODE):
        try:
            for treff in treff_selectors.public_treff_list():
                with scope(treff=[treff.pk]):
                    found = opendata.figures(treff, year, k=k)
                out.append({"slug": treff.slug, "name": treff.name, "figures": _figures(found)})
        except InvalidThreshold as error:
            raise HttpError(503, "The suppression threshold is set wrongly.") from error
        return {
            "year": year,
            "complete": year < timezone.localdate().year,
            "k": k,
            "rule": opendata.rule_text(k),
            "license": {"id": opendata.license_id(), "url": opendata.LICENSE_URL},
            "treffs": out,
        }


def _figures(found) -> list[dict]:
    return [
        {
            "area": f.area,
            "measure": f.measure,
            "measure_title": f.measure_title,
            "row": f.row,
            "value": _number(f.value),
            "status": f.status,
        }
        for f in found
    ]


def _number(value):
    """A Decimal as a JSON number (pydantic would write a string): whole ones as int."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
