"""Bad input keeps the layout on a phone and in print (issue 11, "Bad input").

Each list is filled with (a) many rows whose names and texts are Arabic and Cyrillic, one
field a single unbroken word at its column's max_length (PostgreSQL refuses longer; a
TextField takes 5,000 characters), and (b) no rows at all. At 360 px and in print emulation
at paper width the page must not scroll sideways, and a stacked table inside
`.kern-table-responsive` must not need its own scroll bar either (on paper a scrolling box
would cut its columns off).
"""

import datetime as dt

import pytest

from .conftest import login
from .test_phone import PAPER, PHONE, overflow

pytestmark = pytest.mark.browser

ARABIC = "مساعدة الجيران في الحي "
CYRILLIC = "Помощь соседям в районе "
# One word of both scripts, no space or hyphen where a browser could break it.
WORD = "مساعدةالجيران" + "Помощьсоседям"

# Tables inside a responsive box that are wider than the box, with their widths, for the report.
TABLE_SCROLLS = """() => [...document.querySelectorAll('.kern-table-responsive')]
  .filter((box) => box.scrollWidth > box.clientWidth)
  .map((box) => ({cls: (box.querySelector('table') || box).className.toString(),
                  scrollWidth: box.scrollWidth, clientWidth: box.clientWidth}))"""


