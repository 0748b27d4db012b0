"""The public website end to end (issue 15, item 7): a visitor asks for help in Arabic and a
volunteer accepts; a counsellor's monthly office hour goes through the coordinator and the
city onto the public Treff page; a resident applies to volunteer on a phone-sized screen.

Each person has a browser of their own (new_page), as they would in life: the visitor's
Arabic pages and the staff's German ones never share a session or a language cookie.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from treff.offers.models import BookingRequest, PlanVersion
from treff.volunteers.models import HelpRequest, Volunteer, VolunteerApplication

from ..conftest import TODAY
from .conftest import login

pytestmark = pytest.mark.browser

NEXT_MONDAY = TODAY + dt.timedelta(days=7)  # the pinned today is Monday 30 Nov 2026
FIRST_WEDNESDAY = dt.date(2026, 12, 2)  # the first Wednesday of December, in this week


def _staff(new_page, username):
    page = new_page(locale="de-DE")
    login(page, username)
    return page


def test_a_visitor_asks_for_help_in_arabic_and_the_matched_volunteer_accepts(demo, new_page):
    assert TODAY.weekday() == 0
    visitor = new_page(locale="ar")
    visitor.goto("/ar/franztreff/")
    html = visitor.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    visitor.get_by_role("link", name="أحتاج إلى مساعدة", exact=True).click()  # "I need help"
    expect(visitor).to_have_url(re.compile(r"/ar/franztreff/hilfe/$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("طلب مساعدة من الجيران")

    visitor.get_by_label("اسمكم", exact=True).fill("ليلى حداد")  # "Your name"
    visitor.get_by_label("رقم هاتفكم", exact=True).fill("0340 555123")  # "Your phone number"
    visitor.get_by_label("مكان السكن (الحي)").select_option("sued_innenstadt")
    visitor.get_by_label("ما نوع المساعدة التي تحتاجونها؟").select_option("reading")
    visitor.get_by_label("في أي يوم؟").fill(NEXT_MONDAY.isoformat())  # "On which day?"
    visitor.get_by_label("من الساعة", exact=True).fill("10:00")  # "From"
    visitor.get_by_label("حتى الساعة", exact=True).fill("11:00")  # "Until"
    visitor.get_by_label("اللغة التي تتحدثونها").select_option("ar")  # "Language you speak"
    visitor.locator("#id_consent").check()
    visitor.get_by_role("button", name="إرسال", exact=True).click()  # "Send"
    # "Your request has arrived. We will call you back."
    expect(visitor.get_by_role("status")).to_have_text("وصلنا طلبكم. سنتصل بكم.")
    expect(visitor.locator("html")).to_have_attribute("dir", "rtl")

    coordinator = _staff(new_page, "franztreff")
    coordinator.goto("/treffs/franztreff/help/")
    coordinator.get_by_role("row").filter(has_text="ليلى حداد").get_by_role("link").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Vorlesen")
    coordinator.get_by_role("button", name="Gerda Neumann anfragen").click()
    expect(coordinator.get_by_role("status").first).to_have_text("Die Anfrage wurde gesendet.")

    volunteer = _staff(new_page, "ehrenamt")
    volunteer.get_by_role("link", name="Meine Einsätze und mein Profil").click()
    volunteer.get_by_role("button", name="Ja, ich helfe").click()
    expect(volunteer.get_by_role("status").first).to_have_text(
        "Vielen Dank, Ihre Antwort wurde weitergegeben."
    )
    expect(volunteer.get_by_text(re.compile("ليلى حداد, 0340 555123"))).to_be_visible()

    request = HelpRequest.objects.select_related("seeker", "volunteer").get(
        seeker__name="ليلى حداد"
    )
    assert (
        request.status,
        request.volunteer.user.username,
        request.seeker.language,
        request.seeker.channel,
        request.seeker.district,
        request.kind,
        request.date,
        request.start,
        request.end,
    ) == (
        "accepted",
        "ehrenamt",
        "ar",
        "web",
        "sued_innenstadt",
        "reading",
        NEXT_MONDAY,
        dt.time(10),
        dt.time(11),
    )


TITLE = "Schuldnerberatung – Monatssprechstunde"


def _public_date(visitor, language):
    """The title's entries in this week's dates of the public Treff page in `language`."""
    visitor.goto(f"/{language}/franztreff/")
    this_week = visitor.locator("section.treff-public-week").first
    return this_week.locator("li").filter(has=visitor.get_by_role("link", name=TITLE, exact=True))


def test_a_counsellors_monthly_slot_is_accepted_approved_and_shown_on_the_public_page(
    demo, new_page
):
    counsellor = _staff(new_page, "beratung")
    counsellor.goto("/requests/")
    counsellor.get_by_role("link", name="Regelmäßige Termine im Franztreff anfragen").click()
    counsellor.get_by_label("Titel").fill(TITLE)
    counsellor.get_by_label("Monatlich am n-ten Wochentag").check()
    counsellor.get_by_label("Erster Tag").fill("2026-12-01")
    counsellor.get_by_label("Letzter Tag").fill("2027-03-31")
    counsellor.get_by_label("Welcher Wochentag").select_option(label="erster")
    counsellor.get_by_label("Mittwoch").check()
    counsellor.get_by_label("Von", exact=True).fill("14:00")
    counsellor.get_by_label("Bis", exact=True).fill("16:00")
    counsellor.get_by_role("button", name="Anfrage senden").click()
    expect(counsellor.get_by_role("status").first).to_have_text(
        "Ihre Anfrage wurde an die Koordination im Franztreff gesendet."
    )
    booking_request = BookingRequest.objects.get(title=TITLE)
    assert (booking_request.kind, booking_request.nth, booking_request.weekdays) == (
        "monthly_nth",
        1,
        [2],
    )

    coordinator = _staff(new_page, "franztreff")
    coordinator.goto("/requests/")
    coordinator.get_by_role("link", name=TITLE).click()
    coordinator.get_by_role("button", name="Prüfen").click()
    expect(coordinator.get_by_role("status").first).to_contain_text("Keine Konflikte im Raum")
    coordinator.get_by_role("button", name="Annehmen und Serie anlegen").click()
    expect(coordinator.get_by_role("status").first).to_have_text(
        "Die Anfrage wurde angenommen; die Termine stehen im Plan."
    )
    series = BookingRequest.objects.get(title=TITLE).series
    # 6 January is a public holiday in Saxony-Anhalt (Epiphany): the series skips it.
    assert [o.original_date for o in series.occurrences.order_by("start")] == [
        FIRST_WEDNESDAY,
        dt.date(2027, 2, 3),
        dt.date(2027, 3, 3),
    ]

    coordinator.goto("/treffs/franztreff/plans/")
    december = coordinator.get_by_role("row").filter(
        has=coordinator.get_by_role("link", name="2. Halbjahr 2026", exact=True)
    )
    expect(december.get_by_text("seit der Genehmigung geändert")).to_be_visible()
    expect(december.get_by_text(f"hinzugefügt: {TITLE}")).to_be_visible()
    december.get_by_role("link", name="2. Halbjahr 2026", exact=True).click()
    coordinator.get_by_role("button", name="Nächste Version beginnen").click()
    expect(coordinator.get_by_role("status").first).to_have_text(
        "Ein neuer Entwurf wurde angelegt."
    )
    coordinator.get_by_role("button", name="Bei der Stadt einreichen").click()
    expect(coordinator.get_by_role("status").first).to_have_text(
        "Der Plan wurde bei der Stadt eingereicht."
    )
    plan_address = coordinator.url

    city = _staff(new_page, "stadt")
    city.goto(plan_address)
    expect(city.get_by_role("heading", level=1)).to_have_text("2. Halbjahr 2026, Version 2")
    city.get_by_label("Plan genehmigen").check()
    city.get_by_role("button", name="Entscheidung absenden").click()
    expect(city.get_by_role("status").first).to_have_text("Der Plan wurde genehmigt.")
    plan = PlanVersion.objects.get(treff__slug="franztreff", title="2. Halbjahr 2026", number=2)
    assert (plan.status, [entry["offer"] for entry in plan.snapshot].count(TITLE)) == (
        "approved",
        1,
    )

    visitor = new_page(locale="de-DE")
    for language in ("de", "en"):
        entry = _public_date(visitor, language)
        expect(entry).to_have_count(1)
        expect(entry.locator("time").first).to_have_attribute(
            "datetime", "2026-12-02T14:00:00+01:00"
        )
        expect(entry.locator("time").last).to_have_attribute(
            "datetime", "2026-12-02T16:00:00+01:00"
        )


PHONE = {"width": 360, "height": 740}


def _no_horizontal_scrolling(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"


def test_a_resident_applies_to_volunteer_on_a_phone_sized_screen(demo, new_page):
    """On a phone, by touch: the form fits, the thanks come in German, and the coordinator
    finds the application (not yet a volunteer) with what was entered."""
    resident = new_page(locale="de-DE", viewport=PHONE, is_mobile=True, has_touch=True)
    resident.goto("/de/franztreff/")
    _no_horizontal_scrolling(resident)
    with translation.override("de"):
        resident.goto(reverse("public:volunteer", args=["franztreff"]))
    _no_horizontal_scrolling(resident)
    resident.locator("#id_first_name").fill("Jonas")
    resident.locator("#id_last_name").fill("Vogel")
    resident.locator("#id_phone").fill("0340 444555")
    resident.locator("#id_email").fill("jonas.vogel@example.org")
    resident.locator("input[name='help_kinds'][value='shopping']").check()
    resident.locator("input[name='help_kinds'][value='walk']").check()
    resident.locator("input[name='languages'][value='de']").check()
    resident.locator("#id_district").select_option("sued_innenstadt")
    resident.locator("#id_consent").check()
    resident.locator("form button[type='submit']").last.click()
    expect(resident.get_by_role("status")).to_have_text(
        "Ihr Angebot, sich zu engagieren, ist angekommen. Wir melden uns bei Ihnen."
    )
    expect(resident.locator("#id_first_name")).to_have_count(0)
    _no_horizontal_scrolling(resident)
    with scopes_disabled():
        application = VolunteerApplication.objects.get(treff__slug="franztreff", last_name="Vogel")
        volunteers = Volunteer.objects.filter(last_name="Vogel", first_name="Jonas").count()
    assert (
        application.first_name,
        application.last_name,
        application.phone,
        application.email,
        sorted(application.help_kinds),
        application.languages,
        application.district,
        volunteers,
    ) == (
        "Jonas",
        "Vogel",
        "0340 444555",
        "jonas.vogel@example.org",
        ["shopping", "walk"],
        ["de"],
        "sued_innenstadt",
        0,
    )
