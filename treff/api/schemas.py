"""The shapes the open-data API answers with (they are its OpenAPI schema).

Field names are English and stable; values that name a choice are its key ("leisure",
"step_free"), never a label in some language. Times of day are "HH:MM" in Berlin's local
time, and an end of 00:00 is written "24:00" (treff.core.times). Moments are ISO 8601 with
their offset (+01:00 in winter, +02:00 in summer).
"""

import datetime as dt

from django.utils import timezone
from ninja import Field, Schema
from pydantic import model_validator

from treff.core.choices import Language
from treff.core.params import FIRST_SUPPORTED, LAST_SUPPORTED
from treff.offers import planning
from treff.partners.models import Category as PartnerCategory

# A range of dates is at most about a quarter; without one, two weeks from today.
MAX_DAYS = 92
DEFAULT_DAYS = 14
# Dates stay in 2000–2099 like every date in an address: a year 9999 would overflow when
# the range's end is computed.
FIRST_DAY, LAST_DAY = FIRST_SUPPORTED, LAST_SUPPORTED


class Error(Schema):
    """A refused request: `detail` says why, in English."""

    detail: str


class Address(Schema):
    street: str
    postal_code: str
    city: str


def address_of(row) -> dict:
    """The Address of a Treff or a partner service (core.models.AddressContact)."""
    return {"street": row.street, "postal_code": row.postal_code, "city": row.city}


class OpeningHours(Schema):
    weekday: int = Field(..., ge=0, le=6, description="0 Monday … 6 Sunday")
    opens: str = Field(..., description="HH:MM, local time")
    closes: str = Field(..., description="HH:MM, local time; 24:00 for midnight")


class Treff(Schema):
    slug: str = Field(..., description="the short name in addresses, stable across renamings")
    name: str
    carrier: str = Field(..., description="the welfare carrier's name")
    address: Address
    district: str
    phone: str
    email: str
    website: str
    accessibility: list[str] = Field(
        ..., description="accessibility feature keys (step_free, toilet, lift, …)"
    )
    opening_hours: list[OpeningHours]


class Offer(Schema):
    id: int
    title: str
    description: str
    category: str = Field(..., description="the offer category's key (leisure, lunch, …)")
    provider: str = Field(..., description="the carrier's or partner service's name")
    audience: str

    @staticmethod
    def resolve_provider(offer) -> str:
        return offer.provider.name


class Date(Schema):
    offer: int = Field(..., description="the offer's id")
    title: str
    start: dt.datetime = Field(..., description="ISO 8601 with the Berlin offset")
    end: dt.datetime = Field(..., description="ISO 8601 with the Berlin offset")
    room: str
    cancelled: bool
    moved: bool = Field(..., description="held at another time than its rule says")
    original_date: dt.date = Field(..., description="the day the series' rule gives it")

    # Resolved from an Occurrence with its series, offer and room (one query for them all).
    @staticmethod
    def resolve_offer(occ) -> int:
        return occ.series.offer_id

    @staticmethod
    def resolve_title(occ) -> str:
        return occ.series.offer.title

    @staticmethod
    def resolve_start(occ) -> dt.datetime:
        return occ.start.astimezone(planning.timezone())

    @staticmethod
    def resolve_end(occ) -> dt.datetime:
        return occ.end.astimezone(planning.timezone())

    @staticmethod
    def resolve_room(occ) -> str:
        return occ.room.name


class DateRange(Schema):
    """Local days `from` to `to`, both included, at most MAX_DAYS days. Without `from`, today;
    without `to`, DEFAULT_DAYS days from `from`."""

    first: dt.date | None = Field(
        None, alias="from", ge=FIRST_DAY, le=LAST_DAY, description="default: today"
    )
    last: dt.date | None = Field(
        None, alias="to", ge=FIRST_DAY, le=LAST_DAY, description="default: from + 13 days"
    )

    @model_validator(mode="after")
    def _fill_and_check(self):
        # A ValueError here is a 422 naming the rule, like any other bad parameter.
        if self.first is None:
            self.first = timezone.localdate()
        if self.last is None:
            self.last = self.first + dt.timedelta(days=DEFAULT_DAYS - 1)
        if self.last < self.first:
            raise ValueError("'to' lies before 'from'.")
        if (self.last - self.first).days + 1 > MAX_DAYS:
            raise ValueError(f"A range covers at most {MAX_DAYS} days.")
        return self


class Partner(Schema):
    id: int
    name: str
    category: str = Field(..., description="the directory category's key (debt, health, …)")
    description: str
    address: Address
    phone: str
    email: str
    website: str
    office_hours: str
    languages: list[str] = Field(..., description="language codes (de, en, ar, …)")
    barrier_free: bool
    accessibility: str

    # The public page's fields of a PartnerService: never its internal notes or who changed it.
    @staticmethod
    def resolve_address(service) -> dict:
        return address_of(service)


class PartnerFilter(Schema):
    """The public directory's filters (partners.forms.DirectoryFilter, without the search
    text); a value the directory does not know is a 422."""

    category: PartnerCategory | None = None
    language: Language | None = None
    barrier_free: bool = False


class Figure(Schema):
    area: str
    measure: str
    measure_title: str = Field(..., description="in the site's language (German)")
    row: str = Field(..., description="in the site's language; 'Total' for the Treff's total")
    value: int | float | None = Field(..., description="null unless status is 'shown'")
    status: str = Field(..., description="'shown', '< k', 'secret' or 'none'")


class TreffFigures(Schema):
    slug: str
    name: str
    figures: list[Figure]


class License(Schema):
    id: str
    url: str


class Figures(Schema):
    year: int
    complete: bool = Field(..., description="false while the year is still running")
    k: int = Field(..., description="counts of persons from 1 to k−1 are hidden")
    rule: str = Field(..., description="the suppression rule, in the site's language")
    license: License
    treffs: list[TreffFigures]
