"""The coordinator's page for an offer's title and description in the other public languages."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled
from icalendar import Calendar
from pypdf import PdfReader

from treff.offers import services
from treff.offers.models import OfferTranslation

pytestmark = pytest.mark.django_db

LANGUAGES = ["de_x_ls", "en", "uk", "ar", "ru", "tr"]


def _url(world):
    return reverse("offers:offer_translations", args=["franztreff", world.plan.offer.pk])


def _data(**texts):
    data = {f"{field}_{code}": "" for code in LANGUAGES for field in ("title", "description")}
    data.update(texts)
    return data


def _rows(offer):
    with scopes_disabled():
        return sorted(
            OfferTranslation.objects.filter(master=offer).values_list(
                "language_code", "translated_title", "translated_description"
            )
        )


def test_the_coordinator_saves_and_removes_translations(plan_world, client_for):
    client = client_for("coordinator")
    offer = plan_world.plan.offer
    response = client.post(
        _url(plan_world),
        _data(title_uk="Кафе для літніх людей", description_uk="Кава і розмови", title_en="Café"),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("offers:offer_list", args=["franztreff"])
    assert _rows(offer) == [
        ("en", "Café", ""),
        ("uk", "Кафе для літніх людей", "Кава і розмови"),
    ]
    # The form shows what was saved; emptying both fields of a language removes its row.
    form = client.get(_url(plan_world)).context["form"]
    assert form["title_uk"].initial == "Кафе для літніх людей"
    client.post(_url(plan_world), _data(title_uk="Кафе"))
    assert _rows(offer) == [("uk", "Кафе", "")]
    with scopes_disabled():
        offer.refresh_from_db()
    assert offer.title == "Seniorencafé"


def test_each_input_carries_its_language_and_direction(plan_world, client_for):
    response = client_for("coordinator").get(_url(plan_world), HTTP_ACCEPT_LANGUAGE="en")
    form = response.context["form"]
    assert form["title_ar"].field.widget.attrs == {"lang": "ar", "dir": "rtl", "maxlength": "150"}
    assert form["description_ar"].field.widget.attrs == {
        "cols": "40",
        "rows": 3,
        "lang": "ar",
        "dir": "rtl",
    }
    assert form["title_de_x_ls"].field.widget.attrs == {
        "lang": "de-x-ls",
        "dir": "ltr",
        "maxlength": "150",
    }
    assert form["title_uk"].help_text == "Empty: the German text is shown."
    assert [language.code for language in form.languages()] == [
        "de-x-ls",
        "en",
        "uk",
        "ar",
        "ru",
        "tr",
    ]
    page = response.content.decode()
    assert 'name="title_ar" lang="ar" dir="rtl"' in page.replace('maxlength="150" ', "")


def test_a_title_too_long_in_arabic_is_refused_and_nothing_is_saved(plan_world, client_for):
    response = client_for("coordinator").post(
        _url(plan_world), _data(title_ar="مقهى" * 40, title_uk="Кафе"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title_ar": ["Ensure this value has at most 150 characters (it has 160)."]
    }
    assert _rows(plan_world.plan.offer) == []


def test_the_service_refuses_a_long_description_with_the_fields_name(plan_world):
    offer = plan_world.plan.offer
    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        services.offer_translations_save(
            offer=offer,
            texts={"tr": {"title": "Kafe", "description": "x" * 5001}, "en": {"title": "Café"}},
            user=plan_world.users["coordinator"],
        )
    assert list(refused.value.message_dict) == ["description_tr"]
    assert _rows(offer) == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_cannot_translate_an_offer(plan_world, client_for, method):
    client = client_for("outsider")
    response = getattr(client, method)(_url(plan_world), _data(title_uk="Кафе"))
    assert response.status_code == 404
    assert _rows(plan_world.plan.offer) == []


def test_staff_pages_feeds_and_pdfs_keep_the_german_title_in_english(plan_world, client_for):
    offer = plan_world.plan.offer
    with scopes_disabled():
        services.offer_translations_save(
            offer=offer,
            texts={"en": {"title": "Seniors' café"}, "uk": {"title": "Кафе"}},
            user=plan_world.users["coordinator"],
        )
    client = client_for("coordinator")
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    pages = [
        client.get(reverse("offers:offer_list", args=["franztreff"]), **english),
        client.get(reverse("offers:week", args=["franztreff"]), {"date": "2027-01-21"}, **english),
        client.get(reverse("offers:offer_edit", args=["franztreff", offer.pk]), **english),
        client.get(
            reverse("offers:series_detail", args=["franztreff", plan_world.plan.series.pk]),
            **english,
        ),
    ]
    for page in pages:
        assert page.status_code == 200
        assert "Seniorencafé" in page.content.decode()
        assert "Seniors" not in page.content.decode()
    pdf = client.get(
        reverse("offers:week_pdf", args=["franztreff"]), {"date": "2027-01-21"}, **english
    )
    (sheet,) = PdfReader(io.BytesIO(pdf.content)).pages
    assert "Seniorencafé" in sheet.extract_text()
    assert "Seniors" not in sheet.extract_text()
    for feed in (
        reverse("offers:ical_public", args=["franztreff"]),
        reverse("offers:ical_offer", args=["franztreff", offer.pk]),
        reverse("offers:ical_private", args=[plan_world.plan.feed.token]),
    ):
        events = Calendar.from_ical(client.get(feed, **english).content).walk("VEVENT")
        assert [str(event["SUMMARY"]) for event in events] == ["Seniorencafé"]