def long_word(model, field: str) -> str:
    """One unbroken word exactly as long as the column allows (5,000 for a TextField)."""
    limit = model._meta.get_field(field).max_length or 5000
    return (WORD * (limit // len(WORD) + 1))[:limit]


def mixed(model, field: str) -> str:
    """Arabic and Cyrillic words with spaces, within the column's max_length."""
    limit = model._meta.get_field(field).max_length or 5000
    return ((ARABIC + CYRILLIC) * 40)[:limit].strip()


def clones(queryset, count: int, **fields) -> list:
    """`count` unsaved copies of the first row of `queryset`, with `fields` set; a callable
    value is called with the copy's number (for columns that must stay unique)."""
    original = queryset.first()
    assert original is not None, queryset.model
    rows = []
    for n in range(count):
        row = queryset.model.objects.get(pk=original.pk)
        row.pk = None
        for name, value in fields.items():
            setattr(row, name, value(n) if callable(value) else value)
        rows.append(row)
    return rows


def _help_requests(full: bool) -> None:
    from treff.volunteers.models import HelpRequest, HelpSeeker

    requests = HelpRequest.objects.filter(treff__slug="franztreff")
    if not full:
        requests.delete()
        return
    HelpSeeker.objects.filter(treff__slug="franztreff").update(
        name=long_word(HelpSeeker, "name"), address=mixed(HelpSeeker, "address")
    )
    HelpRequest.objects.bulk_create(
        clones(requests, 300, notes=long_word(HelpRequest, "notes"), submission_key=None)
    )


def _booking_requests(full: bool) -> None:
    from treff.offers.models import BookingRequest

    requests = BookingRequest.objects.filter(treff__slug="franztreff")
    if not full:
        requests.delete()
        return
    BookingRequest.objects.bulk_create(
        clones(
            requests,
            300,
            title=long_word(BookingRequest, "title"),
            message=mixed(BookingRequest, "message"),
        )
    )


def _shifts(full: bool) -> None:
    from treff.volunteers.models import Shift, ShiftTemplate

    shifts = Shift.objects.filter(treff__slug="franztreff")
    if not full:
        shifts.delete()
        return
    ShiftTemplate.objects.filter(treff__slug="franztreff").update(
        title=long_word(ShiftTemplate, "title")
    )
    # One shift per template and day: the next 300 days after the demo's last shift.
    last = shifts.order_by("-date").first().date
    Shift.objects.bulk_create(
        clones(shifts.order_by("date"), 300, date=lambda n: last + dt.timedelta(days=n + 1))
    )


def _lunch(full: bool) -> None:
    from treff.operations.models import LunchDay

    days = LunchDay.objects.filter(treff__slug="franztreff")
    if not full:
        days.delete()
        return
    # The list shows one month: every day of December 2026, one per date.
    days.filter(date__month=12, date__year=2026).delete()
    LunchDay.objects.bulk_create(
        clones(
            days,
            31,
            date=lambda n: dt.date(2026, 12, 1) + dt.timedelta(days=n),
            menu=f"{mixed(LunchDay, 'menu')[:200]} {long_word(LunchDay, 'menu')}",
            notes=long_word(LunchDay, "notes"),
        )
    )


def _clients(full: bool) -> None:
    from treff.counselling.models import Client

    clients = Client.objects.filter(treff__slug="franztreff")
    if not full:
        clients.delete()
        return
    clients.update(name=long_word(Client, "name"))
    Client.objects.bulk_create(clones(clients, 300, name=long_word(Client, "name"), email=""))


def _contacts(full: bool) -> None:
    from treff.counselling.models import Client, Contact
    from treff.counselling.views import PAGE_SIZE

    contacts = Contact.objects.filter(treff__slug="franztreff")
    if not full:
        contacts.delete()
        return
    client = Client.objects.filter(treff__slug="franztreff").first()
    Client.objects.filter(pk=client.pk).update(name=long_word(Client, "name"))
    # The list shows one page of contacts, each with the client of the longest name.
    Contact.objects.bulk_create(clones(contacts, PAGE_SIZE, client=client))


def _plan_versions(full: bool) -> None:
    from treff.offers.models_plans import PlanVersion

    versions = PlanVersion.objects.filter(treff__slug="franztreff")
    if not full:
        versions.delete()
        return
    last = versions.order_by("-number").first().number
    PlanVersion.objects.bulk_create(
        clones(
            versions.filter(status=PlanVersion.Status.DRAFT),
            300,
            title=long_word(PlanVersion, "title"),
            comments=mixed(PlanVersion, "comments"),
            number=lambda n: last + n + 1,
        )
    )


def _planning_requests(full: bool) -> None:
    from treff.offers.models import Offer
    from treff.planner.models import PlanningRequest

    requests = PlanningRequest.objects.filter(treff__slug="franztreff")
    if not full:
        requests.delete()
        return
    for offer in Offer.objects.filter(treff__slug="franztreff"):
        # Titles are unique per Treff: the longest title as one word, ending in its pk.
        title = long_word(Offer, "title")[: -len(str(offer.pk))] + str(offer.pk)
        Offer.objects.filter(pk=offer.pk).update(title=title)
    PlanningRequest.objects.bulk_create(
        clones(requests, 300, audience=long_word(PlanningRequest, "audience"))
    )


def _clothing(full: bool) -> None:
    from treff.operations.models import Donation, Handout

    donations = Donation.objects.filter(treff__slug="franztreff")
    handouts = Handout.objects.filter(treff__slug="franztreff")
    if not full:
        donations.delete()
        handouts.delete()
        return
    # Clothing rows hold no free text; many rows still must not widen the history.
    Donation.objects.bulk_create(clones(donations, 300))
    Handout.objects.bulk_create(clones(handouts, 300))


LISTS = [
    ("help requests", "franztreff", "/treffs/franztreff/help/", _help_requests),
    ("booking requests", "franztreff", "/requests/", _booking_requests),
    ("shift overview", "franztreff", "/treffs/franztreff/shifts/", _shifts),
    ("my shifts", "ehrenamt", "/me/shifts/", _shifts),
    ("lunch", "franztreff", "/treffs/franztreff/lunch/?month=2026-12", _lunch),
    ("counselling contacts", "beratung", "/treffs/franztreff/counselling/", _contacts),
    ("counselling clients", "franztreff", "/treffs/franztreff/counselling/clients/", _clients),
    ("plan versions", "franztreff", "/treffs/franztreff/plans/", _plan_versions),
    ("planner requests", "franztreff", "/treffs/franztreff/planner/", _planning_requests),
    ("clothing history", "franztreff", "/treffs/franztreff/clothing/history/", _clothing),
]


def fits(page) -> tuple:
    """(page overflow, tables that scroll on their own): (None, []) when the layout holds."""
    return overflow(page), page.evaluate(TABLE_SCROLLS)


@pytest.mark.parametrize("full", [True, False], ids=["many-rows", "no-rows"])
@pytest.mark.parametrize(("name", "username", "path", "fill"), LISTS, ids=[x[0] for x in LISTS])
def test_a_list_keeps_its_layout_on_a_phone_and_in_print(
    demo, page, name, username, path, fill, full
):
    fill(full)
    login(page, username)
    page.set_viewport_size(PHONE)
    page.goto(path)
    on_phone = fits(page)
    page.set_viewport_size(PAPER)
    page.emulate_media(media="print")
    in_print = fits(page)
    assert (name, on_phone, in_print) == (name, (None, []), (None, []))
