"""The public site (issue 15, items 1 and 3): a page per Treff from the live plan, an offer's
page, the fixed pages, languages from the address, nothing of another Treff.

The clock stands on Monday 30 November 2026: "this week" is 30 November – 6 December,
"next week" 7–13 December.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.treffs.models import Treff


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _text(response) -> str:
    """The page's main content as plain words, one space between them."""
    html = response.content.decode()
    main = html[html.index('<main id="main"') : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def _dates(response) -> list[str]:
    """Each listed date of the week plan as its text."""
    html = response.content.decode()
    items = re.findall(
        r'<ul class="kern-list treff-public-dates">(.*?)</ul>', html, flags=re.DOTALL
    )
    found = []
    for block in items:
        for item in re.findall(r"<li[^>]*>(.*?)</li>", block, flags=re.DOTALL):
            found.append(" ".join(re.sub(r"<[^>]+>", " ", item).split()))
    return found


# Addresses and languages --------------------------------------------------------------------


def test_an_address_without_language_goes_to_the_browsers_language(world, client):
    assert client.get("/").url == "/de/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar").url == "/ar/"
    assert client.get("/franztreff/", HTTP_ACCEPT_LANGUAGE="uk").url == "/uk/franztreff/"


@pytest.mark.parametrize(
    ("language", "lang", "direction"),
    [
        ("de", "de", "ltr"),
        ("de-x-ls", "de-x-ls", "ltr"),
        ("en", "en", "ltr"),
        ("uk", "uk", "ltr"),
        ("ar", "ar", "rtl"),
        ("ru", "ru", "ltr"),
        ("tr", "tr", "ltr"),
    ],
)
def test_every_public_page_names_its_language_and_direction(
    public_world, client, language, lang, direction
):
    response = client.get(f"/{language}/franztreff/")
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}"' in response.content.decode()


def test_the_language_switch_keeps_the_page(public_world, client):
    html = client.get("/de/franztreff/").content.decode()
    links = re.findall(
        r'<a class="kern-link" href="([^"]+)" lang="([^"]+)" hreflang="[^"]+" dir="(\w+)"', html
    )
    assert links == [
        ("/de/franztreff/", "de", "ltr"),
        ("/de-x-ls/franztreff/", "de-x-ls", "ltr"),
        ("/en/franztreff/", "en", "ltr"),
        ("/uk/franztreff/", "uk", "ltr"),
        ("/ar/franztreff/", "ar", "rtl"),
        ("/ru/franztreff/", "ru", "ltr"),
        ("/tr/franztreff/", "tr", "ltr"),
    ]


