"""The coordinator's form for an offer's title and description in the other public languages."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from treff.core.validators import long_text

from .models_translations import TRANSLATED_LANGUAGES, OfferTranslation
from .services_translations import field_name

EMPTY_HINT = _("Empty: the German text is shown.")


@dataclass
class LanguageFields:
    code: str
    name: str  # in the reader's language
    name_local: str  # in the language itself
    bidi: bool
    title: forms.BoundField
    description: forms.BoundField


class OfferTranslationsForm(forms.Form):
    """A title and a description per language, each optional, each input marked with its
    language and writing direction; the limits are the German fields' ones."""

    def __init__(self, *args, offer, **kwargs):
        super().__init__(*args, **kwargs)
        rows = {row.language_code: row for row in offer.translations.all()}
        max_title = OfferTranslation._meta.get_field("translated_title").max_length
        for code in TRANSLATED_LANGUAGES:
            row = rows.get(code)
            attrs = {"lang": code, "dir": "rtl" if get_language_info(code)["bidi"] else "ltr"}
            self.fields[field_name("title", code)] = forms.CharField(
                label=_("Title"),
                max_length=max_title,
                required=False,
                help_text=EMPTY_HINT,
                initial=row.translated_title if row else "",
                widget=forms.TextInput(attrs=attrs),
            )
            self.fields[field_name("description", code)] = forms.CharField(
                label=_("Description"),
                required=False,
                validators=[long_text],
                help_text=EMPTY_HINT,
                initial=row.translated_description if row else "",
                widget=forms.Textarea(attrs={"rows": 3, **attrs}),
            )

    def languages(self) -> list[LanguageFields]:
        """The fields grouped by language, for one fieldset each."""
        groups = []
        for code in TRANSLATED_LANGUAGES:
            info = get_language_info(code)
            groups.append(
                LanguageFields(
                    code,
                    info["name_translated"],
                    info["name_local"],
                    info["bidi"],
                    self[field_name("title", code)],
                    self[field_name("description", code)],
                )
            )
        return groups

    def texts(self) -> dict[str, dict[str, str]]:
        """The cleaned texts as services.offer_translations_save takes them."""
        return {
            code: {
                "title": self.cleaned_data[field_name("title", code)],
                "description": self.cleaned_data[field_name("description", code)],
            }
            for code in TRANSLATED_LANGUAGES
        }
