"""The public site's language switch (the same page in each language of settings.LANGUAGES),
and the language of what the Treffs typed: content_lang, offer_text."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, get_language_info, pgettext

from treff.offers.translations import public_text
from treff.public.forms import LANGUAGE_NAMES

register = template.Library()


@register.simple_tag(takes_context=True)
def public_languages(context) -> list[dict]:
    """[{code, name (in its own language), url of this page in it, bidi, current}]."""
    request = context["request"]
    current = get_language()
    path = request.get_full_path()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "bidi": info["bidi"],
                "current": code == current,
            }
        )
    return languages


@register.simple_tag(takes_context=True)
def content_lang(context) -> str:
    """` lang="de" dir="ltr"` on what the Treffs typed (titles, menus), when the page speaks
    another language: the text is German, and a screen reader should read it so."""
    if get_language() == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}" dir="ltr"', settings.LANGUAGE_CODE)


@register.filter
def day_heading(day) -> str:
    """ "Tuesday, 1 December" in the page's language (its own comma: Arabic writes "،")."""
    return pgettext("weekday, day and month", "%(weekday)s, %(date)s") % {
        "weekday": date_format(day, "l"),
        "date": date_format(day, "MONTH_DAY_FORMAT"),
    }


@register.filter
def language_name(code: str) -> str:
    """A conversation language (core.choices.Language) in its own name: "Українська"."""
    return LANGUAGE_NAMES.get(code, code)


@register.filter
def language_tag(code: str) -> str:
    """The BCP 47 tag for a conversation language's own name (Leichte Sprache is German,
    sign language has no written form of its own)."""
    return {"de-easy": "de", "dgs": "de"}.get(code, code)


@dataclass(frozen=True)
class Text:
    text: str
    language: str

    def __str__(self):
        return self.text

    @property
    def attrs(self) -> str:
        """` lang="de" dir="ltr"` when the text is German on a page in another language,
        else nothing: a translation speaks the page's language."""
        if self.language == get_language():
            return ""
        return format_html(' lang="{}" dir="ltr"', self.language)


@register.simple_tag
def offer_text(offer, field) -> Text:
    """An offer's "title" or "description" in the page's language, else German:
    `{% offer_text offer "title" as title %}<a…{{ title.attrs }}>{{ title }}</a>`.
    Pages with many offers prefetch the translations (offers.translations.prefetch)."""
    text, language = public_text(offer, field, get_language())
    return Text(text, language)


@register.simple_tag
def list_separator() -> str:
    """What stands between the items of a list in the page's language: ", ", in Arabic "، "
    (the Arabic comma, U+060C)."""
    return pgettext("between the items of a list", ", ")


@register.filter
def as_list(values) -> str:
    """The items joined by the page language's list separator, each escaped."""
    return format_html_join(list_separator(), "{}", ((value,) for value in values))
