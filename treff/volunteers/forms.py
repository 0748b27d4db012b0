"""Forms of the volunteers app. Model forms take their rules from the models (validators,
`clean()`, constraints), so a refused value is a message on its field; the plain forms (the
public help form, closing a request, qualifications) state the same limits as the models they
feed, and the services check everything once more."""

import datetime as dt

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import formats, timezone
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from treff.core.choices import Language
from treff.core.times import ENDS_BY_MIDNIGHT, EndTimeField, ends_after_start, runs_overnight
from treff.core.validators import history_date, past_date, planned_date

from . import districts
from .choices import neighbourhood_help_choices, validate_requestable_kind
from .models import (
    Availability,
    HelpKind,
    HelpRequest,
    HelpSeeker,
    QualificationKind,
    ShiftTemplate,
    Volunteer,
    Weekday,
    validate_new_help_date,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def district_field(**kwargs):
    return forms.ChoiceField(
        label=kwargs.pop("label", _("District")),
        choices=districts.choices,  # callable: the installation's districts, read per form
        **kwargs,
    )


class RequestableKindField(forms.ChoiceField):
    """The kind of help a person asks for: the neighbourhood help of Fachkonzept §2 and
    digital help. A Treff service posted anyway (the lunch table, the clothing store) is
    refused with its own message, not "not one of the choices"; `keep` is a stored kind that
    stays valid for the request that has it."""

    def __init__(self, *, keep: str = "", blank: bool = False, **kwargs):
        self.keep = keep
        choices = neighbourhood_help_choices(keep)
        super().__init__(choices=[("", "---------"), *choices] if blank else choices, **kwargs)

    def validate(self, value):
        if value and value != self.keep:
            validate_requestable_kind(value)
        super().validate(value)


class ModelErrorsMixin:
    """A model rule about a field this form does not show becomes a form-wide message.

    (Django's model forms raise ValueError for such an error, e.g. a stored clearance date
    the volunteer's own profile form does not contain.)
    """

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            remapped: dict = {}
            for name, errors in error.error_dict.items():
                remapped.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(
                    errors
                )
            error = ValidationError(remapped)
        super().add_error(field, error)


class TimeRangeMixin:
    """The end after the start (an end of 00:00 is midnight), as a message on "end"; a range
    meant to run overnight (20:00–00:30) is told that it ends at midnight at the latest."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and not ends_after_start(start, end):
            self.add_error(
                "end",
                ENDS_BY_MIDNIGHT
                if runs_overnight(start, end)
                else _("The end must be after the start."),
            )
        return cleaned


class ProfileForm(ModelErrorsMixin, forms.ModelForm):
    """What volunteers keep up to date themselves, on their own page: the labels ask them
    ("How do you get about?"), where the coordinator's form (VolunteerForm) speaks about them.
    """

    # The person's own words for the fields; a subclass replaces them with its own.
    LABELS = {
        "phone": _("Your phone number"),
        "email": _("Your e-mail address"),
        "help_kinds": _("What help do you offer?"),
        "languages": _("Which languages do you speak?"),
        "district": _("Which district do you live in?"),
        "mobility": _("How do you get about?"),
        "reach_km": _("How far do you go at most (km)?"),
        "max_open": _("How many assignments can you take on at a time?"),
    }
    HELP_TEXTS = {
        "reach_km": _("Leave it empty for the usual distance for the way you get about."),
    }

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
        self.fields["district"] = district_field(label=_("Home district"))
        for name, label in self.LABELS.items():
            self.fields[name].label = label
        for name, help_text in self.HELP_TEXTS.items():
            self.fields[name].help_text = help_text


class VolunteerForm(ProfileForm):
    """The coordinator's view: the profile plus the onboarding checklist, about the volunteer
    in the third person (the models' and fields' own labels).

    Dates, both-or-none and "seen not before issued" are the model's rules (Volunteer.clean).
    """

    LABELS = {}
    HELP_TEXTS = {}

    class Meta(ProfileForm.Meta):
        fields = [
            "first_name",
            "last_name",
            "gender",
            *ProfileForm.Meta.fields,
            "started_on",
            "status",
            "ended_on",
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
                "ended_on",
                "confidentiality_signed_on",
                "clearance_issued_on",
                "clearance_seen_on",
                "insured_on",
            ),
            DATE,
        )
        help_texts = {
            "started_on": _("The first day of the engagement; the certificate names it."),
            "ended_on": _("With the status “left”: empty means today."),
        }


class AvailabilityForm(TimeRangeMixin, forms.ModelForm):
    # The select shows Monday first, so Monday is the initial value: an empty extra row posts
    # weekday=0 and still counts as unchanged (skipped), instead of demanding its times.
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), coerce=int, choices=Weekday.choices, initial=Weekday.choices[0][0]
    )

    class Meta:
        model = Availability
        fields = ["weekday", "start", "end"]
        widgets = {"start": TIME}
        field_classes = {"end": EndTimeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end"].widget = TIME
        self.fields["end"].help_text = EndTimeField.default_help_text


AvailabilityFormSet = forms.inlineformset_factory(
    Volunteer,
    Availability,
    form=AvailabilityForm,
    extra=1,
    can_delete=True,
    max_num=21,
    # Django would build up to max_num + 1000 forms for a forged TOTAL_FORMS; 21 a week is
    # plenty, so a forged count is refused without building thousands of forms.
    absolute_max=21,
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
        self.fields["district"] = district_field()
        if self.instance.pk:
            self.fields["consent"].initial = self.instance.consents


class HelpRequestForm(TimeRangeMixin, forms.ModelForm):
    """What and when. A new date, or a changed one of a request not yet done, must lie from
    today to a year ahead (models.validate_new_help_date)."""

    weekday = forms.TypedChoiceField(
        label=_("or every week on"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "---------"), *Weekday.choices],
    )

    class Meta:
        model = HelpRequest
        fields = ["kind", "date", "weekday", "start", "end", "urgency", "prefers_gender", "notes"]
        widgets = {
            "date": DATE,
            "start": TIME,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"end": EndTimeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"] = RequestableKindField(
            label=capfirst(HelpRequest._meta.get_field("kind").verbose_name),
            keep=self.instance.kind if self.instance.pk else "",
            blank=True,
        )
        self.fields["end"].widget = TIME
        self.fields["end"].help_text = EndTimeField.default_help_text
        # The stored date, before the form writes the new one into the instance.
        self._stored_date = self.instance.date

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date")
        if day is None and cleaned.get("weekday") is None and "date" not in self.errors:
            self.add_error("date", _("Give a date, or a weekday for help every week."))
        new = self.instance.pk is None
        changed = day != self._stored_date and self.instance.status != HelpRequest.Status.DONE
        if day is not None and (new or changed):
            try:
                validate_new_help_date(day, today=timezone.localdate())
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class DoneHelpRequestForm(HelpRequestForm):
    """Correcting a finished request: also the day the help was given and the time spent."""

    class Meta(HelpRequestForm.Meta):
        fields = [*HelpRequestForm.Meta.fields, "helped_on", "minutes_spent"]
        widgets = {**HelpRequestForm.Meta.widgets, "helped_on": DATE}


class CloseForm(forms.Form):
    """Closing a request as done: the day the help was given and the minutes it took.

    The day lies from the day the request was recorded to today (HelpRequest.clean, checked by
    the service); `agreed_ahead`, the agreed date when it still lies ahead, adds a hint that
    the day the help was actually given belongs here.
    """

    helped_on = forms.DateField(
        label=_("Help given on"),
        widget=DATE,
        validators=[past_date],
        help_text=_("Hours count in the year and month of this day."),
    )
    minutes_spent = forms.IntegerField(
        label=_("Time spent (minutes)"), min_value=0, max_value=1440, required=False
    )

    def __init__(self, *args, agreed_ahead: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if agreed_ahead is not None:
            self.fields["helped_on"].help_text = format_lazy(
                "{} {}",
                self.fields["helped_on"].help_text,
                _(
                    "The agreed day, %(date)s, is still ahead: if the help has already been "
                    "given, enter the day it was given."
                )
                % {"date": formats.date_format(agreed_ahead, "SHORT_DATE_FORMAT")},
            )


class QualificationForm(forms.Form):
    """A qualification on the volunteer's page: kind and dates, never a copy of the proof."""

    prefix = "qualification"  # the page also holds the volunteer's own form

    kind = forms.ChoiceField(label=_("Qualification"), choices=QualificationKind.choices)
    obtained_on = forms.DateField(
        label=_("Obtained or last renewed on"), widget=DATE, validators=[history_date]
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=DATE,
        required=False,
        validators=[planned_date],
        help_text=_(
            "Empty: two years from that day (§ 43 IfSG refresher, first aid training), "
            "unless the proof says otherwise."
        ),
    )


class ShiftAssignForm(forms.Form):
    volunteer = forms.ModelChoiceField(
        label=pgettext_lazy("person", "Volunteer"), queryset=Volunteer.objects.none()
    )

    def __init__(self, *args, treff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = Volunteer.objects.filter(
            treff=treff, status=Volunteer.Status.ACTIVE
        )


class ShiftTemplateForm(TimeRangeMixin, forms.ModelForm):
    weekdays = forms.MultipleChoiceField(
        label=_("Weekdays"),
        choices=Weekday.choices,
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
            "required_qualification",
            "starts_on",
            "ends_on",
        ]
        widgets = {"start": TIME, "starts_on": DATE, "ends_on": DATE}
        field_classes = {"end": EndTimeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end"].widget = TIME
        self.fields["end"].help_text = EndTimeField.default_help_text

    def clean_weekdays(self):
        return sorted(int(day) for day in self.cleaned_data["weekdays"])
