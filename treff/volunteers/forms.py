import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from treff.offers.models import Language
from treff.treffs.models import OpeningHours

from . import districts
from .engine import geo
from .models import Availability, HelpKind, HelpRequest, HelpSeeker, ShiftTemplate, Volunteer

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _district_field(**kwargs):
    return forms.ChoiceField(
        label=kwargs.pop("label", _("District")),
        choices=[("", "---------"), *districts.choices()],
        **kwargs,
    )


class ProfileForm(forms.ModelForm):
    """What volunteers keep up to date themselves."""

    help_kinds = forms.MultipleChoiceField(
        label=_("Help offered"), choices=HelpKind.choices, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Volunteer
        fields = [
            "phone",
            "email",
            "help_kinds",
            "languages",
            "district",
            "mobility",
            "reach_km",
            "max_open",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"] = _district_field(label=_("Home district"))


class VolunteerForm(ProfileForm):
    """The coordinator's view: the profile plus the onboarding checklist."""

    class Meta(ProfileForm.Meta):
        fields = [
            "first_name",
            "last_name",
            "gender",
            *ProfileForm.Meta.fields,
            "started_on",
            "status",
            "confidentiality_signed_on",
            "clearance_issued_on",
            "clearance_seen_on",
            "insured_on",
            "latitude",
            "longitude",
        ]
        widgets = dict.fromkeys(
            (
                "started_on",
                "confidentiality_signed_on",
                "clearance_issued_on",
                "clearance_seen_on",
                "insured_on",
            ),
            DATE,
        )

    def clean(self):
        cleaned = super().clean()
        issued, seen = cleaned.get("clearance_issued_on"), cleaned.get("clearance_seen_on")
        if bool(issued) != bool(seen):
            self.add_error(
                "clearance_seen_on",
                _("Enter both the certificate's issue date and the date you saw it."),
            )
        today = dt.date.today()
        for name in ("clearance_issued_on", "clearance_seen_on", "confidentiality_signed_on"):
            if cleaned.get(name) and cleaned[name] > today:
                self.add_error(name, _("This date lies in the future."))
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error("longitude", _("Enter both coordinates, or none."))
        elif lat is not None and (problem := geo.check_coordinates(float(lat), float(lon))):
            self.add_error("latitude", str(problem))
        if issued and seen and seen < issued:
            self.add_error("clearance_seen_on", _("It cannot have been seen before it was issued."))
        return cleaned


class AvailabilityForm(forms.ModelForm):
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), coerce=int, choices=OpeningHours.Weekday.choices
    )

    class Meta:
        model = Availability
        fields = ["weekday", "start", "end"]
        widgets = {"start": TIME, "end": TIME}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] <= cleaned["start"]:
            self.add_error("end", _("The end must be after the start."))
        return cleaned


AvailabilityFormSet = forms.inlineformset_factory(
    Volunteer, Availability, form=AvailabilityForm, extra=1, can_delete=True, max_num=21
)


class SeekerForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "The person agrees that we pass name, phone number and address to the volunteer "
            "who helps."
        ),
        required=False,
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial="de")

    class Meta:
        model = HelpSeeker
        fields = ["name", "phone", "address", "district", "language", "special_needs", "channel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"] = _district_field()
        if self.instance.pk:
            self.fields["consent"].initial = self.instance.consents


class HelpRequestForm(forms.ModelForm):
    weekday = forms.TypedChoiceField(
        label=_("or every week on"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "---------"), *OpeningHours.Weekday.choices],
    )

    class Meta:
        model = HelpRequest
        fields = ["kind", "date", "weekday", "start", "end", "urgency", "prefers_gender", "notes"]
        widgets = {
            "date": DATE,
            "start": TIME,
            "end": TIME,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") is None and cleaned.get("weekday") is None:
            self.add_error("date", _("Give a date, or a weekday for help every week."))
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] <= cleaned["start"]:
            self.add_error("end", _("The end must be after the start."))
        return cleaned


class PublicHelpForm(forms.Form):
    """The public web form: as little as possible, in plain words."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=30,
        help_text=_("We call you back to talk about the help."),
    )
    district = _district_field(label=_("Where you live (district)"))
    kind = forms.ChoiceField(label=_("What kind of help do you need?"), choices=HelpKind.choices)
    date = forms.DateField(label=_("On which day?"), widget=DATE)
    start = forms.TimeField(label=_("From"), widget=TIME)
    end = forms.TimeField(label=_("Until"), widget=TIME)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial="de")
    notes = forms.CharField(
        label=_("Anything else we should know?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Treff passes my name, phone number and district to the "
            "volunteer who helps me."
        ),
    )
    key = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned["date"] < dt.date.today():
            self.add_error("date", _("This day has passed."))
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] <= cleaned["start"]:
            self.add_error("end", _("The end must be after the start."))
        return cleaned


class ShiftTemplateForm(forms.ModelForm):
    weekdays = forms.MultipleChoiceField(
        label=_("Weekdays"),
        choices=OpeningHours.Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ShiftTemplate
        fields = [
            "title",
            "kind",
            "weekdays",
            "start",
            "end",
            "min_volunteers",
            "max_volunteers",
            "starts_on",
            "ends_on",
        ]
        widgets = {"start": TIME, "end": TIME, "starts_on": DATE, "ends_on": DATE}

    def clean_weekdays(self):
        return sorted(int(day) for day in self.cleaned_data["weekdays"])

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("starts_on"), cleaned.get("ends_on")
        if first and last and (last - first).days > 366:
            self.add_error("ends_on", _("Plan shifts for at most a year ahead."))
        return cleaned
