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
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            # A singular may say "one" instead of %(count)d; it must not invent placeholders.
            found = sorted(PLACEHOLDER.findall(text))
            if not set(found) <= set(expected + sorted(PLACEHOLDER.findall(entry.msgid_plural))):
                broken.append(entry.msgid)
            elif not entry.msgid_plural and found != expected:
                broken.append(entry.msgid)
    assert broken == []
