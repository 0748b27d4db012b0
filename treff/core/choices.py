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
