"""Reading an offer's text in the reader's language, with German as the fallback.

The rows are OfferTranslation (models_translations.py, django-parler). A page that shows many
offers calls prefetch() once with all of them: one query, whatever the number of offers (none
for German). public_text() then reads from that prefetch, or from parler (one query) when an
offer was not prefetched.
"""

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects

from .models import Offer, OfferTranslation
from .models_translations import TRANSLATED_LANGUAGES

FIELDS = {"title": "translated_title", "description": "translated_description"}


def prefetch(offers, language: str) -> None:
    """Load the rows of `language` for all `offers` (a list of Offer) with one query."""
    if language not in TRANSLATED_LANGUAGES or not offers:
        return
    prefetch_related_objects(
        list(offers),
        Prefetch("translations", queryset=OfferTranslation.objects.filter(language_code=language)),
    )


def public_text(offer: Offer, field: str, language: str) -> tuple[str, str]:
    """(text, its language): the offer's title or description in `language` when the
    coordinator wrote one, else the German text and settings.LANGUAGE_CODE."""
    german = getattr(offer, field)
    if language not in TRANSLATED_LANGUAGES:
        return german, settings.LANGUAGE_CODE
    text = offer.safe_translation_getter(FIELDS[field], default="", language_code=language)
    if text:
        return text, language
    return german, settings.LANGUAGE_CODE
