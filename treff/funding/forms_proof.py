"""Forms of the proof of use: the carrier's narrative report, the city's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from treff.core.validators import LONG_TEXT_MAX

from .models_proof import ProofDecision


class NarrativeForm(forms.Form):
    narrative = forms.CharField(
        label=_("Narrative report"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "Plain text. Figures only as the city's report shows them; name no visitor, "
            "client or volunteer."
        ),
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=ProofDecision.Outcome.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Needed when you return the proof: say what should change."),
    )
