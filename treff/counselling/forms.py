import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from treff.core.forms import scoped_formfield
from treff.core.params import parse_month
from treff.partners.models import PartnerService

from .models import MAX_MINUTES, Client, Contact, Note, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactForm(forms.ModelForm):
    """The everyday form: few fields, topics as checkboxes, anonymous unless a record is
    chosen. The client picker offers only the records the user may see."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only you and the coordinator can read it. What you need for the next "
            "conversation; no diagnoses, no details about third parties."
        ),
    )

    class Meta:
        model = Contact
        fields = [
            "date",
            "minutes",
            "topics",
            "language",
            "client",
            "referral",
            "follow_up_on",
            "follow_up_done",
            "note",
        ]
        widgets = {
            "date": DATE,
            "follow_up_on": DATE,
            "minutes": forms.NumberInput(attrs={"min": 1, "max": MAX_MINUTES, "step": 1}),
        }
        formfield_callback = scoped_formfield

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients
        self.fields["client"].empty_label = _("anonymous (no client record)")
        current = self.instance.referral_id
        # Active partners, plus the one an older contact already refers to.
        self.fields["referral"].queryset = PartnerService.objects.filter(
            active=True
        ) | PartnerService.objects.filter(pk=current or 0)
        self.fields["referral"].empty_label = _("no referral")
        self.fields["minutes"].min_value = 1
        if self.instance.pk is None:
            del self.fields["follow_up_done"]
            self.fields["topics"].initial = []
        else:
            del self.fields["note"]  # further notes are added on the contact's page
            self.fields["topics"].initial = list(
                self.instance.topic_rows.values_list("topic", flat=True)
            )

    def clean_referral(self):
        referral = self.cleaned_data.get("referral")
        if referral and not referral.active and referral.pk != self.instance.referral_id:
            raise forms.ValidationError(_("This partner service is no longer active."))
        return referral

    # A date ahead and a follow-up before the contact: Contact.clean(), which this form runs
    # too, so a service call is refused with the same messages.


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class ClientForm(forms.ModelForm):
    class Meta:
        model = Client
        fields = [
            "name",
            "phone",
            "email",
            "birth_year",
            "consent_on",
            "consent_scope",
            "consent_details",
        ]
        widgets = {
            "consent_on": DATE,
            "consent_scope": forms.RadioSelect,
            "consent_details": forms.Textarea(attrs={"rows": 3}),
            "birth_year": forms.NumberInput(attrs={"min": 1900}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = _(
            "Only with the person's consent. Without it, document the contact anonymously."
        )
        if self.instance.pk is None:
            self.fields["consent_on"].initial = timezone.localdate()


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, I am sure."), required=True)


class ContactFilterForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("e.g. 2025-03"),
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("all topics")), *Topic.choices]
    )

    def clean_month(self) -> dt.date | None:
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        first = parse_month(value)
        if first is None:
            raise forms.ValidationError(
                _("Enter a month like 2025-03, between the years 2000 and 2099.")
            )
        return first
