"""An offer's title and description in the public site's other languages (django-parler).

Why parler, and why this shape: the German `Offer.title` and `Offer.description` stay plain
columns that every staff page, report, PDF, calendar feed, planner run and the demo loader
read and write, whatever language the reader speaks. django-modeltranslation would put
title_en, title_uk, … next to them and make `offer.title` (and `filter`/`order_by("title")`)
follow the active language, so an English staff page would read and even write title_en.
Here the translations live in their own table (one row per offer and language, written only
by services.offer_translations_save); the fields have their own names, so parler never
touches `title`. German is the fallback: the public pages read translations.public_text(),
which answers the German column where a language has no text. Parler's cache is off
(settings.PARLER_ENABLE_CACHING): the public pages prefetch the rows of their language.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.fields import TranslationsForeignKey
from parler.models import TranslatedFieldsModel

from treff.core.validators import long_text

# The public languages other than German, in the order of settings.LANGUAGES.
TRANSLATED_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES if code != "de")


class OfferTranslation(TranslatedFieldsModel):
    master = TranslationsForeignKey(
        "offers.Offer", on_delete=models.CASCADE, related_name="translations"
    )
    translated_title = models.CharField(_("title"), max_length=150, blank=True)
    translated_description = models.TextField(_("description"), blank=True, validators=[long_text])

    class Meta:
        verbose_name = _("offer translation")
        verbose_name_plural = _("offer translations")
        db_table = "offers_offer_translation"
        constraints = [
            models.UniqueConstraint(
                fields=["master", "language_code"], name="offers_offer_translation_unique"
            )
        ]
