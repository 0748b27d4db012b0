"""The forms a visitor fills in. Their words are in the public catalogues (treff/public/locale).

Every field holds what the models hold, so a value the form accepts is one the service
accepts; the services in the domain apps check everything again.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from treff.core.choices import Language
from treff.core.models import phone_validator
from treff.core.times import EndTimeField
from treff.core.validators import LONG_TEXT_MAX
from treff.offers.models import Category
from treff.partners.models import Category as PartnerCategory
from treff.volunteers.choices import HelpKind
from treff.volunteers.forms import DATE, TIME, RequestableKindField, TimeRangeMixin, district_field
from treff.volunteers.models import validate_new_help_date
from treff.volunteers.models_applications import WHEN_MAX

from .models import SUGGESTION_MAX, Suggestion

# Each language in its own name: a visitor finds their language even when the page does not
# speak it yet.
LANGUAGE_NAMES = {
    Language.GERMAN: "Deutsch",
    Language.ENGLISH: "English",
    Language.UKRAINIAN: "Українська",
    Language.ARABIC: "العربية",
    Language.RUSSIAN: "Русский",
    Language.TURKISH: "Türkçe",
    Language.EASY_GERMAN: "Leichte Sprache",
    Language.SIGN: "Deutsche Gebärdensprache",
}
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in Language.values]


class DirectoryFilter(forms.Form):
    """The public directory's search: every field optional, bad values are simply ignored.

    The same filters as partners.forms.DirectoryFilter, in the public catalogue's words.
    """

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("all")), *PartnerCategory.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("any")), *LANGUAGE_CHOICES], required=False
    )
    barrier_free = forms.BooleanField(label=_("barrier-free access only"), required=False)


class HoneypotMixin:
    """A field people never see (hidden by CSS and from screen readers) that bots fill in.

    The view checks `is_bot()` before it stores anything and answers as if all went well,
    so a bot learns nothing.
    """

    HONEYPOT = "website"

    def is_bot(self) -> bool:
        return bool(self.data.get(self.HONEYPOT, "").strip())


class PublicHelpForm(HoneypotMixin, TimeRangeMixin, forms.Form):
    """Ask for neighbourly help: as little as possible, in plain words."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=30,
        validators=[phone_validator],
        help_text=format_lazy(
            "{} {}",
            _("We call you back to talk about the help."),
            _("Digits, spaces, +, ( ), / and - are accepted, e.g. +49 340 123456."),
        ),
    )
    district = district_field(label=_("Where you live (district)"))
    kind = RequestableKindField(label=_("What kind of help do you need?"))
    date = forms.DateField(label=_("On which day?"), widget=DATE)
    start = forms.TimeField(label=pgettext_lazy("time of day", "From"), widget=TIME)
    # No hint about midnight here: nobody asks a neighbour for help until midnight, and the
    # hint only puzzled people. 00:00 is still taken as the end of the day.
    end = EndTimeField(label=pgettext_lazy("time of day", "Until"), widget=TIME)
    language = forms.ChoiceField(
        label=_("Language you speak"), choices=LANGUAGE_CHOICES, initial=Language.GERMAN
    )
    notes = forms.CharField(
        label=_("Anything else we should know?"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Treff passes my name, phone number and district to the "
            "volunteer who helps me."
        ),
        error_messages={
            "required": _("Without your consent we cannot pass your request to a volunteer.")
        },
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_date(self):
        day = self.cleaned_data["date"]
        try:
            validate_new_help_date(day, today=timezone.localdate())
        except ValidationError as error:
            raise ValidationError(error.error_dict["date"]) from None
        return day


class PublicVolunteerForm(HoneypotMixin, forms.Form):
    """Offer to volunteer: who, how to reach them, what and when, and their consent."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=30,
        required=False,
        validators=[phone_validator],
        help_text=_("Digits, spaces, +, ( ), / and - are accepted, e.g. +49 340 123456."),
    )
    email = forms.EmailField(label=_("Your e-mail address"), required=False)
    help_kinds = forms.MultipleChoiceField(
        label=_("What could you help with?"),
        choices=HelpKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of help.")},
    )
    when = forms.CharField(
        label=_("When could you help?"),
        max_length=WHEN_MAX,
        required=False,
        help_text=_("For example: Tuesday mornings, or weekends."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    district = district_field(label=_("Where you live (district)"))
    consent = forms.BooleanField(
        label=_("I agree that the Treff stores my details to contact me about volunteering."),
        error_messages={"required": _("Without your consent we cannot store your details.")},
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean(self):
        data = super().clean()
        if not (data.get("phone") or data.get("email")) and not (
            "phone" in self.errors or "email" in self.errors
        ):
            self.add_error(
                "phone", _("Give a phone number or an e-mail address, so we can reach you.")
            )
        return data


class PublicIdeaForm(HoneypotMixin, forms.Form):
    """An idea or wish for the Treff's offers, anonymous: no name, no contact."""

    text = forms.CharField(
        label=_("Your idea or wish"),
        max_length=SUGGESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("At most 1000 characters."),
    )
    category = forms.ChoiceField(
        label=_("What kind of offer is it about?"),
        choices=[("", _("I don’t know / something else")), *Category.choices],
        required=False,
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class SuggestionStatusForm(forms.Form):
    """The coordinator's mark on an idea."""

    status = forms.ChoiceField(choices=Suggestion.Status.choices)