def test_staff_pages_speak_german_whatever_the_browser_asks(world, client_for):
    response = client_for("coordinator").get(reverse("dashboard:home"), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert '<html lang="de" dir="ltr"' in response.content.decode()


@pytest.mark.parametrize(
    "address", ["/de/no-such-treff/", "/ar/no-such-treff/", "/xx/franztreff/", "/de/rosseltreff/x/"]
)
def test_an_unknown_address_is_a_clear_404(world, client, address):
    response = client.get(address)
    assert response.status_code == 404


def test_an_unknown_treff_gets_the_404_page_in_the_addresss_language(world, client):
    response = client.get("/en/no-such-treff/")
    assert (response.status_code, _text(response)) == (
        404,
        "Page not found This page does not exist. Perhaps the address has a typing error, or "
        "the Treff has closed. To the start page",
    )


@pytest.mark.parametrize(
    ("address", "browser", "start"),
    [
        ("/xx/franztreff/", "ar", '<html lang="ar" dir="rtl"'),
        ("/zz-yy/", "uk", '<html lang="uk" dir="ltr"'),
        ("/franztreff/nirgendwo/", "tr", '<html lang="tr" dir="ltr"'),
    ],
)
def test_a_visitor_at_an_unknown_address_gets_the_404_page_in_the_browsers_language(
    world, client, address, browser, start
):
    # /zz-yy/ goes first to /uk/zz-yy/ (it could be a Treff's address), which is not found.
    response = client.get(address, HTTP_ACCEPT_LANGUAGE=browser, follow=True)
    page = response.content.decode()
    with translation.override(browser):
        heading = str(translation.gettext("Page not found"))
        home = reverse("public:home")
    assert (response.status_code, start in page, heading in page, f'href="{home}"' in page) == (
        404,
        True,
        True,
        True,
    )
    assert heading != "Page not found"


def test_staff_at_an_unknown_address_get_the_staff_404_page(world, client_for):
    response = client_for("coordinator").get(
        "/treffs/franztreff/nirgendwo/", HTTP_ACCEPT_LANGUAGE="ar"
    )
    page = response.content.decode()
    assert (response.status_code, '<html lang="de"' in page, "Seite nicht gefunden" in page) == (
        404,
        True,
        True,
    )


def test_an_inactive_treff_has_no_public_page(public_world, client):
    with scopes_disabled():
        Treff.objects.filter(slug="franztreff").update(active=False)
    assert client.get("/en/franztreff/").status_code == 404
    assert client.get(_url("public:help", "franztreff")).status_code == 404


def test_no_treff_may_take_the_address_of_a_fixed_page(world):
    from django.core.exceptions import ValidationError

    with scopes_disabled():
        treff = Treff(name="Impressum", slug="impressum", carrier=world.drk)
        with translation.override("en"):
            with pytest.raises(ValidationError) as caught:
                treff.full_clean()
            assert caught.value.message_dict["slug"] == [
                "“impressum” is the address of a page of the public site; choose another."
            ]


# The Treff page --------------------------------------------------------------------------------


def test_the_treff_page_shows_this_week_and_next_from_the_live_plan(public_world, client):
    response = client.get("/en/franztreff/")
    assert response.status_code == 200
    assert _dates(response) == [
        # This week: Tuesday counselling, Wednesday lunch, Thursday café cancelled.
        "10:00 – 12:00 Schuldnerberatung , Gruppenraum",
        "12:00 – 13:30 Mittagstisch , Gruppenraum",
        "14:30 – 16:30 Seniorencafé , Gruppenraum cancelled",
        # Next week: the café's Thursday moved to Friday 15:00.
        "10:00 – 12:00 Schuldnerberatung , Gruppenraum",
        "12:00 – 13:30 Mittagstisch , Gruppenraum",
        "Seniorencafé : moved to 11 December, 15:00",
        "15:00 – 17:00 Seniorencafé , Gruppenraum moved here from 10 December",
    ]


def test_the_treff_page_shows_nothing_internal_and_nothing_of_the_other_treff(public_world, client):
    text = _text(client.get("/en/franztreff/"))
    assert ("Teamsitzung" in text, "Gartengruppe" in text) == (False, False)
    assert "Gartengruppe" in _text(client.get("/en/rosseltreff/"))


def test_the_treff_page_shows_lunch_with_menu_and_allergens(public_world, client):
    text = _text(client.get("/en/franztreff/"))
    lunch = text[text.index("Lunch ") : text.index("How the lunch works")]
    assert lunch == (
        "Lunch Wednesday, 2 December, 12:00 – 13:30 : Kartoffelsuppe mit Brot Allergens: "
        "(A) Cereals containing gluten, (L) Celery "
        "Wednesday, 9 December, 12:00 – 13:30 "
    )


def test_lists_on_an_arabic_page_are_separated_by_the_arabic_comma(public_world, client):
    with translation.override("ar"):
        allergens = [translation.gettext("(A) Cereals containing gluten")]
        allergens.append(translation.gettext("(L) Celery"))
    page = client.get("/ar/franztreff/").content.decode()
    assert "، ".join(allergens) in page
    assert ", ".join(allergens) not in page


def test_the_treff_page_lists_the_counselling_office_hours(public_world, client):
    text = _text(client.get("/en/franztreff/"))
    part = text[text.index("Counselling here") : text.index("All counselling services")]
    assert part == (
        "Counselling here Counselling services hold office hours at the Treff. It is free and "
        "confidential. Tuesday, 1 December, 10:00 – 12:00 : Schuldnerberatung "
        "Tuesday, 8 December, 10:00 – 12:00 : Schuldnerberatung "
    )


def test_the_treff_page_links_help_calendar_print_and_directory(public_world, client):
    html = client.get("/en/franztreff/").content.decode()
    for href in (
        "/en/franztreff/hilfe/",
        "/ical/franztreff.ics",
        "/en/franztreff/drucken/",
        "/en/wegweiser/",
    ):
        assert f'href="{href}"' in html


def test_the_treff_page_marks_typed_german_text_on_other_language_pages(public_world, client):
    offer = public_world.public.cafe
    html = client.get("/uk/franztreff/").content.decode()
    assert f'href="/uk/franztreff/angebote/{offer.pk}/" lang="de" dir="ltr">Seniorencafé' in html
    german = client.get("/de/franztreff/").content.decode()
    assert f'href="/de/franztreff/angebote/{offer.pk}/">Seniorencafé' in german


def test_the_print_view_has_the_weeks_without_navigation(public_world, client):
    response = client.get("/en/franztreff/drucken/")
    html = response.content.decode()
    assert (response.status_code, "<nav" in html, "Kartoffelsuppe mit Brot" in html) == (
        200,
        False,
        True,
    )


# An offer's page ------------------------------------------------------------------------------


def test_an_offers_page_lists_its_next_dates(public_world, client):
    offer = public_world.public.cafe
    text = _text(client.get(f"/en/franztreff/angebote/{offer.pk}/"))
    dates = text[text.index("Next dates") : text.index("Subscribe to the calendar")]
    # From today: the cancelled Thursday, the moved one on its Friday, then the regular ones.
    assert dates.startswith(
        "Next dates Thursday, 3 December, 14:30 – 16:30 , Gruppenraum cancelled "
        "Friday, 11 December, 15:00 – 17:00 , Gruppenraum "
        "Thursday, 17 December, 14:30 – 16:30 , Gruppenraum "
    )


@pytest.mark.parametrize("which", ["internal", "garden"])
def test_an_internal_offer_or_one_of_another_treff_has_no_public_page(public_world, client, which):
    offer = getattr(public_world.public, which)
    assert client.get(f"/en/franztreff/angebote/{offer.pk}/").status_code == 404


# Fixed pages ---------------------------------------------------------------------------------


def test_the_imprint_names_the_configured_operator(world, client, settings):
    settings.TREFF_OPERATOR = {
        **settings.TREFF_OPERATOR,
        "name": "Stadt Musterstadt",
        "address": "Markt 1, 12345 Musterstadt",
        "email": "info@example.org",
        "representative": "",
        "phone": "",
    }
    text = _text(client.get("/en/impressum/"))
    assert text.startswith(
        "Imprint Responsible for this website Stadt Musterstadt Markt 1, 12345 Musterstadt "
        "E-mail: info@example.org The Treffs"
    )


def test_the_accessibility_statement_gives_the_feedback_address(world, client, settings):
    settings.TREFF_OPERATOR = {
        **settings.TREFF_OPERATOR,
        "accessibility_contact": "barrieren@example.org",
    }
    html = client.get("/en/barrierefreiheit/").content.decode()
    assert 'href="mailto:barrieren@example.org"' in html


@pytest.mark.parametrize(
    "name",
    [
        "public:accessibility",
        "public:imprint",
        "public:privacy",
        "public:getting_help",
        "public:lunch",
    ],
)
@pytest.mark.parametrize("language", ["de", "de-x-ls", "en", "uk", "ar", "ru", "tr"])
def test_every_fixed_page_answers_in_every_language(world, client, name, language):
    response = client.get(_url(name, language=language))
    assert (response.status_code, response.headers["Content-Language"]) == (200, language)


def test_public_pages_set_no_cookie(public_world, client):
    for address in ("/de/", "/de/franztreff/", "/ar/impressum/"):
        response = client.get(address)
        assert (address, dict(response.cookies)) == (address, {})


# The partner directory (Wegweiser) ----------------------------------------------------------


@pytest.fixture
def partner_services(world):
    from treff.partners.models import PartnerService

    with scopes_disabled():
        PartnerService.objects.create(
            name="Schuldnerberatung Mitte",
            category="debt",
            languages=["de", "ru"],
            public=True,
            notes="Frau K. ruft meist zurück",
        )
        PartnerService.objects.create(
            name="Mieterservice DWG", category="housing", languages=["de"], public=False
        )


def test_the_directory_lists_public_entries_in_the_pages_language(partner_services, client):
    response = client.get("/en/wegweiser/")
    html = response.content.decode()
    assert (response.status_code, "Mieterservice DWG" in html, "Frau K." in html) == (
        200,
        False,
        False,
    )
    assert (
        '<p class="kern-body kern-body--small">Debt counselling</p>' in html,
        '<span lang="ru">Русский</span>' in html,
    ) == (True, True)


def test_the_directory_search_keeps_its_address_in_every_language(partner_services, client):
    assert client.get("/wegweiser/?q=schuld", HTTP_ACCEPT_LANGUAGE="ru").url == (
        "/ru/wegweiser/?q=schuld"
    )
    response = client.get("/ru/wegweiser/?category=housing")
    assert list(response.context["entries"]) == []


def test_the_browser_tests_and_the_benchmark_visit_every_public_page():
    from django.urls import get_resolver

    from tests.browser.public_pages import PAGES

    resolver = get_resolver().namespace_dict["public"][1]
    names = {pattern.name for pattern in resolver.url_patterns}
    assert sorted(PAGES) == sorted(names)
