"""Writing an offer's title and description in the public site's other languages.

The rows are OfferTranslation (models_translations.py, django-parler); the German texts are
the offer's own and are written by services.offer_save only.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Offer
from .models_translations import TRANSLATED_LANGUAGES

logger = logging.getLogger(__name__)

_FIELDS = {"translated_title": "title", "translated_description": "description"}


def field_name(field: str, language: str) -> str:
    """The name of a text's form field and error key: title_uk, description_de_x_ls."""
    return f"{field}_{language.replace('-', '_')}"


@transaction.atomic
def offer_translations_save(*, offer: Offer, texts: dict[str, dict[str, str]], user) -> Offer:
    """Store the offer's texts per language: {"uk": {"title": …, "description": …}, …}.

    A language whose title and description are both empty loses its row (the public pages
    then show German). Raises ValidationError keyed by field_name() for a text too long
    (the same limits as the German fields) and for a language that is not a public one;
    nothing is written then.
    """
    errors = {}
    for language, values in texts.items():
        if language not in TRANSLATED_LANGUAGES:
            raise ValidationError(
                _("%(language)s is not a language of the public website.") % {"language": language}
            )
        title = (values.get("title") or "").strip()
        description = (values.get("description") or "").strip()
        if not title and not description:
            if offer.has_translation(language):
                offer.delete_translation(language)
            continue
        offer.set_current_language(language)
        offer.translated_title = title
        offer.translated_description = description
        try:
            offer.get_translation(language).full_clean(exclude=["master"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field_name(_FIELDS.get(field, field), language), []).extend(
                    messages
                )
    if errors:
        raise ValidationError(errors)
    offer.save_translations()
    logger.info(
        "offer translations saved: offer=%s languages=%s by user=%s",
        offer.pk,
        ",".join(sorted(code for code, values in texts.items() if any(values.values()))),
        user.pk,
    )
    return offer
