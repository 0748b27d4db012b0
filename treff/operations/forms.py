import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from treff.core.validators import past_date

from .models import BUCKETS, Allergen, Donation, Handout, LunchDay, SwapEvent, TallyEvent
from .services import MAX_CLOTHING_LINES, MAX_TOTAL

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = {"inputmode": "numeric", "min": "0"}


def _fresh_key() -> str:
    # Every rendered form carries its own key: sending that form twice counts once.
    return str(uuid.uuid4())


class BucketFields(forms.Form):
    """The optional, anonymous description of a visitor: never a name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in BUCKETS.items():
            self.fields[name] = forms.ChoiceField(
                label=TallyEvent._meta.get_field(name).verbose_name.capitalize(),
                # "not given" here is "no answer" (keine Angabe), not a refused consent.
                choices=[("", pgettext_lazy("no answer", "not given")), *choices.choices],
                required=False,
                initial="",
                widget=forms.RadioSelect,
            )

    def buckets(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in BUCKETS}


class TapForm(BucketFields):
    key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"key": _fresh_key()})
        super().__init__(*args, **kwargs)


class CorrectionForm(BucketFields):
    SUBTRACT, SET = "subtract", "set"

    key = forms.UUIDField(widget=forms.HiddenInput)
    mode = forms.ChoiceField(
        label=_("Correction"),
        choices=[(SUBTRACT, _("Subtract one visitor")), (SET, _("Set the count to"))],
        initial=SUBTRACT,
        widget=forms.RadioSelect,
    )
    new_total = forms.IntegerField(
        label=_("New count"),
        required=False,
        min_value=0,
        max_value=MAX_TOTAL,
        help_text=_("Only when setting the count."),
        widget=forms.NumberInput(attrs=NUMBER),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("e.g. “tapped twice by mistake”. Shown in the log on this page."),
        # The service's message (services.tally_correct), so both paths say the same.
        error_messages={"required": _("Give a reason for the correction.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"key": _fresh_key(), "mode": self.SUBTRACT})
        kwargs.setdefault("prefix", "fix")
        super().__init__(*args, **kwargs)
        # The details only matter for subtracting one visitor again; keep the form short.
        for name in BUCKETS:
            self.fields[name].label = _("%(bucket)s of the visitor to subtract") % {
                "bucket": self.fields[name].label
            }

    def clean(self):
        cleaned = super().clean()
        # Not again after a refused number: one message for one mistake.
        missing = cleaned.get("new_total") is None and "new_total" not in self.errors
        if cleaned.get("mode") == self.SET and missing:
            self.add_error("new_total", _("Enter the new count."))
        return cleaned


class LunchDayForm(forms.ModelForm):
    allergens = forms.MultipleChoiceField(
        label=_("Allergens (EU food information regulation, Annex II)"),
        choices=Allergen.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = LunchDay
        fields = [
            "date",
            "menu",
            "allergens",
            "portions_planned",
            "portions_served",
            "guests",
            "helpers",
            "tafel_portions",
            "tafel_kg",
            "notes",
        ]
        widgets = {
            "date": DATE,
            "menu": forms.Textarea(attrs={"rows": 3}),
            **{
                name: forms.NumberInput(attrs=NUMBER)
                for name in (
                    "portions_planned",
                    "portions_served",
                    "guests",
                    "helpers",
                    "tafel_portions",
                )
            },
            "tafel_kg": forms.NumberInput(
                attrs={"inputmode": "decimal", "min": "0", "step": "0.1"}
            ),
        }
        help_texts = {
            "portions_served": _("On the day or afterwards."),
            "guests": _("On the day or afterwards."),
        }


class SwapForm(forms.ModelForm):
    class Meta:
        model = SwapEvent
        fields = ["date", "title", "visitors", "items_brought", "items_taken", "notes"]
        widgets = {
            "date": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
            **{
                n: forms.NumberInput(attrs=NUMBER)
                for n in ("visitors", "items_brought", "items_taken")
            },
        }


# Several clothing lines in one form: one date, then lines of kind, size and pieces. The
# formset shows MIN_LINES + EXTRA_LINES rows; "Add line" (a submit button, no script needed)
# shows one more, up to services.MAX_CLOTHING_LINES. Empty rows are skipped.
EXTRA_LINES = 2


class ClothingDateForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE, validators=[past_date])


class DonationLineForm(forms.ModelForm):
    class Meta:
        model = Donation
        fields = ["category", "size_group", "season", "quantity", "condition"]
        widgets = {"quantity": forms.NumberInput(attrs={"min": "1"})}


class HandoutLineForm(forms.ModelForm):
    class Meta:
        model = Handout
        fields = ["category", "size_group", "quantity"]
        widgets = {"quantity": forms.NumberInput(attrs={"min": "1"})}


def _lines(form_class):
    return forms.formset_factory(
        form_class,
        extra=EXTRA_LINES,
        min_num=1,
        validate_min=True,
        max_num=MAX_CLOTHING_LINES,
        absolute_max=MAX_CLOTHING_LINES,
        validate_max=True,
    )


DonationLines = _lines(DonationLineForm)
HandoutLines = _lines(HandoutLineForm)
