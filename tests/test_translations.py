"""The German catalogue is complete, and every translation keeps the placeholders."""

import re
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "de" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}")


def _entries():
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_every_string_is_translated_and_none_is_fuzzy():
    missing = [e.msgid for e in _entries() if not e.translated() or e.fuzzy]
    assert missing == []


def test_translations_keep_the_placeholders():
    broken = []
    for entry in _entries():
        if entry.msgid_plural:
            # A singular may say "one" instead of %(count)d, but invents no placeholder.
            allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            if any(
                set(PLACEHOLDER.findall(text)) - allowed for text in entry.msgstr_plural.values()
            ):
                broken.append(entry.msgid)
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != sorted(PLACEHOLDER.findall(entry.msgid)):
            broken.append(entry.msgid)
    assert broken == []
