"""A report's tables from the apps' aggregate selectors, published through the engine.

Counts only. Each measure is a table with one row per category (offer category, counselling
topic) and one column per Treff; its row totals are the city total (or the selection's), its
column totals each Treff's. The same table is built for the period before and for the same
period a year earlier: different days, so different persons, so three unlinked tables whose
grand totals make the comparison line. A reader outside the Treff gets them suppressed
(engine.publish); the coordinator of every Treff shown gets them as they are.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from treff.counselling import selectors as counselling
from treff.counselling.models import Topic
from treff.offers.models import Category
from treff.operations import selectors as operations
from treff.operations.selectors import DROP_IN_LABEL
from treff.treffs.access import roles_of
from treff.volunteers import selectors as volunteers
from treff.volunteers.models import HelpRequest

from .engine import Audience, PublishedReport, Report, Table, publish
from .engine.periods import Period

# Each measure: its heading and the heading of its row labels.
MEASURES = {
    "visitors": (_("Visitors by kind of offer"), _("Kind of offer")),
    "topics": (_("Counselling contacts by topic"), _("Topic")),
    "help": (_("Neighbourhood help: requests taken, by where they stand now"), _("Status")),
}
WHEN = ("now", "previous", "year_earlier")


@dataclass(frozen=True)
class Section:
    """One measure: its table for the period, and the three grand totals to compare."""

    measure: str
    title: str
    row_header: str
    table: object  # engine.PublishedTable
    totals: tuple  # (now, previous, year earlier) as engine.Cell
    row_labels: tuple[str, ...]

    @property
    def rows(self):
        """(label, cells, row total) per row, for the template."""
        return zip(self.row_labels, self.table.cells, self.table.row_totals, strict=True)


def audience_of(user, treffs) -> Audience:
    """Only the coordinator of every Treff shown sees small counts (Fachkonzept §6)."""
    roles = roles_of(user)
    if treffs and all(treff.pk in roles.coordinator_of for treff in treffs):
        return Audience.OWN_TREFF
    if roles.city_staff:
        return Audience.CITY
    if roles.committee:
        return Audience.COMMITTEE
    return Audience.CARRIER


def build(treffs: list, period: Period, *, k: int, audience: Audience):
    """(PublishedReport, [Section]) for `treffs` (at least one) over `period`.

    Raises engine.InvalidThreshold for a k below 2: nothing is shown then.
    """
    periods = {"now": period, "previous": period.previous(), "year_earlier": period.year_earlier()}
    names = tuple(treff.name for treff in treffs)
    tables = []
    labels = {}
    for when, span in periods.items():
        for measure, (rows, counts) in _measures(treffs, span).items():
            labels[measure] = rows
            tables.append(Table(f"{measure}:{when}", [str(r) for r in rows], names, counts))
    published: PublishedReport = publish(Report(tuple(tables)), k, audience)
    sections = [
        Section(
            measure,
            *MEASURES[measure],
            published.table(f"{measure}:now"),
            tuple(published.table(f"{measure}:{when}").total for when in WHEN),
            tuple(str(label) for label in labels[measure]),
        )
        for measure in MEASURES
    ]
    return published, sections


def _measures(treffs, span: Period) -> dict:
    ids = [treff.pk for treff in treffs]
    visitors = operations.visitors_by_category(ids, first=span.first, last=span.last)
    categories = ["", *Category.values]
    visitor_rows = [DROP_IN_LABEL, *Category.labels]
    topics = {
        stats.treff.pk: dict(stats.by_topic)
        for stats in counselling.contact_statistics(treffs, first=span.first, last=span.last)
    }
    help_requests = volunteers.help_requests_by_status(ids, first=span.first, last=span.last)
    return {
        "visitors": (
            visitor_rows,
            [[max(visitors.get((pk, c), 0), 0) for pk in ids] for c in categories],
        ),
        "topics": (
            list(Topic.labels),
            [[topics[pk].get(topic, 0) for pk in ids] for topic in Topic],
        ),
        "help": (
            list(HelpRequest.Status.labels),
            [[help_requests.get((pk, status), 0) for pk in ids] for status in HelpRequest.Status],
        ),
    }
