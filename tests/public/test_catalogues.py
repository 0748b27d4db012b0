"""The public catalogues (treff/public/locale) are complete in every public language, keep
every placeholder, and carry every label of the choices a public page shows (issue 15,
item 3: "complete catalogues checked in CI like the German one")."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.module_loading import import_string

from treff.public.catalogue import CHOICE_LABELS

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["de", "de_X-ls", "uk", "ar", "ru", "tr"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _entries(language):
    # Leichte Sprache lives in locale/ (see the Makefile's messages target), the rest here.
    base = ROOT / "locale" if language == "de_X-ls" else ROOT / "treff" / "public" / "locale"
    path = base / language / "LC_MESSAGES" / "django.po"
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_string_is_translated_and_none_is_fuzzy(language):
    missing = [e.msgid for e in _entries(language) if not e.translated() or e.fuzzy]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogues_hold_the_same_strings(language):
    german = {(e.msgctxt, e.msgid) for e in _entries("de")}
    assert {(e.msgctxt, e.msgid) for e in _entries(language)} == german


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_translations_keep_the_placeholders(language):
    broken = []
    for entry in _entries(language):
        if entry.msgid_plural:
            # A form may say "one" instead of %(counter)s, but invents no placeholder.
            allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            if any(set(PLACEHOLDER.findall(t)) - allowed for t in entry.msgstr_plural.values()):
                broken.append(entry.msgid)
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != sorted(PLACEHOLDER.findall(entry.msgid)):
            broken.append(entry.msgid)
    assert broken == []


@pytest.mark.parametrize("path", sorted(CHOICE_LABELS))
def test_every_label_of_a_publicly_shown_choice_is_in_the_public_catalogue(path):
    choices = import_string(path)
    assert [str(label._args[0]) for label in choices.labels] == CHOICE_LABELS[path]


@pytest.mark.parametrize(
    ("language", "label", "badge"),
    [
        ("de", "(A) Glutenhaltiges Getreide", "abgesagt"),
        ("de-x-ls", "(A) Getreide mit Gluten", "fällt aus"),
        ("uk", "(A) Злаки, що містять глютен", "скасовано"),
        ("ar", "(A) حبوب تحتوي على الغلوتين", None),
        ("tr", "(A) Glüten içeren tahıllar", None),
    ],
)
def test_a_label_and_a_badge_read_in_the_pages_language(language, label, badge):
    from treff.operations.models import Allergen

    with translation.override(language):
        assert str(Allergen.GLUTEN.label) == label
        if badge:
            assert translation.gettext("cancelled") == badge
