"""Choices shared by several apps; the stored values are the database's, never change them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")
    UKRAINIAN = "uk", _("Ukrainian")
    ARABIC = "ar", _("Arabic")
    RUSSIAN = "ru", _("Russian")
    TURKISH = "tr", _("Turkish")
    EASY_GERMAN = "de-easy", _("Easy German (Leichte Sprache)")
    SIGN = "dgs", _("German Sign Language")


def language_problem(codes: object) -> str | None:
    """Why `codes` (a JSON list field) is not a list of known Language values, or None.

    The forms offer only Language.choices; models call this from clean() so that a service
    or a command storing a list directly is refused on the same field.
    """
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        return _("Choose languages from the list.")
    if unknown := sorted(set(codes) - set(Language.values)):
        return _("Unknown language: %(languages)s.") % {"languages": ", ".join(unknown)}
    return None
