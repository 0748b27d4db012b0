from django import forms
from django.utils.translation import gettext_lazy as _

from treff.core.forms import scoped_formfield
from treff.treffs.models import OpeningHours, Room

from . import planning
from .models import (
    BookingRequest,
    ClosureDay,
    Language,
    Offer,
    PlanRules,
    PlanVersion,
    RecurrenceKind,
    Series,
    SeriesChange,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OfferForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Offer
        fields = [
            "title",
            "category",
            "description",
            "provider",
            "contact_person",
            "audience",
            "languages",
            "registration_required",
            "capacity",
            "free_of_charge",
            "public",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RecurrenceFormMixin:
    """Weekday checkboxes and the engine's validation for series and booking requests."""

    weekday_field = forms.MultipleChoiceField(
        label=_("Weekdays"),
        choices=OpeningHours.Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For weekly series: one or more; for the n-th weekday: exactly one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A one-off date needs no last date; clean() sets it to the first.
        self.fields["ends_on"].required = False

    def clean_weekdays(self):
        return sorted(int(day) for day in self.cleaned_data.get("weekdays") or [])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == RecurrenceKind.ONCE and cleaned.get("starts_on"):
            cleaned["ends_on"] = cleaned["starts_on"]
        elif not cleaned.get("ends_on") and "ends_on" not in self.errors:
            self.add_error("ends_on", forms.Field.default_error_messages["required"])
        if self.errors:
            return cleaned
        for problem in planning.recurrence_problems(cleaned):
            self.add_error(problem.field if problem.field in self.fields else None, problem.message)
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        return cleaned


RECURRENCE_FIELDS = [
    "kind",
    "starts_on",
    "ends_on",
    "interval",
    "weekdays",
    "nth",
    "month_day",
    "start_time",
    "end_time",
]
RECURRENCE_WIDGETS = {
    "kind": forms.RadioSelect,
    "starts_on": DATE,
    "ends_on": DATE,
    "start_time": TIME,
    "end_time": TIME,
}


class SeriesForm(RecurrenceFormMixin, forms.ModelForm):
    weekdays = RecurrenceFormMixin.weekday_field
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Series
        fields = [
            "offer",
            *RECURRENCE_FIELDS,
            "room",
            "responsible",
            "expected_participants",
            "needs_barrier_free",
            "holiday_policy",
            "note",
        ]
        widgets = {**RECURRENCE_WIDGETS, "holiday_policy": forms.RadioSelect}
        formfield_callback = scoped_formfield

    def __init__(self, *args, treff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.filter(treff=treff).order_by("title")
        self.fields["room"].queryset = Room.objects.filter(treff=treff).order_by("name")
        self.fields["room"].label_from_instance = lambda room: room.name
        self.fields["responsible"].queryset = planning.people_of(treff)
        self.fields["kind"].choices = RecurrenceKind.choices
        self.fields["version"].initial = self.instance.version if self.instance.pk else None


class SeriesChangeForm(forms.ModelForm):
    """Cancel or move one date of a series."""

    action = forms.ChoiceField(
        label=_("What happens on this date?"),
        choices=[("cancel", _("It is cancelled")), ("move", _("It moves"))],
        widget=forms.RadioSelect,
        initial="cancel",
    )

    class Meta:
        model = SeriesChange
        fields = ["action", "new_date", "new_start", "new_end", "new_room", "reason"]
        widgets = {"new_date": DATE, "new_start": TIME, "new_end": TIME}
        formfield_callback = scoped_formfield

    def __init__(self, *args, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_room"].queryset = Room.objects.filter(treff=series.treff_id)
        self.fields["new_room"].label_from_instance = lambda room: room.name
        self.fields["new_room"].help_text = _("Leave empty to keep the room.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "move":
            if not cleaned.get("new_date"):
                self.add_error("new_date", _("Enter the new date."))
            start, end = cleaned.get("new_start"), cleaned.get("new_end")
            if start and end and end <= start:
                self.add_error("new_end", _("The end time must be after the start time."))
        return cleaned


class ClosureDayForm(forms.ModelForm):
    class Meta:
        model = ClosureDay
        fields = ["date", "reason"]
        widgets = {"date": DATE}


class PlanRulesForm(forms.ModelForm):
    class Meta:
        model = PlanRules
        fields = [
            "coordinator_presence",
            "presence_start",
            "presence_end",
            "lunch_max_per_week",
            "lunch_start",
            "lunch_end",
            "require_visiting_counselling_room",
        ]
        widgets = {
            "presence_start": TIME,
            "presence_end": TIME,
            "lunch_start": TIME,
            "lunch_end": TIME,
        }


class BookingRequestForm(RecurrenceFormMixin, forms.ModelForm):
    weekdays = RecurrenceFormMixin.weekday_field

    class Meta:
        model = BookingRequest
        fields = ["title", "category", "room_kind", *RECURRENCE_FIELDS, "message"]
        widgets = {**RECURRENCE_WIDGETS, "message": forms.Textarea(attrs={"rows": 3})}


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AcceptForm(forms.Form):
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none())
    reason = forms.CharField(
        label=_("Message to the requester"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, booking_request, **kwargs):
        super().__init__(*args, **kwargs)
        rooms = Room.objects.filter(treff=booking_request.treff_id).order_by("name")
        self.fields["room"].queryset = rooms
        self.fields["room"].label_from_instance = lambda room: room.name
        preferred = rooms.filter(kind=booking_request.room_kind).first()
        self.fields["room"].initial = preferred.pk if preferred else None


class PlanVersionForm(forms.ModelForm):
    class Meta:
        model = PlanVersion
        fields = ["title", "valid_from", "valid_to"]
        widgets = {"valid_from": DATE, "valid_to": DATE}


class PlanDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the plan")), ("return", _("Return it with comments"))],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("comments", "").strip():
            self.add_error("comments", _("Say what should change when you return a plan."))
        return cleaned
